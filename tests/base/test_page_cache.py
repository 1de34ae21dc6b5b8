"""The anonymous page cache. Each test first shows that a page really came from the cache (a
change made without any signal stays invisible), so none of them passes with the cache off."""

import pytest
from wagtail.models import Site

from content.articles.models import ArticlePage
from content.base.models import SiteSettings
from content.base.page_cache import CACHE_HEADER, current_generation
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(site_tree):
    page = ArticlePageFactory(parent=site_tree.materials, title="Judul pertama")
    page.save_revision().publish()
    return page


def _quietly_retitle(page, title):
    """Change a page in the database without a publish or any signal."""
    ArticlePage.objects.filter(pk=page.pk).update(title=title)


def _text(response):
    return response.content.decode()


class TestAnonymousPageCache:
    def test_second_view_comes_from_the_cache_without_a_query(
        self, client, cache_on, article, django_assert_num_queries
    ):
        first = client.get(article.url)
        with django_assert_num_queries(0):
            second = client.get(article.url)
        assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
        assert second.content == first.content

    def test_a_change_without_a_publish_stays_unseen(self, client, cache_on, article):
        client.get(article.url)
        _quietly_retitle(article, "Diam-diam diubah")
        assert "Judul pertama" in _text(client.get(article.url))

    def test_publishing_invalidates_every_page_at_once(self, client, cache_on, site_tree, article):
        other = ArticlePageFactory(parent=site_tree.materials, title="Pembanding")
        other.save_revision().publish()
        client.get("/materi/")
        client.get(other.url)
        _quietly_retitle(other, "Diam-diam diubah")

        article.title = "Judul diperbarui"
        article.save_revision().publish()

        listing = client.get("/materi/")
        assert listing[CACHE_HEADER] == "miss"
        assert "Judul diperbarui" in _text(listing)
        # A page the publish did not touch was rendered again too.
        assert "Diam-diam diubah" in _text(client.get(other.url))

    def test_unpublishing_invalidates(self, client, cache_on, article):
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "hit"
        article.unpublish()
        assert client.get(article.url).status_code == 404

    def test_deleting_invalidates(self, client, cache_on, site_tree, article):
        other = ArticlePageFactory(parent=site_tree.materials, title="Pembanding")
        other.save_revision().publish()
        client.get("/materi/")
        _quietly_retitle(other, "Diam-diam diubah")
        assert "Pembanding" in _text(client.get("/materi/"))
        other.delete()
        assert "Pembanding" not in _text(client.get("/materi/"))

    def test_moving_invalidates(self, client, cache_on, site_tree, article):
        other = ArticlePageFactory(parent=site_tree.materials, title="Pembanding")
        before = current_generation()
        other.move(article, pos="left")
        assert current_generation() == before + 1

    def test_editing_a_topic_invalidates(self, client, cache_on, site_tree):
        topic = TopicFactory(name="Topik Lama")
        client.get("/materi/")
        assert client.get("/materi/")[CACHE_HEADER] == "hit"
        topic.name = "Topik Baru"
        topic.save()
        assert "Topik Baru" in _text(client.get("/materi/"))

    def test_editing_the_site_settings_invalidates(self, client, cache_on, article):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "hit"
        settings.footer_text = "Kaki halaman baru"
        settings.save()
        assert "Kaki halaman baru" in _text(client.get(article.url))

    def test_logged_in_users_get_fresh_pages_while_visitors_get_the_cached_one(
        self, client, cache_on, article
    ):
        client.get(article.url)
        _quietly_retitle(article, "Versi terbaru")
        assert "Judul pertama" in _text(client.get(article.url))

        client.force_login(UserFactory())
        response = client.get(article.url)
        # Never the visitors' copy: a fresh render (which the reader cache may keep, see
        # tests/base/test_reader_cache.py).
        assert response.get(CACHE_HEADER) in (None, "reader-miss")
        assert "Versi terbaru" in _text(response)

    def test_pending_messages_bypass_the_cache(self, client, cache_on, article):
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "hit"
        client.cookies["messages"] = "pesan"
        assert CACHE_HEADER not in client.get(article.url)

    def test_admin_and_errors_are_not_cached(self, client, cache_on, article):
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "hit"
        client.get("/admin/login/")
        assert CACHE_HEADER not in client.get("/admin/login/")
        client.get("/tidak-ada/")
        assert CACHE_HEADER not in client.get("/tidak-ada/")

    def test_turned_off_it_stores_nothing(self, client, settings, article):
        settings.PAGE_CACHE_SECONDS = 0
        client.get(article.url)
        _quietly_retitle(article, "Versi terbaru")
        assert "Versi terbaru" in _text(client.get(article.url))


class TestServedEarly:
    """The copy is served by PageCopyMiddleware, above sessions, locale and CSRF: it carries
    what every response gets there (the headers of the middleware above it, on every hit) and
    what the middleware below added when the page was rendered."""

    def test_a_hit_carries_the_headers_the_rendered_page_had(self, client, cache_on, article):
        first = client.get(article.url)
        second = client.get(article.url)
        assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("miss", "hit")
        headers = {name: value for name, value in first.items() if name != CACHE_HEADER}
        assert {name: value for name, value in second.items() if name != CACHE_HEADER} == headers
        for name in (
            "Content-Security-Policy",
            "Permissions-Policy",
            "X-Frame-Options",
            "X-Content-Type-Options",
            "Content-Language",
            "Content-Length",
        ):
            assert second.has_header(name), name
        assert second.cookies == {}

    def test_a_hit_needs_no_session(self, client, cache_on, article, monkeypatch):
        from django.contrib.sessions.backends.base import SessionBase

        client.get(article.url)

        def loaded(self):
            raise AssertionError("a cached page read the session")

        monkeypatch.setattr(SessionBase, "_get_session", loaded)
        assert client.get(article.url)[CACHE_HEADER] == "hit"
