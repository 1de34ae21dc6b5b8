"""The demo's article texts (topics, materials, fact-checks), read from content/demo/data/ by
content/demo/texts.py: a snapshot of what the demo builds its pages from. The snapshot was taken
from the Python module the texts were kept in before (content/articles/demo_content.py, issue
20), so the data files give the same titles, slugs, order, tags, dates, body blocks, claims and
sources: the same demo pages.

When a demo text is changed on purpose, print `_digest(...)` and update SNAPSHOT_SHA256.
"""

import hashlib
import json

import pytest

from content.demo import texts

TOPICS, ARTICLES, FACT_CHECKS = texts.topics(), texts.articles(), texts.fact_checks()

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


class TestTheDataFileFormat:
    """What content/demo/texts.py reads, shown on small files."""

    def _write(self, tmp_path, monkeypatch, folder, name, text):
        (tmp_path / folder).mkdir(exist_ok=True)
        (tmp_path / folder / name).write_text(text, encoding="utf-8")
        monkeypatch.setattr(texts, "DATA", tmp_path)

    def test_an_article_reads_as_front_matter_and_blocks(self, tmp_path, monkeypatch):
        text = (
            "---\ntitle: Judul\nslug: judul\ntags: a, b\ndays_ago: 4\nsummary: Satu\n"
            "  dua\n---\n\nBaris satu\nbaris dua.\n\n## Sub\n\n> Kutipan\n> lanjut.\n"
            "> — Seseorang\n"
        )
        self._write(tmp_path, monkeypatch, "articles", "01-judul.md", text)
        assert texts.articles() == [
            {
                "title": "Judul",
                "slug": "judul",
                "tags": ["a", "b"],
                "days_ago": 4,
                "summary": "Satu dua",
                "body": [
                    ("paragraph", "Baris satu baris dua."),
                    ("heading", "Sub"),
                    ("quote", "Kutipan lanjut.", "Seseorang"),
                ],
            }
        ]

    def test_a_fact_check_reads_its_sources_and_archive(self, tmp_path, monkeypatch):
        text = (
            "---\nslug: cek\n---\n\nPenjelasan.\n\n## Sumber\n\n"
            "- [Judul sumber](https://a.example/x) — Penerbit\n\n## Arsip\n\n"
            "- [Catatan](https://web.archive.org/y)\n"
        )
        self._write(tmp_path, monkeypatch, "fact_checks", "01-cek.md", text)
        assert texts.fact_checks() == [
            {
                "slug": "cek",
                "explanation": ["Penjelasan."],
                "sources": [("Judul sumber", "Penerbit", "https://a.example/x")],
                "archive_links": [("https://web.archive.org/y", "Catatan")],
            }
        ]

    @pytest.mark.parametrize(
        "name, text, message",
        [
            ("01-a.md", "title: no front matter\n", "front matter"),
            ("01-a.md", "---\nslug: b\n---\n", "slug"),
            ("01-a.md", "---\nslug: a\nno colon\n---\n", "key: value"),
            ("01-a.md", "---\nslug: a\n---\n\n> A quote without attribution\n", "attribution"),
        ],
    )
    def test_a_file_of_another_shape_is_refused_by_name(
        self, tmp_path, monkeypatch, name, text, message
    ):
        self._write(tmp_path, monkeypatch, "articles", name, text)
        with pytest.raises(texts.TextError, match=message) as error:
            texts.articles()
        assert name in str(error.value)
