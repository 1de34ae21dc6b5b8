"""The home page lists the featured self-paced quizzes that are open, and a cached copy of it
follows every change to them at once."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.base.page_cache import CACHE_HEADER
from tests.factories.quizzes import make_quiz

pytestmark = pytest.mark.django_db


def _cached(client, url):
    """Fetch `url` twice and show that the second answer came from the cache."""
    client.get(url)
    response = client.get(url)
    assert response[CACHE_HEADER] == "hit"
    return response.content.decode()


class TestFeaturedQuizzes:
    def test_the_home_page_links_a_featured_quiz(self, client, site_tree):
        make_quiz(title="Hoaks atau Fakta?", slug="hoaks-atau-fakta", featured=True)
        make_quiz(title="Kuis yang tidak ditonjolkan", featured=False)
        make_quiz(title="Kuis sesi saja", featured=True, self_paced=False)

        html = client.get("/").content.decode()

        assert "Uji pemahaman Anda" in html
        assert "Hoaks atau Fakta?" in html
        assert 'href="/kuis/hoaks-atau-fakta/"' in html
        assert "Kuis yang tidak ditonjolkan" not in html
        assert "Kuis sesi saja" not in html

    def test_no_section_without_featured_quizzes(self, client, site_tree):
        assert "Uji pemahaman Anda" not in client.get("/").content.decode()

    def test_a_quiz_outside_its_window_is_not_listed(self, client, site_tree):
        now = timezone.now()
        make_quiz(title="Kuis yang sudah ditutup", featured=True, closes_at=now)
        make_quiz(
            title="Kuis yang belum dibuka",
            featured=True,
            opens_at=now + datetime.timedelta(days=1),
        )

        html = client.get("/").content.decode()

        assert "Kuis yang sudah ditutup" not in html
        assert "Kuis yang belum dibuka" not in html

    def test_the_queries_do_not_grow_with_the_quizzes(self, client, site_tree):
        # The section adds two queries to the home page: the featured quizzes (at most three)
        # and the next time a featured quiz opens, for the page cache.
        def queries():
            with CaptureQueriesContext(connection) as captured:
                client.get("/")
            return len(captured)

        make_quiz(featured=True)
        client.get("/")
        one = queries()
        for _ in range(4):
            make_quiz(featured=True, closes_at=timezone.now() + datetime.timedelta(days=1))
        assert queries() == one


class TestCachedHomePage:
    def test_a_newly_featured_quiz_shows_at_once(self, client, cache_on, site_tree):
        quiz = make_quiz(title="Hoaks atau Fakta?", slug="hoaks-atau-fakta", featured=False)
        assert "Hoaks atau Fakta?" not in _cached(client, "/")

        quiz.featured = True
        quiz.save()

        response = client.get("/")
        assert response[CACHE_HEADER] == "miss"
        assert 'href="/kuis/hoaks-atau-fakta/"' in response.content.decode()

    def test_a_quiz_no_longer_featured_disappears_at_once(self, client, cache_on, site_tree):
        quiz = make_quiz(title="Hoaks atau Fakta?", featured=True)
        assert "Hoaks atau Fakta?" in _cached(client, "/")

        quiz.featured = False
        quiz.save()

        assert "Hoaks atau Fakta?" not in client.get("/").content.decode()

    def test_kept_no_longer_than_until_a_featured_quiz_closes(
        self, client, cache_on, site_tree, stored_timeouts
    ):
        make_quiz(featured=True, closes_at=timezone.now() + datetime.timedelta(minutes=2))
        client.get("/")
        [timeout] = stored_timeouts.values()
        assert 100 <= timeout <= 120

    def test_kept_no_longer_than_until_a_featured_quiz_opens(
        self, client, cache_on, site_tree, stored_timeouts
    ):
        make_quiz(featured=True, opens_at=timezone.now() + datetime.timedelta(minutes=3))
        client.get("/")
        [timeout] = stored_timeouts.values()
        assert 160 <= timeout <= 180
