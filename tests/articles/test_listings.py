import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.base.models.mixins import Audience
from tests.factories.articles import (
    ArticlePageFactory,
    FactCheckPageFactory,
    TopicFactory,
)
from tests.factories.images import ImageFactory

pytestmark = pytest.mark.django_db


def _article(site_tree, **kwargs):
    tags = kwargs.pop("tags", ["hoaks"])
    page = ArticlePageFactory(parent=site_tree.materials, listing_image=ImageFactory(), **kwargs)
    page.tags.add(*tags)
    page.save_revision().publish()
    return page


def _titles(response):
    return [item.title for item in response.context["listing"]]


class TestMaterialsListing:
    def test_lists_live_articles_newest_first(self, client, site_tree):
        older = _article(site_tree, title="Lama", published_date="2024-01-01")
        newer = _article(site_tree, title="Baru", published_date="2024-06-01")
        draft = ArticlePageFactory(parent=site_tree.materials, title="Draf", live=False)

        response = client.get("/materi/")

        assert response.status_code == 200
        assert _titles(response) == [newer.title, older.title]
        assert draft.title not in response.content.decode()

    def test_filters_by_topic_tag_and_audience(self, client, site_tree):
        anti_hoax = TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
        _article(site_tree, title="A", topic=anti_hoax, audience=Audience.ASN, tags=["pilkada"])
        _article(site_tree, title="B", topic=anti_hoax, audience=Audience.PTT, tags=["phishing"])
        _article(site_tree, title="C", audience=Audience.ASN, tags=["pilkada"])

        assert sorted(_titles(client.get("/materi/?topik=anti-hoaks"))) == ["A", "B"]
        assert sorted(_titles(client.get("/materi/?tag=pilkada"))) == ["A", "C"]
        assert sorted(_titles(client.get("/materi/?audiens=asn"))) == ["A", "C"]
        assert _titles(client.get("/materi/?topik=anti-hoaks&audiens=ptt")) == ["B"]

    def test_unknown_filter_values_are_ignored(self, client, site_tree):
        _article(site_tree, title="A")
        response = client.get("/materi/?topik=tidak-ada&audiens=alien&halaman=99")
        assert response.status_code == 200
        assert _titles(response) == ["A"]

    def test_tag_and_topic_pages_have_their_own_urls(self, client, site_tree):
        topic = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
        _article(site_tree, title="Netral", topic=topic, tags=["pilkada"])
        _article(site_tree, title="Lain", tags=["phishing"])

        topic_page = client.get("/materi/topik/netralitas-asn/")
        tag_page = client.get("/materi/tag/pilkada/")

        assert _titles(topic_page) == ["Netral"]
        assert "<h1>Netralitas ASN</h1>" in topic_page.content.decode()
        assert _titles(tag_page) == ["Netral"]
        assert "<h1>#pilkada</h1>" in tag_page.content.decode()
        assert client.get("/materi/topik/tidak-ada/").status_code == 404
        assert client.get("/materi/tag/tidak-ada/").status_code == 404

    def test_paginates_by_twelve(self, client, site_tree):
        for number in range(14):
            _article(site_tree, title=f"Materi {number}")
        first, second = client.get("/materi/"), client.get("/materi/?halaman=2")
        assert len(_titles(first)) == 12
        assert len(_titles(second)) == 2
        assert "Halaman 1 dari 2" in first.content.decode()


class TestListingQueryCount:
    """A listing runs the same number of queries whether it shows two items or twelve."""

    def _queries(self, client, url):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    @pytest.mark.parametrize("url", ["/materi/", "/materi/?tag=hoaks", "/materi/tag/hoaks/"])
    def test_materials_listing_is_constant(self, client, site_tree, url):
        topic = TopicFactory()
        for _ in range(2):
            _article(site_tree, topic=topic, tags=["hoaks", "wa"])
        client.get(url)  # warm the image renditions, made on first view
        small = self._queries(client, url)

        for _ in range(10):
            _article(site_tree, topic=TopicFactory(), tags=["hoaks", "wa", "pilkada"])
        client.get(url)
        large = self._queries(client, url)

        assert large == small

    def test_fact_check_listing_is_constant(self, client, site_tree):
        def add(count):
            for _ in range(count):
                page = FactCheckPageFactory(
                    parent=site_tree.fact_checks, listing_image=ImageFactory(), topic=TopicFactory()
                )
                page.tags.add("hoaks")
                page.save_revision().publish()
            client.get("/cek-fakta/")

        add(2)
        small = self._queries(client, "/cek-fakta/")
        add(10)
        assert self._queries(client, "/cek-fakta/") == small

    def test_home_page_is_constant(self, client, site_tree):
        _article(site_tree)
        client.get("/")
        small = self._queries(client, "/")
        for _ in range(8):
            _article(site_tree, topic=TopicFactory())
        client.get("/")
        assert self._queries(client, "/") == small
