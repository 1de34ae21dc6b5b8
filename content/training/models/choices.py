"""The words of the training domain, as choices. Kept apart from the models so that the rules,
services and selectors can use them without importing the page models."""

from django.db import models


class SessionMode(models.TextChoices):
    OFFLINE = "offline", "Tatap muka"
    ONLINE = "online", "Daring"
    HYBRID = "hybrid", "Hibrida (tatap muka dan daring)"


class TargetGroup(models.TextChoices):
    ASN = "asn", "ASN (PNS dan PPPK)"
    PTT = "ptt", "PTT / non-ASN"
    ALL = "all", "ASN dan PTT"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", "Terdaftar"
    WAITLISTED = "waitlisted", "Daftar tunggu"
    CANCELLED = "cancelled", "Dibatalkan"


class AttendanceStatus(models.TextChoices):
    PRESENT = "hadir", "Hadir"
    LATE = "terlambat", "Terlambat"
    EXCUSED = "izin", "Izin"
    ABSENT = "tidak_hadir", "Tidak hadir"


# Who counts as having attended: for certificates, post-tests and statistics.
ATTENDED_STATUSES = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceMethod(models.TextChoices):
    QR = "qr", "Pindai QR"
    CODE = "kode", "Ketik kode"
    MANUAL = "manual", "Dicatat petugas"
    IMPORT = "impor", "Impor daftar hadir"
