import json
import re

import pytest

from tests.factories.articles import FactCheckPageFactory

pytestmark = pytest.mark.django_db


def _json_ld(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, "exactly one JSON-LD block expected"
    return json.loads(blocks[0])


class TestClaimReviewMarkup:
    def test_head_carries_a_claim_review_for_the_verdict(self, client, site_tree):
        page = FactCheckPageFactory(
            parent=site_tree.fact_checks,
            claim="Pendaftaran CPNS dibuka lewat tautan WhatsApp",
            verdict="hoaks",
            claim_author="Akun anonim",
            claim_first_seen="2024-09-01",
            published_date="2024-09-03",
            archive_links=[
                {"type": "archive", "value": {"url": "https://arsip.example/1", "note": "Arsip"}}
            ],
        )

        html = client.get(page.url).content.decode()
        head = html.split("</head>")[0]
        data = _json_ld(head)

        assert data["@type"] == "ClaimReview"
        assert data["claimReviewed"] == "Pendaftaran CPNS dibuka lewat tautan WhatsApp"
        assert data["datePublished"] == "2024-09-03"
        assert data["url"].endswith(page.url)
        assert data["reviewRating"] == {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "HOAKS",
        }
        assert data["itemReviewed"]["author"]["name"] == "Akun anonim"
        assert data["itemReviewed"]["datePublished"] == "2024-09-01"
        assert data["itemReviewed"]["appearance"] == [
            {"@type": "CreativeWork", "url": "https://arsip.example/1"}
        ]

    def test_a_true_claim_rates_five(self, client, site_tree):
        page = FactCheckPageFactory(parent=site_tree.fact_checks, verdict="fakta")
        data = _json_ld(client.get(page.url).content.decode())
        assert data["reviewRating"]["ratingValue"] == 5
        assert data["reviewRating"]["alternateName"] == "FAKTA"

    def test_markup_cannot_be_broken_out_of(self, client, site_tree):
        page = FactCheckPageFactory(
            parent=site_tree.fact_checks, claim="</script><script>alert(1)</script>"
        )
        html = client.get(page.url).content.decode()
        assert "<script>alert(1)" not in html
        assert _json_ld(html)["claimReviewed"] == "</script><script>alert(1)</script>"

    def test_page_shows_claim_verdict_and_sources(self, client, site_tree):
        page = FactCheckPageFactory(
            parent=site_tree.fact_checks,
            verdict="menyesatkan",
            claim="Klaim yang beredar",
            sources=[
                {
                    "type": "source",
                    "value": {
                        "title": "Rilis BKN",
                        "publisher": "BKN",
                        "url": "https://bkn.go.id/x",
                    },
                }
            ],
        )
        html = client.get(page.url).content.decode()
        assert "Klaim yang beredar" in html
        assert 'class="verdict verdict--menyesatkan">MENYESATKAN<' in html
        assert 'href="https://bkn.go.id/x"' in html
