"""Seats taken on /sesi/ and on a session page change without a publish: every write that
changes them refreshes the cached copies, and the copies last only until the status moves on."""

import datetime

import pytest
from django.utils import timezone

from content.base.page_cache import CACHE_HEADER
from content.training import selectors, services
from content.training.models import SessionPage
from tests.factories.articles import ArticlePageFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    session = SessionPageFactory(parent=sessions, title="Etika Digital", capacity=10)
    session.save_revision().publish()
    return session


def _cached(client, url):
    """Fetch `url` twice and show that the second answer came from the cache."""
    client.get(url)
    response = client.get(url)
    assert response[CACHE_HEADER] == "hit"
    return response.content.decode()


class TestSeatsTaken:
    def test_a_registration_refreshes_the_listing_and_the_session_page(
        self, client, cache_on, session
    ):
        assert "0/10 kursi terisi" in _cached(client, "/sesi/")
        assert "0 dari 10 kursi terisi" in _cached(client, session.url)

        services.registration_create(session=session, participant=ParticipantFactory())

        assert "1/10 kursi terisi" in client.get("/sesi/").content.decode()
        assert "1 dari 10 kursi terisi" in client.get(session.url).content.decode()

    def test_a_cancellation_and_an_organizers_change_refresh_them_too(
        self, client, cache_on, session
    ):
        first, second = ParticipantFactory(), ParticipantFactory()
        services.registration_create(session=session, participant=first)
        registration = services.registration_create(session=session, participant=second)
        assert "2/10 kursi terisi" in _cached(client, "/sesi/")

        services.registration_cancel(session=session, participant=first)
        assert "1/10 kursi terisi" in _cached(client, "/sesi/")

        services.registration_change(registration=registration, status="cancelled")
        assert "0/10 kursi terisi" in client.get("/sesi/").content.decode()

    def test_pages_without_seats_stay_cached(self, client, cache_on, site_tree, session):
        article = ArticlePageFactory(parent=site_tree.materials)
        article.save_revision().publish()
        client.get(article.url)

        services.registration_create(session=session, participant=ParticipantFactory())

        assert client.get(article.url)[CACHE_HEADER] == "hit"


class TestStatusFollowsTheClock:
    def test_a_session_page_is_kept_no_longer_than_until_registration_closes(
        self, client, cache_on, session, stored_timeouts
    ):
        SessionPage.objects.filter(pk=session.pk).update(
            registration_deadline=timezone.now() + datetime.timedelta(minutes=2)
        )
        client.get(session.url)
        [timeout] = stored_timeouts.values()
        assert 100 <= timeout <= 120

    def test_the_listing_is_kept_no_longer_than_until_a_registration_closes_or_midnight(
        self, client, cache_on, sessions, stored_timeouts
    ):
        closes = timezone.now() + datetime.timedelta(minutes=3)
        SessionPageFactory(parent=sessions, registration_deadline=closes).save_revision().publish()
        client.get("/sesi/")
        [timeout] = stored_timeouts.values()
        midnight = selectors.next_midnight()
        expected = min(closes, midnight) - timezone.now()
        assert expected.total_seconds() - 30 <= timeout <= expected.total_seconds()

    def test_a_session_that_is_over_is_kept_for_the_usual_time(
        self, client, cache_on, sessions, stored_timeouts
    ):
        past = SessionPageFactory(
            parent=sessions, date=timezone.localdate() - datetime.timedelta(days=2)
        )
        past.save_revision().publish()
        client.get(past.url)
        assert list(stored_timeouts.values()) == [600]
