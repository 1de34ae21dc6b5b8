import pytest

from content.base.cache import CACHE_HEADER, current_generation
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def article(site_tree):
    page = ArticlePageFactory(parent=site_tree.materials, title="Judul pertama")
    page.save_revision().publish()
    return page


class TestAnonymousPageCache:
    def test_second_anonymous_view_is_served_from_cache(self, client, cache_on, article):
        first = client.get(article.url)
        second = client.get(article.url)
        assert first[CACHE_HEADER] == "miss"
        assert second[CACHE_HEADER] == "hit"
        assert second.content == first.content

    def test_publishing_invalidates_at_once(self, client, cache_on, article):
        client.get("/materi/")
        article.title = "Judul diperbarui"
        article.save_revision().publish()

        listing = client.get("/materi/")
        detail = client.get(article.url)

        assert listing[CACHE_HEADER] == "miss"
        assert "Judul diperbarui" in listing.content.decode()
        assert "Judul diperbarui" in detail.content.decode()

    def test_unpublishing_invalidates(self, client, cache_on, article):
        assert client.get(article.url).status_code == 200
        article.unpublish()
        assert client.get(article.url).status_code == 404

    def test_deleting_invalidates(self, client, cache_on, site_tree, article):
        other = ArticlePageFactory(parent=site_tree.materials, title="Pembanding")
        client.get("/materi/")
        other.delete()
        assert "Pembanding" not in client.get("/materi/").content.decode()

    def test_moving_invalidates(self, client, cache_on, site_tree, article):
        other = ArticlePageFactory(parent=site_tree.materials, title="Pembanding")
        before = current_generation()
        other.move(article, pos="left")
        assert current_generation() == before + 1

    def test_editing_a_topic_invalidates(self, client, cache_on, site_tree):
        topic = TopicFactory(name="Topik Lama")
        client.get("/materi/")
        topic.name = "Topik Baru"
        topic.save()
        assert "Topik Baru" in client.get("/materi/").content.decode()

    def test_logged_in_users_always_get_fresh_pages(self, client, cache_on, article):
        client.force_login(UserFactory())
        first = client.get(article.url)
        second = client.get(article.url)
        assert CACHE_HEADER not in first
        assert CACHE_HEADER not in second

    def test_admin_and_errors_are_not_cached(self, client, cache_on, article):
        assert CACHE_HEADER not in client.get("/admin/login/")
        client.get("/tidak-ada/")
        assert CACHE_HEADER not in client.get("/tidak-ada/")
