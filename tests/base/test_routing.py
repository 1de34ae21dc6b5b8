"""Routing, view restrictions, site settings and the fragments every reader shares come from the
cache (content/base/routing.py, {% cache ... page_generation %}); every change that moves the
page cache's generation shows at once, with the page cache itself off (the test settings).

Each test first shows that the page came from a cached route or fragment (a change made without
any signal stays unseen), so none passes without the caching it tests."""

import pytest
from django.core.cache import cache
from wagtail.models import Page, PageViewRestriction, Site

from content.articles.models import ArticlePage
from content.base.models import SiteSettings
from tests.factories.articles import ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")


@pytest.fixture
def article(site_tree, topic):
    page = ArticlePageFactory(
        parent=site_tree.materials, title="Judul pertama", slug="judul-pertama", topic=topic
    )
    page.save_revision().publish()
    return page


def _text(response):
    return response.content.decode()


def _quietly(page, **fields):
    """Change a page's row without a publish or any signal."""
    Page.objects.filter(pk=page.pk).update(**fields)


class TestRoutes:
    def test_a_route_is_remembered(self, client, article):
        assert client.get("/materi/judul-pertama/").status_code == 200
        _quietly(article, url_path=article.url_path.replace("judul-pertama", "lain"), slug="lain")
        # Wagtail would no longer find it by its slug; the remembered route still does.
        assert client.get("/materi/judul-pertama/").status_code == 200

    def test_a_new_slug_shows_at_once(self, client, article):
        assert client.get("/materi/judul-pertama/").status_code == 200
        article.slug = "judul-baru"
        article.save_revision().publish()
        assert client.get("/materi/judul-pertama/").status_code == 404
        assert client.get("/materi/judul-baru/").status_code == 200

    def test_unpublishing_shows_at_once(self, client, article):
        assert client.get(article.url).status_code == 200
        article.unpublish()
        assert client.get("/materi/judul-pertama/").status_code == 404

    def test_a_page_unpublished_quietly_is_still_not_served(self, client, article):
        # The remembered route leads to the page; the page itself still checks it is live.
        assert client.get(article.url).status_code == 200
        _quietly(article, live=False)
        assert client.get("/materi/judul-pertama/").status_code == 404

    def test_moving_shows_at_once(self, client, site_tree, article):
        assert client.get("/materi/judul-pertama/").status_code == 200
        other = ArticlePageFactory(parent=site_tree.materials, slug="induk-lain")
        other.save_revision().publish()
        ArticlePage.objects.get(pk=article.pk).move(site_tree.fact_checks, pos="last-child")
        # Not the remembered page: Wagtail's redirect to where it went.
        response = client.get("/materi/judul-pertama/")
        assert (response.status_code, response["Location"]) == (301, "/cek-fakta/judul-pertama/")

    def test_deleting_shows_at_once(self, client, article):
        assert client.get("/materi/judul-pertama/").status_code == 200
        article.delete()
        assert client.get("/materi/judul-pertama/").status_code == 404

    def test_sub_routes_of_an_index_still_resolve(self, client, article, topic):
        client.get("/materi/topik/anti-hoaks/")
        response = client.get("/materi/topik/anti-hoaks/")
        assert response.status_code == 200
        assert "Judul pertama" in _text(response)
        assert client.get("/materi/topik/tidak-ada/").status_code == 404


class TestViewRestrictions:
    def test_a_restriction_applies_at_once(self, client, article):
        assert client.get(article.url).status_code == 200
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        response = client.get(article.url)
        assert response.status_code == 302
        assert "/akun/masuk/" in response["Location"] or "login" in response["Location"]

    def test_a_restriction_on_the_section_applies_to_its_pages(self, client, site_tree, article):
        assert client.get(article.url).status_code == 200
        PageViewRestriction.objects.create(page=site_tree.materials, restriction_type="login")
        assert client.get(article.url).status_code == 302

    def test_lifting_a_restriction_applies_at_once(self, client, article):
        restriction = PageViewRestriction.objects.create(page=article, restriction_type="login")
        assert client.get(article.url).status_code == 302
        restriction.delete()
        assert client.get(article.url).status_code == 200

    def test_restricted_pages_leave_the_listing(self, client, site_tree, article):
        assert "Judul pertama" in _text(client.get("/materi/"))
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        assert "Judul pertama" not in _text(client.get("/materi/"))


class TestSiteSettings:
    def test_saved_settings_show_at_once(self, client, article):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        client.get(article.url)
        SiteSettings.objects.filter(pk=settings.pk).update(footer_text="Diam-diam diubah")
        assert "Diam-diam diubah" not in _text(client.get(article.url))
        settings.footer_text = "Kaki halaman baru"
        settings.save()
        assert "Kaki halaman baru" in _text(client.get(article.url))


class TestSharedFragments:
    def test_the_body_is_shared_until_a_publish(self, client, article):
        client.get(article.url)
        ArticlePage.objects.filter(pk=article.pk).update(summary="Ringkasan diam-diam")
        assert '<p class="lead">Ringkasan diam-diam' not in _text(client.get(article.url))
        article.summary = "Ringkasan terbit"
        article.save_revision().publish()
        assert '<p class="lead">Ringkasan terbit' in _text(client.get(article.url))

    def test_a_preview_shows_the_draft_not_the_shared_fragment(self, client, article):
        client.get(article.url)  # the live body is now a shared fragment
        article.summary = "Ringkasan draf"
        article.save_revision()
        draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
        preview = draft.make_preview_request()
        preview.render()
        assert '<p class="lead">Ringkasan draf' in _text(preview)
        # ...and the preview left nothing behind for readers.
        assert '<p class="lead">Ringkasan draf' not in _text(client.get(article.url))

    def test_a_new_related_article_shows_at_once(self, client, site_tree, article, topic):
        client.get(article.url)
        newer = ArticlePageFactory(parent=site_tree.materials, title="Materi terkait", topic=topic)
        newer.save_revision().publish()
        assert "Materi terkait" in _text(client.get(article.url))

    def test_renaming_a_topic_shows_on_the_article_and_the_home_page(self, client, article, topic):
        for url in (article.url, "/"):
            client.get(url)
        topic.name = "Topik Baru"
        topic.save()
        assert "Topik Baru" in _text(client.get(article.url))
        assert "Topik Baru" in _text(client.get("/"))

    def test_each_listing_url_has_its_own_copy(self, client, site_tree, article):
        other = ArticlePageFactory(parent=site_tree.materials, title="Tanpa topik")
        other.save_revision().publish()
        everything = _text(client.get("/materi/"))
        filtered = _text(client.get("/materi/?topik=anti-hoaks"))
        assert "Tanpa topik" in everything
        assert "Tanpa topik" not in filtered
        assert "Judul pertama" in filtered


def test_a_very_long_path_keeps_the_route_key_short(client, site_tree, monkeypatch):
    """A client chooses the path's length; the route cache's key must not grow with it."""
    written = []
    original_set = cache.set
    monkeypatch.setattr(
        cache, "set", lambda key, *a, **k: written.append(key) or original_set(key, *a, **k)
    )
    client.get("/sesi/" + "w" * 3000 + "/kalender/")
    client.get("/materi/tag/" + "x" * 3000 + "/")
    route_keys = [key for key in written if ":route:" in key]
    assert route_keys, "the routable page's sub-route was remembered"
    assert max(len(key) for key in route_keys) < 100
