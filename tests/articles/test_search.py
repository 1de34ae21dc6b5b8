import pytest

from tests.factories.articles import ArticlePageFactory, FactCheckPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(site_tree):
    article = ArticlePageFactory(
        parent=site_tree.materials,
        title="Mengenali pesan berantai di grup WhatsApp",
        summary="Cara memeriksa kabar sebelum membagikannya.",
    )
    fact_check = FactCheckPageFactory(
        parent=site_tree.fact_checks,
        title="Lowongan PPPK lewat tautan WhatsApp",
        summary="Rekrutmen resmi hanya lewat portal SSCASN.",
        claim="Pendaftaran PPPK dibuka lewat tautan WhatsApp",
        verdict="hoaks",
    )
    unrelated = ArticlePageFactory(
        parent=site_tree.materials, title="Kata sandi yang kuat", summary="Gunakan frasa sandi."
    )
    draft = ArticlePageFactory(
        parent=site_tree.materials, title="Draf WhatsApp rahasia", summary="x", live=False
    )
    return article, fact_check, unrelated, draft


class TestSearch:
    def test_finds_materials_and_fact_checks(self, client, published):
        article, fact_check, unrelated, draft = published
        response = client.get("/cari/", {"q": "whatsapp"})
        titles = {result.title for result in response.context["results"]}
        assert titles == {article.title, fact_check.title}

    def test_highlights_the_verdict_of_fact_checks(self, client, published):
        html = client.get("/cari/", {"q": "PPPK"}).content.decode()
        assert 'class="verdict verdict--hoaks">HOAKS<' in html
        assert "1 hasil untuk" in html

    def test_no_result_says_so_in_indonesian(self, client, published):
        html = client.get("/cari/", {"q": "zzzxxyy"}).content.decode()
        assert "Tidak ada hasil untuk" in html

    def test_empty_query_shows_the_form_only(self, client, published):
        response = client.get("/cari/")
        assert response.status_code == 200
        assert list(response.context["results"]) == []
