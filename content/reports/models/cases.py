from django.conf import settings
from django.db import models

from content.base.models import OperationalRecord
from content.reports.models.choices import Kind, PartnerOutcome, Platform, Status


class Case(OperationalRecord):
    """One post (or one set of near-identical screenshots) however many people reported it.

    The desk works on cases; reports are what the public sent. Status, assignment, forwarding and
    the partner's outcome change only through content/reports/services.
    """

    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    platform = models.CharField("platform", max_length=16, choices=Platform.choices)
    summary = models.TextField("ringkasan", blank=True)
    status = models.CharField(
        "status", max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    reject_reason = models.TextField("alasan ditolak", blank=True)
    public_answer = models.TextField(
        "jawaban untuk pelapor",
        blank=True,
        help_text="Ditampilkan di halaman status laporan. Jangan tulis data pribadi.",
    )
    opened_at = models.DateTimeField("diterima", auto_now_add=True, db_index=True)
    first_response_at = models.DateTimeField("tanggapan pertama", null=True, blank=True)
    closed_at = models.DateTimeField("ditutup", null=True, blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="petugas",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # ASN neutrality: the agency and, if the desk finds them, the account of the person reported.
    # Visible to the desk and the partner only.
    agency = models.ForeignKey(
        "people.Agency",
        verbose_name="OPD",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ASN yang dilaporkan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fact_check = models.ForeignKey(
        "articles.FactCheckPage",
        verbose_name="cek fakta",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set once, when the fact-check drafted from this case is first published and its reporters
    # are told (services/fact_checks.py): a republication never emails them again.
    fact_check_notified_at = models.DateTimeField(
        "pelapor diberi tahu cek fakta", null=True, blank=True, editable=False
    )
    forwarded_at = models.DateTimeField("diteruskan ke Bawaslu", null=True, blank=True)
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diteruskan oleh",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    partner_outcome = models.CharField(
        "hasil Bawaslu", max_length=20, choices=PartnerOutcome.choices, blank=True
    )
    partner_note = models.TextField("catatan Bawaslu", blank=True)
    partner_outcome_at = models.DateTimeField("hasil dicatat", null=True, blank=True)

    class Meta:
        verbose_name = "kasus aduan"
        verbose_name_plural = "kasus aduan"
        ordering = ["-opened_at"]
        permissions = [
            ("triage_case", "Menangani kasus aduan"),
            ("view_reporter_contact", "Melihat kontak pelapor"),
            ("forward_case", "Meneruskan kasus ke Bawaslu"),
            ("record_partner_outcome", "Mencatat hasil tindak lanjut Bawaslu"),
        ]
        indexes = [models.Index(fields=["status", "opened_at"])]

    def __str__(self):
        return f"Kasus #{self.pk}: {self.get_kind_display()} ({self.get_platform_display()})"


class CaseLink(OperationalRecord):
    """A normalised link that belongs to a case. The unique constraint is what groups reports of
    the same post into one case, even when two arrive at the same instant."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    normalised = models.CharField("tautan ternormalisasi", max_length=500, unique=True)
    platform = models.CharField("platform", max_length=16, choices=Platform.choices)

    class Meta:
        verbose_name = "tautan kasus"
        verbose_name_plural = "tautan kasus"

    def __str__(self):
        return self.normalised
