"""The four pillars of digital literacy, as the national framework (Kominfo's Peta Jalan
Literasi Digital, measured yearly as the Indeks Literasi Digital) names them, and the
framework's sub-indicators under each.

They live here, with the topics, because every app above needs the words: a topic (and so its
materials and sessions) leans on a pillar, a question in the bank measures one, a
self-assessment statement asks about one, and the statistics compute an index per pillar.
"""

from django.db import models


class Pillar(models.TextChoices):
    KECAKAPAN = "kecakapan", "Kecakapan digital"
    ETIKA = "etika", "Etika digital"
    KEAMANAN = "keamanan", "Keamanan digital"
    BUDAYA = "budaya", "Budaya digital"


# What each pillar asks of a person, in one sentence (shown beside the index).
PILLAR_DESCRIPTIONS = {
    Pillar.KECAKAPAN: "Mengenal dan memakai perangkat, aplikasi, mesin pencari dan media sosial, "
    "termasuk memeriksa kebenaran informasi.",
    Pillar.ETIKA: "Beretika di ruang digital: sopan santun, tidak menyebarkan hoaks atau ujaran "
    "kebencian, dan bagi ASN menjaga netralitas.",
    Pillar.KEAMANAN: "Melindungi perangkat, akun dan data pribadi, serta mengenali penipuan "
    "digital.",
    Pillar.BUDAYA: "Membawa nilai Pancasila dan kebinekaan ke ruang digital serta menghargai hak "
    "digital orang lain.",
}


class Indicator(models.TextChoices):
    """The framework's sub-indicators; the first word of each value names its pillar."""

    KECAKAPAN_PERANGKAT = "kecakapan-perangkat", "Perangkat keras dan lunak"
    KECAKAPAN_INFORMASI = "kecakapan-informasi", "Mencari dan memeriksa informasi"
    KECAKAPAN_PERCAKAPAN = "kecakapan-percakapan", "Aplikasi percakapan dan media sosial"
    KECAKAPAN_TRANSAKSI = "kecakapan-transaksi", "Dompet digital, lokapasar dan transaksi"
    ETIKA_ETIKET = "etika-etiket", "Etiket berinternet"
    ETIKA_KONTEN = "etika-konten", "Hoaks, ujaran kebencian dan perundungan"
    ETIKA_PARTISIPASI = "etika-partisipasi", "Interaksi, partisipasi dan kolaborasi"
    ETIKA_NETRALITAS = "etika-netralitas", "Netralitas ASN di media sosial"
    KEAMANAN_PERANGKAT = "keamanan-perangkat", "Proteksi perangkat digital"
    KEAMANAN_DATA = "keamanan-data", "Proteksi identitas dan data pribadi"
    KEAMANAN_PENIPUAN = "keamanan-penipuan", "Penipuan digital"
    KEAMANAN_JEJAK = "keamanan-jejak", "Rekam jejak digital"
    BUDAYA_KEBANGSAAN = "budaya-kebangsaan", "Wawasan kebangsaan dan nilai Pancasila"
    BUDAYA_KEBINEKAAN = "budaya-kebinekaan", "Kebinekaan dan toleransi"
    BUDAYA_HAK = "budaya-hak", "Hak digital dan produk dalam negeri"


def pillar_of(indicator):
    """The pillar a sub-indicator belongs to ('' for none)."""
    if not indicator:
        return ""
    return Pillar(str(indicator).split("-", 1)[0])


def indicators_of(pillar):
    return [choice for choice in Indicator if pillar_of(choice) == pillar]
