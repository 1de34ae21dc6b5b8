from django.db import models


class Kind(models.TextChoices):
    HOAX = "hoaks", "Hoaks"
    ASN_CAMPAIGN = "asn_kampanye", "ASN ikut kampanye"
    HATE_SPEECH = "ujaran_kebencian", "Ujaran kebencian"
    OTHER = "lainnya", "Lainnya"


class Platform(models.TextChoices):
    FACEBOOK = "facebook", "Facebook"
    INSTAGRAM = "instagram", "Instagram"
    TIKTOK = "tiktok", "TikTok"
    X = "x", "X (Twitter)"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", "WhatsApp"
    OTHER = "lainnya", "Lainnya"


class Status(models.TextChoices):
    NEW = "baru", "Baru"
    VERIFIED = "diverifikasi", "Diverifikasi"
    IN_PROGRESS = "ditindaklanjuti", "Ditindaklanjuti"
    DONE = "selesai", "Selesai"
    REJECTED = "ditolak", "Ditolak"


class PartnerOutcome(models.TextChoices):
    ACTED_ON = "ditindaklanjuti", "Ditindaklanjuti"
    NOT_A_VIOLATION = "bukan_pelanggaran", "Bukan pelanggaran"
    NOT_OUR_AUTHORITY = "bukan_kewenangan", "Bukan kewenangan"
