"""The demo's article texts (topics, materials, fact-checks): a snapshot of what the demo builds
its pages from, so moving the texts out of Python into data files (issue 20) changes nothing:
the same titles, slugs, order, tags, dates, body blocks, claims and sources.

When a demo text is changed on purpose, print `_digest(...)` and update SNAPSHOT_SHA256.
"""

import hashlib
import json

from content.demo.article_texts import ARTICLES, FACT_CHECKS, TOPICS

SNAPSHOT_SHA256 = "4c20971cb8245543f4a6b0b60e7dddfc0ce5f9b02156f2b8a218c16758a5c9ec"
ARTICLE_SLUGS = [
    "kenali-ciri-hoaks-di-grup-whatsapp",
    "cek-sumber-sebelum-berbagi",
    "mengenali-deepfake-dan-konten-ai",
    "waspada-undangan-pernikahan-apk",
    "modus-pesan-kurir-palsu",
    "kata-sandi-kuat-dan-verifikasi-dua-langkah",
    "mengenal-uu-pelindungan-data-pribadi",
    "netralitas-asn-di-masa-pilkada",
    "sanksi-pelanggaran-netralitas-asn",
    "pegawai-non-asn-wajib-netral",
    "etika-asn-bermedia-sosial",
    "jejak-digital-bertahan-lama",
    "waspada-pinjol-ilegal-dan-investasi-bodong",
    "panduan-orang-tua-anak-aman-di-internet",
]
FACT_CHECK_SLUGS = [
    "hoaks-rekrutmen-cpns-pppk-lewat-whatsapp",
    "hoaks-tautan-pendaftaran-bansos-tunai",
    "disinformasi-video-sekda-ajak-asn-dukung-calon",
    "misinformasi-surat-edaran-libur-sekolah",
    "satire-asn-wajib-sepeda-tandem-bersama-atasan",
    "menyesatkan-rebusan-jahe-lemon-ganti-obat-hipertensi",
    "fakta-kelas-keamanan-digital-gratis-umkm",
]


def _digest(topics, articles, fact_checks):
    """Every value of every text, keys sorted (JSON writes tuples as lists: the shapes are
    checked on their own below)."""
    text = json.dumps(
        {"topics": topics, "articles": articles, "fact_checks": fact_checks},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(text.encode()).hexdigest()


class TestDemoTexts:
    def test_the_texts_are_the_snapshot(self):
        assert _digest(TOPICS, ARTICLES, FACT_CHECKS) == SNAPSHOT_SHA256

    def test_the_pages_come_in_the_same_order(self):
        assert [item["slug"] for item in ARTICLES] == ARTICLE_SLUGS
        assert [item["slug"] for item in FACT_CHECKS] == FACT_CHECK_SLUGS
        assert [topic["slug"] for topic in TOPICS] == [
            "literasi-digital",
            "anti-hoaks",
            "netralitas-asn",
            "keamanan-digital",
        ]

    def test_the_values_have_the_shapes_the_pages_are_built_from(self):
        for item in ARTICLES:
            assert isinstance(item["tags"], list) and isinstance(item["days_ago"], int)
            for block in item["body"]:
                assert isinstance(block, tuple)
                assert len(block) == {"heading": 2, "paragraph": 2, "quote": 3}[block[0]]
        for item in FACT_CHECKS:
            assert isinstance(item["tags"], list) and isinstance(item["days_ago"], int)
            assert isinstance(item["claim_first_seen_days_ago"], int)
            assert all(isinstance(paragraph, str) for paragraph in item["explanation"])
            assert all(isinstance(s, tuple) and len(s) == 3 for s in item["sources"])
            assert all(isinstance(a, tuple) and len(a) == 2 for a in item["archive_links"])
