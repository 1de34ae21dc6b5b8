"""The ClaimReview a fact-check page carries, read from the rendered page by extruct (the
structured-data extractor fact-check aggregators use), as Google's fact-check markup asks
(issue 19): `claimReviewed` a short sentence (the whole claim ran to hundreds of characters),
the claim's author (itemReviewed.author) and the reviewing organisation's address (author.url).
"""

import importlib

import extruct
import pytest
from django.core.exceptions import ValidationError

from content.articles.models import FactCheckPage
from content.demo import texts
from tests.factories.articles import FactCheckPageFactory

pytestmark = pytest.mark.django_db

LONG_CLAIM = (
    "Dibuka penerimaan CPNS dan PPPK Pemerintah Kota Lentera jalur khusus TANPA TES. Kuota "
    "terbatas! Kirim CV, foto KTP, ijazah, dan biaya administrasi Rp750.000 ke nomor WhatsApp "
    "panitia di bawah ini paling lambat hari Jumat, bagikan ke semua grup agar semua tahu."
)
migration = importlib.import_module("content.articles.migrations.0004_factcheck_short_claim")


def _claim_reviews(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    found = extruct.extract(
        response.content.decode(), base_url=page.get_full_url(), syntaxes=["json-ld"]
    )["json-ld"]
    return [item for item in found if item.get("@type") == "ClaimReview"]


def test_the_rendered_claim_review_has_what_google_asks(client, site_tree):
    page = FactCheckPageFactory(
        parent=site_tree.fact_checks,
        claim=LONG_CLAIM,
        claim_short="Rekrutmen CPNS Pemkot Lentera dibuka lewat WhatsApp tanpa tes",
        claim_author="Akun WhatsApp yang mengaku panitia",
        claim_author_kind="person",
        verdict="hoaks",
    )
    [review] = _claim_reviews(client, page)

    assert review["@context"] == "https://schema.org"
    assert (
        review["claimReviewed"] == "Rekrutmen CPNS Pemkot Lentera dibuka lewat WhatsApp tanpa tes"
    )
    assert len(review["claimReviewed"]) <= 75 < len(LONG_CLAIM)
    assert review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"] == {
        "@type": "Person",
        "name": "Akun WhatsApp yang mengaku panitia",
    }
    author = review["author"]
    assert author["@type"] == "Organization" and author["name"]
    home = site_tree.home.get_full_url()
    assert author["url"] == home and author["url"].startswith(("http://", "https://"))
    assert review["url"] == page.get_full_url()
    assert review["reviewRating"]["alternateName"] == "HOAKS"


def test_a_claim_made_by_an_organisation_is_typed_so(client, site_tree):
    page = FactCheckPageFactory(
        parent=site_tree.fact_checks,
        claim_author="Situs humor daring",
        claim_author_kind="organization",
        verdict="satire",
    )
    [review] = _claim_reviews(client, page)
    assert review["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Situs humor daring",
    }


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"claim_short": ""}, "claim_short"),
        ({"claim_short": "x" * 101}, "claim_short"),
        ({"claim_author": ""}, "claim_author"),
    ],
)
def test_a_short_claim_and_an_author_are_required_and_the_claim_bounded(site_tree, changes, field):
    page = FactCheckPageFactory(parent=site_tree.fact_checks)
    for name, value in changes.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert field in error.value.message_dict


def test_every_demo_fact_check_has_a_short_claim_and_an_author():
    for item in texts.fact_checks():
        assert 0 < len(item["claim_short"]) <= 75, item["slug"]
        assert item["claim_author"], item["slug"]
        assert item["claim_author_kind"] in {"person", "organization"}


class TestTheMigrationFillsExistingFactChecks:
    def test_the_first_sentence_when_it_is_short(self):
        claim = "Pendaftaran CPNS dibuka lewat WhatsApp. Kirim biaya administrasi sekarang!"
        assert migration.short_claim(claim) == "Pendaftaran CPNS dibuka lewat WhatsApp."

    def test_a_long_sentence_is_cut_at_a_word_within_the_bound(self):
        short = migration.short_claim("kata " * 60)
        assert len(short) <= FactCheckPage._meta.get_field("claim_short").max_length
        assert short.endswith("kata…")

    def test_spaces_and_line_breaks_are_one_space(self):
        assert migration.short_claim("  Vaksin\nberbahaya  ") == "Vaksin berbahaya"

    def test_an_unknown_author_says_where_the_claim_went_round(self):
        assert (
            migration.unknown_author("Grup WhatsApp")
            == "Tidak diketahui (beredar di Grup WhatsApp)"
        )
        assert migration.unknown_author("") == "Tidak diketahui"
        assert len(migration.unknown_author("x" * 300)) == 200

    def test_revisions_get_the_same(self):
        content = {"claim": LONG_CLAIM, "claim_origin": "Facebook", "claim_author": ""}
        assert migration._filled(content) == {
            "claim_short": migration.short_claim(LONG_CLAIM),
            "claim_author": "Tidak diketahui (beredar di Facebook)",
            "claim_author_kind": "person",
        }
