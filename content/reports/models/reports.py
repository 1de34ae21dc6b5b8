from django.conf import settings
from django.db import models

from content.base.models import OperationalRecord
from content.reports.models.cases import Case
from content.reports.models.choices import Kind, Platform


class Report(OperationalRecord):
    """What one person sent through /lapor/. The tracking code itself is never stored: the form's
    one-time token derives it (content/reports/rules/codes.py), and the row keeps its digest."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="reports")
    code_digest = models.CharField(max_length=64, unique=True, editable=False)
    form_token = models.CharField(max_length=64, unique=True, editable=False)
    kind = models.CharField("jenis", max_length=20, choices=Kind.choices)
    links = models.JSONField("tautan", default=list, blank=True)
    platform = models.CharField("platform", max_length=16, choices=Platform.choices)
    seen_at = models.DateTimeField("dilihat pada", null=True, blank=True)
    description = models.TextField("isi unggahan", blank=True)
    # Personal data: seen by the desk only, never by the partner or in exports; erased after
    # the retention period (services/retention.py).
    contact_email = models.EmailField("email pelapor", blank=True)
    contact_phone = models.CharField("telepon pelapor", max_length=20, blank=True)
    contact_consent = models.BooleanField("bersedia dihubungi", default=False)
    contact_erased_at = models.DateTimeField("kontak dihapus", null=True, blank=True)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="akun pelapor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("dikirim", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "laporan"
        verbose_name_plural = "laporan"
        ordering = ["submitted_at"]

    def __str__(self):
        return f"Laporan #{self.pk} ({self.get_kind_display()})"


def _screenshot_path(instance, filename):
    # Private storage (the default); the name carries no part of the reporter's file name.
    return f"aduan/{instance.stored_sha256[:2]}/{instance.stored_sha256}.png"


class Screenshot(OperationalRecord):
    """A screenshot as kept: decoded and re-encoded on the server (no EXIF, nothing hidden), with
    the SHA-256 of what was uploaded and of what is kept, for the chain of custody."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="screenshots")
    image = models.FileField("berkas", upload_to=_screenshot_path, editable=False)
    original_sha256 = models.CharField("SHA-256 asli", max_length=64, editable=False)
    stored_sha256 = models.CharField("SHA-256 tersimpan", max_length=64, editable=False)
    original_size = models.PositiveIntegerField("ukuran asli (byte)", editable=False)
    original_format = models.CharField("format asli", max_length=10, editable=False)
    width = models.PositiveIntegerField("lebar", editable=False)
    height = models.PositiveIntegerField("tinggi", editable=False)
    # Perceptual hash (imagehash's pHash, 64 bits as 16 hex digits) for near-duplicates.
    phash = models.CharField("hash persepsi", max_length=16, db_index=True, editable=False)
    # Grouping of near-identical screenshots (rules/similar.py): the fingerprint of the bottom
    # window, and its 64 bits as four indexed 16-bit bands to find close ones without a scan.
    grouping_hash = models.CharField(
        "sidik kemiripan", max_length=16, blank=True, default="", editable=False
    )
    band0 = models.IntegerField(null=True, db_index=True, editable=False)
    band1 = models.IntegerField(null=True, db_index=True, editable=False)
    band2 = models.IntegerField(null=True, db_index=True, editable=False)
    band3 = models.IntegerField(null=True, db_index=True, editable=False)
    uploaded_at = models.DateTimeField("diunggah", auto_now_add=True)

    class Meta:
        verbose_name = "tangkapan layar"
        verbose_name_plural = "tangkapan layar"
        ordering = ["pk"]

    def __str__(self):
        return f"Tangkapan layar {self.stored_sha256[:12]}"
