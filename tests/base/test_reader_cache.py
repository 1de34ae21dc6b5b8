"""The reader cache: logged-in participants share one rendered copy of a page, and each gets
their own parts (registration, CSRF token, account menu) filled in. Tests that a change shows
first show that the copy really came from the cache (a change made without any signal stays
unseen), so none passes with the cache off."""

import re

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction, Site

from content.articles.models import ArticlePage
from content.base.models import SiteSettings
from content.base.page_cache import CACHE_HEADER
from content.training import services
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory, editor

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def reader_cache_on(settings):
    settings.READER_CACHE_SECONDS = 600


@pytest.fixture
def article(site_tree):
    page = ArticlePageFactory(parent=site_tree.materials, title="Judul pertama")
    page.save_revision().publish()
    return page


@pytest.fixture
def session(sessions):
    page = SessionPageFactory(
        parent=sessions,
        title="Etika Digital",
        capacity=10,
        mode="hybrid",
        online_url="https://rapat.contoh.go.id/ruang-rahasia-123",
    )
    page.save_revision().publish()
    return page


def _reader(**kwargs):
    client = Client()
    client.force_login(ParticipantFactory(**kwargs))
    return client


def _quietly_retitle(page, title):
    ArticlePage.objects.filter(pk=page.pk).update(title=title)


def _text(response):
    return response.content.decode()


class TestSharedCopy:
    def test_a_second_reader_gets_the_copy_the_first_one_rendered(self, reader_cache_on, article):
        first = _reader().get(article.url)
        _quietly_retitle(article, "Diam-diam diubah")
        second = _reader().get(article.url)
        assert (first[CACHE_HEADER], second[CACHE_HEADER]) == ("reader-miss", "reader-hit")
        assert "Judul pertama" in _text(second)
        assert "Akun saya" in _text(second)

    def test_the_copy_is_the_page_the_reader_would_have_got(
        self, settings, reader_cache_on, session
    ):
        client = _reader()
        client.get(session.url)
        cached = client.get(session.url)
        settings.READER_CACHE_SECONDS = 0
        rendered = client.get(session.url)
        assert cached[CACHE_HEADER] == "reader-hit"
        assert CACHE_HEADER not in rendered
        assert CSRF.sub("", _text(cached)) == CSRF.sub("", _text(rendered))

    def test_markers_never_reach_the_reader(self, reader_cache_on, session):
        client = _reader()
        client.get(session.url)
        assert not re.search(r"lnt[0-9a-f]{16}h[0-9]+e", _text(client.get(session.url)))

    def test_turned_off_it_stores_nothing(self, settings, article):
        settings.READER_CACHE_SECONDS = 0
        client = _reader()
        client.get(article.url)
        _quietly_retitle(article, "Versi terbaru")
        response = client.get(article.url)
        assert CACHE_HEADER not in response
        assert "Versi terbaru" in _text(response)


class TestPersonalParts:
    def test_one_readers_registration_is_never_shown_to_another(self, reader_cache_on, session):
        registered, other = ParticipantFactory(), ParticipantFactory()
        services.registration_create(session=session, participant=registered)
        first, second = Client(), Client()
        first.force_login(registered)
        second.force_login(other)

        mine = first.get(session.url)
        theirs = second.get(session.url)
        mine_again = first.get(session.url)

        assert theirs[CACHE_HEADER] == "reader-hit"
        assert "Anda terdaftar" in _text(mine) and "Anda terdaftar" in _text(mine_again)
        assert "rapat.contoh.go.id" in _text(mine_again)
        assert "Anda terdaftar" not in _text(theirs)
        assert "rapat.contoh.go.id" not in _text(theirs)
        assert "Daftar sekarang" in _text(theirs)
        assert "Daftar sekarang" not in _text(mine_again)

    def test_each_request_gets_its_own_csrf_token(self, reader_cache_on, session):
        first, second = _reader(), _reader()
        first.get(session.url)
        tokens = {
            CSRF.search(_text(client.get(session.url))).group(1) for client in (first, second)
        }
        assert len(tokens) == 2

    def test_the_token_in_a_shared_copy_is_accepted(self, reader_cache_on, session):
        participant = ParticipantFactory()
        client = Client(enforce_csrf_checks=True)
        client.force_login(participant)
        _reader().get(session.url)  # someone else rendered the copy
        page = client.get(session.url)
        assert page[CACHE_HEADER] == "reader-hit"
        token = CSRF.search(_text(page)).group(1)
        response = client.post(
            session.url + "daftar/", {"csrfmiddlewaretoken": token}, HTTP_REFERER=session.url
        )
        assert response.status_code == 302
        assert session.registrations.filter(participant=participant).exists()

    def test_a_registration_shows_at_once_to_the_one_who_registered(self, reader_cache_on, session):
        participant = ParticipantFactory()
        client = Client()
        client.force_login(participant)
        client.get(session.url)
        assert "0 dari 10 kursi terisi" in _text(client.get(session.url))
        services.registration_create(session=session, participant=participant)
        page = _text(client.get(session.url))
        assert "Anda terdaftar" in page
        assert "1 dari 10 kursi terisi" in page

    def test_the_account_menu_is_filled_in(self, reader_cache_on, article):
        client = _reader()
        client.get(article.url)
        page = _text(client.get(article.url))
        assert 'href="/akun/"' in page
        assert "Masuk</a>" not in page


