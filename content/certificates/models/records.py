"""Issued certificates, the number counters, verification lookups and bulk issues."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from content.base.models import OperationalRecord
from content.certificates.models.choices import Role, VerificationResult


class NumberSequence(OperationalRecord):
    """The last number given per template per year. Issuing locks this row, so numbers never
    repeat, and takes the number in the same transaction as the certificate, so a failed issue
    gives its number back: none is ever skipped."""

    template = models.ForeignKey(
        "certificates.CertificateTemplate", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["template", "year"], name="certificates_one_counter")
        ]


def _certificate_path(certificate, filename):
    return f"sertifikat/{certificate.issued_at:%Y}/{certificate.code}.pdf"


class Certificate(OperationalRecord):
    # The verification code: 160 random bits in Crockford base32, printed in groups of four.
    code = models.CharField("kode verifikasi", max_length=32, unique=True, editable=False)
    number = models.CharField("nomor", max_length=120, unique=True, editable=False)
    template = models.ForeignKey(
        "certificates.CertificateTemplate",
        verbose_name="templat",
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    year = models.PositiveSmallIntegerField("tahun nomor")
    sequence = models.PositiveIntegerField("urutan")
    role = models.CharField("peran", max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pemegang",
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    quiz = models.ForeignKey(
        "quizzes.Quiz",
        verbose_name="kuis",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # What is printed, kept as issued: a later change of name, NIP or agency does not change a
    # certificate already given.
    holder_name = models.CharField("nama", max_length=200)
    holder_nip = models.CharField("NIP", max_length=18, blank=True)
    holder_agency = models.CharField("instansi", max_length=200, blank=True)
    event_title = models.CharField("kegiatan", max_length=255)
    event_date = models.DateField("tanggal kegiatan")
    training_hours = models.PositiveSmallIntegerField("JP")
    score = models.DecimalField("nilai", max_digits=5, decimal_places=2, null=True, blank=True)
    issued_at = models.DateTimeField("diterbitkan")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diterbitkan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField("berlaku sampai", null=True, blank=True)
    pdf = models.FileField("berkas PDF", upload_to=_certificate_path, blank=True, editable=False)
    pdf_sha256 = models.CharField("SHA-256 berkas", max_length=64, blank=True, editable=False)
    revoked_at = models.DateTimeField("dicabut", null=True, blank=True, editable=False)
    revoked_reason = models.CharField("alasan pencabutan", max_length=300, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="dicabut oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        verbose_name = "sertifikat"
        verbose_name_plural = "sertifikat"
        ordering = ["-issued_at", "-pk"]
        permissions = [
            ("issue_certificate", "Dapat menerbitkan sertifikat"),
            # Any holder's PDF (content/certificates/rules.py); the holder needs nothing.
            ("download_certificate", "Dapat mengunduh PDF sertifikat siapa pun"),
        ]
        constraints = [
            # Issuing twice for the same person, event and role gives the same certificate.
            models.UniqueConstraint(
                fields=["participant", "session", "role"],
                condition=Q(session__isnull=False),
                name="certificates_one_per_session_and_role",
            ),
            models.UniqueConstraint(
                fields=["participant", "quiz", "role"],
                condition=Q(quiz__isnull=False),
                name="certificates_one_per_quiz_and_role",
            ),
            models.UniqueConstraint(
                fields=["template", "year", "sequence"], name="certificates_sequence_once"
            ),
            models.CheckConstraint(
                condition=Q(session__isnull=False, quiz__isnull=True)
                | Q(session__isnull=True, quiz__isnull=False),
                name="certificates_for_a_session_or_a_quiz",
            ),
        ]

    def __str__(self):
        return f"{self.number} - {self.holder_name or 'pemegang tidak disebutkan'}"

    @property
    def holder_erased(self):
        """The holder's personal data was erased: the certificate stays, naming no one."""
        return self.participant.erased_at is not None

    @property
    def grouped_code(self):
        return "-".join(self.code[i : i + 4] for i in range(0, len(self.code), 4))

    @property
    def is_revoked(self):
        return self.revoked_at is not None


class VerificationLookup(OperationalRecord):
    """Every verification asked for: when, which code (as typed, cut short) and the answer,
    for the office to see who checks and what is being forged."""

    looked_up_at = models.DateTimeField("waktu", auto_now_add=True)
    code = models.CharField("kode", max_length=64, blank=True)
    by_upload = models.BooleanField("lewat unggahan berkas", default=False)
    result = models.CharField("hasil", max_length=16, choices=VerificationResult.choices)
    certificate = models.ForeignKey(
        Certificate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "pemeriksaan sertifikat"
        verbose_name_plural = "pemeriksaan sertifikat"
        ordering = ["-looked_up_at"]


class BulkIssue(OperationalRecord):
    """Issuing for a whole session in the task worker: progress, failures with reasons, and the
    ZIP of every PDF. Re-running continues where it stopped: issuing is idempotent."""

    class Status(models.TextChoices):
        QUEUED = "antre", "Menunggu"
        RUNNING = "berjalan", "Berjalan"
        DONE = "selesai", "Selesai"
        FAILED = "gagal", "Gagal"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        "training.SessionPage",
        verbose_name="sosialisasi",
        on_delete=models.CASCADE,
        related_name="+",
    )
    role = models.CharField("peran", max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    failures = models.JSONField(default=list)
    archive = models.FileField(upload_to="sertifikat/zip/", blank=True)
    send_email = models.BooleanField("kirim lewat email", default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The last sign of life from a worker: a job unfinished and silent for long lost its worker.
    moved_at = models.DateTimeField("terakhir bergerak", default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "penerbitan massal"
        verbose_name_plural = "penerbitan massal"
        ordering = ["-created_at"]

    @property
    def unfinished(self):
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)
