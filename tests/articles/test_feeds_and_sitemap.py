import xml.etree.ElementTree as ET

import pytest

from tests.factories.articles import ArticlePageFactory, FactCheckPageFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def pages(site_tree):
    article = ArticlePageFactory(parent=site_tree.materials, title="Literasi data pribadi")
    article.tags.add("pdp")
    article.save_revision().publish()
    fact_check = FactCheckPageFactory(
        parent=site_tree.fact_checks, title="Surat edaran libur palsu", verdict="disinformasi"
    )
    draft = ArticlePageFactory(parent=site_tree.materials, title="Belum terbit", live=False)
    return article, fact_check, draft


class TestFeeds:
    def test_materials_rss_lists_live_articles(self, client, pages):
        article, _, draft = pages
        response = client.get("/materi/rss/")
        assert response["Content-Type"].startswith("application/rss+xml")
        channel = ET.fromstring(response.content).find("channel")
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == [article.title]
        assert items[0].findtext("link").endswith(article.url)
        assert [c.text for c in items[0].findall("category")] == ["pdp"]

    def test_fact_check_atom_feed_names_the_verdict(self, client, pages):
        _, fact_check, _ = pages
        response = client.get("/cek-fakta/atom/")
        assert response["Content-Type"].startswith("application/atom+xml")
        entries = ET.fromstring(response.content).findall(f"{ATOM}entry")
        assert [e.findtext(f"{ATOM}title") for e in entries] == [
            f"[DISINFORMASI] {fact_check.title}"
        ]


class TestSitemapAndRobots:
    def test_sitemap_lists_live_pages_only(self, client, pages):
        article, fact_check, draft = pages
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        xml = response.content.decode()
        assert article.url in xml
        assert fact_check.url in xml
        assert "/materi/" in xml
        assert draft.slug not in xml

    def test_robots_points_to_the_sitemap_and_hides_the_admin(self, client, db):
        text = client.get("/robots.txt").content.decode()
        assert "Disallow: /admin/" in text
        assert "Sitemap: http://localhost/sitemap.xml" in text


def test_a_title_already_naming_its_verdict_is_not_prefixed_twice(client, site_tree):
    FactCheckPageFactory(
        parent=site_tree.fact_checks, title="[HOAKS] Bansos lewat tautan", verdict="hoaks"
    )
    root = ET.fromstring(client.get("/cek-fakta/rss/").content)
    assert [item.findtext("title") for item in root.iter("item")] == ["[HOAKS] Bansos lewat tautan"]
