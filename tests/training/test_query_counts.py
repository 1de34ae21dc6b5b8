"""/sesi/, a session page and Akun saya run a fixed number of queries however many sessions,
seats and records there are: relations are counted in the query, never fetched per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.quizzes.models import Purpose
from content.training import services
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db


def _queries(client, url):
    client.get(url)  # the first view fills per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.fixture(params=[1, 5], ids=["1-session", "5-sessions"])
def history(request, sessions):
    """`n` upcoming sessions with three registrations each, and `n` past ones attended by the
    same three people."""
    people = [ParticipantFactory() for _ in range(3)]
    for day in range(1, request.param + 1):
        upcoming = SessionPageFactory(parent=sessions, capacity=10)
        held = SessionPageFactory(
            parent=sessions, date=timezone.localdate() - datetime.timedelta(days=day)
        )
        for person in people:
            services.registration_create(session=upcoming, participant=person)
            mark_attendance(held, person)
    return people, upcoming


def test_the_sessions_listing(client, history):
    # Site, route, view restrictions and site settings come from the cache (base/routing.py).
    assert _queries(client, "/sesi/") == 5


def test_a_session_page_for_a_visitor(client, history):
    _, session = history
    # The page, seats taken, check-in state, and one for the session's pre- and post-test (the
    # quizzes' link hook); the rest is cached per generation (base/routing.py, fragments).
    assert _queries(client, session.url) == 4


def test_a_session_page_for_a_registered_participant(client, history):
    people, session = history
    client.force_login(people[0])
    # As a visitor, plus the session, the user, their permissions (2) and their registration,
    # and their own state (certificates.selectors.session_states): the session with their
    # registration, attendance and its closing in one, its tests, their attempts and their
    # certificate.
    assert _queries(client, session.url) == 13


def test_akun_saya(client, history):
    people, _ = history
    client.force_login(people[0])
    # 9, one for the quiz attempts section, three for certificates (owned, sessions and
    # quizzes still to claim), one for a change of the login email waiting for its link, one
    # for their self-assessments and one for the literacy index's latest run (Literasi digital
    # saya: nothing more without one).
    assert _queries(client, "/akun/") == 16


@pytest.fixture(params=[1, 5], ids=["1-session", "5-sessions"])
def certificates_to_take(request, sessions):
    """A person who attended `n` past sessions that issue certificates and have a post-test."""
    person = ParticipantFactory()
    quiz, template = make_quiz(count=1, self_paced=False), make_template()
    for day in range(1, request.param + 1):
        held = SessionPageFactory(
            parent=sessions, date=timezone.localdate() - datetime.timedelta(days=day)
        )
        issues_for(held, template)
        use_in_session(quiz, held, Purpose.POST)
        mark_attendance(held, person)
    return person


def test_akun_saya_with_certificates_still_to_take(client, certificates_to_take):
    client.force_login(certificates_to_take)
    # 16, and two for the state of the sessions whose certificate they may still get (the
    # sessions with their registration and attendance, their tests; their attempts in a third
    # only when there are any): certificates.selectors.session_states.
    assert _queries(client, "/akun/") == 18