class TestWhoShares:
    def test_staff_never_get_the_readers_copy(self, reader_cache_on, article):
        _reader().get(article.url)
        _quietly_retitle(article, "Versi terbaru")
        client = Client()
        client.force_login(editor())
        response = client.get(article.url)
        assert CACHE_HEADER not in response
        assert "Versi terbaru" in _text(response)

    def test_a_user_with_a_permission_renders_afresh(self, reader_cache_on, article):
        from django.contrib.auth.models import Permission

        _reader().get(article.url)
        _quietly_retitle(article, "Versi terbaru")
        user = UserFactory()
        user.user_permissions.add(Permission.objects.get(codename="change_attendance"))
        client = Client()
        client.force_login(user)
        assert "Versi terbaru" in _text(client.get(article.url))

    def test_a_reader_made_organizer_sees_the_organizer_tools_at_once(
        self, reader_cache_on, session
    ):
        from django.contrib.auth.models import Group

        participant = ParticipantFactory()
        client = Client()
        client.force_login(participant)
        client.get(session.url)
        assert client.get(session.url)[CACHE_HEADER] == "reader-hit"
        participant.groups.add(Group.objects.get(name="Organizer"))
        response = client.get(session.url)
        assert CACHE_HEADER not in response
        assert "Untuk penyelenggara" in _text(response)

    def test_an_organizer_made_reader_again_gets_the_shared_copy(self, reader_cache_on, session):
        from django.contrib.auth.models import Group

        participant = ParticipantFactory()
        participant.groups.add(Group.objects.get(name="Organizer"))
        client = Client()
        client.force_login(participant)
        assert "Untuk penyelenggara" in _text(client.get(session.url))
        participant.groups.clear()
        client.get(session.url)
        response = client.get(session.url)
        assert response[CACHE_HEADER] == "reader-hit"
        assert "Untuk penyelenggara" not in _text(response)

    def test_pending_messages_bypass_the_copy(self, reader_cache_on, article):
        client = _reader()
        client.get(article.url)
        client.cookies["messages"] = "pesan"
        assert CACHE_HEADER not in client.get(article.url)

    def test_a_restricted_page_is_never_shared(self, reader_cache_on, article):
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        first = _reader().get(article.url)
        _quietly_retitle(article, "Versi terbaru")
        second = _reader().get(article.url)
        assert CACHE_HEADER not in first
        assert "Versi terbaru" in _text(second)

    def test_the_account_page_is_never_shared(self, reader_cache_on):
        assert CACHE_HEADER not in _reader().get("/akun/")


class TestInvalidation:
    def test_publishing_a_change_shows_at_once(self, reader_cache_on, article):
        client = _reader()
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "reader-hit"
        article.title = "Judul diperbarui"
        article.save_revision().publish()
        assert "Judul diperbarui" in _text(client.get(article.url))

    def test_a_new_article_shows_on_the_listing_and_the_home_page(
        self, reader_cache_on, site_tree, article
    ):
        client = _reader()
        for url in ("/materi/", "/"):
            client.get(url)
            assert client.get(url)[CACHE_HEADER] == "reader-hit"
        newer = ArticlePageFactory(parent=site_tree.materials, title="Materi paling baru")
        newer.save_revision().publish()
        assert "Materi paling baru" in _text(client.get("/materi/"))
        assert "Materi paling baru" in _text(client.get("/"))

    def test_editing_a_topic_shows_at_once(self, reader_cache_on, site_tree):
        topic = TopicFactory(name="Topik Lama")
        client = _reader()
        client.get("/materi/")
        assert client.get("/materi/")[CACHE_HEADER] == "reader-hit"
        topic.name = "Topik Baru"
        topic.save()
        assert "Topik Baru" in _text(client.get("/materi/"))

    def test_editing_the_site_settings_shows_at_once(self, reader_cache_on, article):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        client = _reader()
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "reader-hit"
        settings.footer_text = "Kaki halaman baru"
        settings.save()
        assert "Kaki halaman baru" in _text(client.get(article.url))

    def test_unpublishing_shows_at_once(self, reader_cache_on, article):
        client = _reader()
        client.get(article.url)
        assert client.get(article.url)[CACHE_HEADER] == "reader-hit"
        article.unpublish()
        assert client.get(article.url).status_code == 404


class TestUserBar:
    def test_an_editor_gets_wagtails_user_bar(self, reader_cache_on, article):
        client = Client()
        client.force_login(editor())
        assert "wagtail-userbar" in _text(client.get(article.url))

    def test_a_reader_gets_none(self, reader_cache_on, article):
        client = _reader()
        client.get(article.url)
        assert "wagtail-userbar" not in _text(client.get(article.url))
