"""The words of the certificate domain, apart from the models."""

from django.db import models


class Role(models.TextChoices):
    PARTICIPANT = "peserta", "Peserta"
    SPEAKER = "narasumber", "Narasumber"
    COMMITTEE = "panitia", "Panitia"


class PageSize(models.TextChoices):
    A4 = "A4", "A4 (210 × 297 mm)"
    F4 = "F4", "F4 / folio (215 × 330 mm)"
    LETTER = "letter", "Letter (216 × 279 mm)"


class Orientation(models.TextChoices):
    LANDSCAPE = "landscape", "Lanskap"
    PORTRAIT = "portrait", "Potret"


class VerificationResult(models.TextChoices):
    VALID = "sah", "Sah"
    REVOKED = "dicabut", "Dicabut"
    EXPIRED = "kedaluwarsa", "Kedaluwarsa"
    ALTERED = "diubah", "Berkas diubah"
    UNKNOWN = "tidak_dikenal", "Tidak dikenal"


# CSS page sizes, for WeasyPrint's @page rule.
PAGE_SIZE_CSS = {PageSize.A4: "A4", PageSize.F4: "215mm 330mm", PageSize.LETTER: "letter"}
