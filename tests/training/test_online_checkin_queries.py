"""An online session ("Daring") whose host says "ketik kode sekarang": thousands of registered
participants load the session page and type the code within two minutes (bench/online_checkin.py).
Each of those requests costs a fixed number of queries however many people are registered and
already checked in, a doubled submit leaves one row, and the online link never reaches someone
without a seat."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.training import checkin_tokens
from content.training.checkin_tokens import Window
from content.training.models import Attendance, SessionMode
from content.training.services import registration_create
from tests.factories.people import ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
ONLINE_URL = "https://rapat.contoh.go.id/ruang-daring-456"

# The Django session, the user, the session with everything the check-in decides on.
CODE_READS = 3
# The session page for a registered participant while check-in is open, with the readers' cache
# on as in production (the shared copy of the page comes from it): the Django session, the user,
# and their own state (certificates.selectors.session_states): the session with their
# registration and attendance in one, its tests, their attempts, their certificate.
PAGE_QUERIES = 6
# The code form alone: the Django session and the user.
FORM_QUERIES = 2


@pytest.fixture
def online_session(sessions, settings):
    settings.PAGE_CACHE_SECONDS = settings.READER_CACHE_SECONDS = 600  # as in production
    session = session_under_way(
        sessions, mode=SessionMode.ONLINE, venue="", online_url=ONLINE_URL, allow_walk_in=False
    )
    session.url  # noqa: B018 (fills the cache of site root paths, as any earlier page view does)
    return session


def _registered(session, count):
    people = [ParticipantFactory() for _ in range(count)]
    for person in people:
        # Registration closes when the session starts: the seats were taken the day before.
        registration_create(session=session, participant=person, now=session.starts_at - DAY)
    return people


def _code(session):
    return checkin_tokens.make_code(session.pk, Window.at())


def _queries(client, method, url, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
    print(*(query["sql"][:160] for query in queries), sep="\n")  # shown when a count is wrong
    return response, len(queries)


@pytest.fixture(params=[2, 20], ids=["2-registered", "20-registered"])
def crowd(request, online_session, client):
    """`n` registered people, all but the first already checked in by code; the first one logged
    in."""
    people = _registered(online_session, request.param)
    for person in people[1:]:
        client.force_login(person)
        client.post("/presensi/", {"code": _code(online_session)})
    client.force_login(people[0])
    client.get(online_session.url)  # the first view fills per-process caches
    return people[0]


class TestQueriesDoNotGrowWithTheCrowd:
    def test_the_session_page(self, client, online_session, crowd):
        response, count = _queries(client, "get", online_session.url)
        assert response.status_code == 200
        assert 'name="code"' in response.content.decode()  # the code form, check-in open
        assert count == PAGE_QUERIES

    def test_the_code_form(self, client, online_session, crowd):
        response, count = _queries(client, "get", "/presensi/")
        assert response.status_code == 200
        assert 'name="code"' in response.content.decode()
        assert count == FORM_QUERIES

    def test_typing_the_code(self, client, online_session, crowd):
        response, count = _queries(client, "post", "/presensi/", {"code": _code(online_session)})
        assert "Presensi tercatat" in response.content.decode()
        assert count == CODE_READS + 1  # and the insert

    def test_typing_it_again(self, client, online_session, crowd):
        client.post("/presensi/", {"code": _code(online_session)})
        response, count = _queries(client, "post", "/presensi/", {"code": _code(online_session)})
        assert "sudah presensi sebelumnya" in response.content.decode()
        assert count == CODE_READS
        assert Attendance.objects.filter(session=online_session, participant=crowd).count() == 1


def test_a_doubled_submit_leaves_one_row(client, online_session):
    """Two POSTs of the same code (a double tap on Presensi): one row, the second told so."""
    person = _registered(online_session, 1)[0]
    client.force_login(person)
    first = client.post("/presensi/", {"code": _code(online_session)})
    second = client.post("/presensi/", {"code": _code(online_session)})
    assert "Presensi tercatat" in first.content.decode()
    assert "sudah presensi sebelumnya" in second.content.decode()
    rows = Attendance.objects.filter(session=online_session)
    assert list(rows.values_list("participant", "method")) == [(person.pk, "kode")]


def test_someone_without_a_seat_cannot_check_in(client, online_session):
    client.force_login(ParticipantFactory())
    response = client.post("/presensi/", {"code": _code(online_session)})
    assert response.status_code == 403
    assert not Attendance.objects.exists()


class TestTheOnlineLinkStaysWithTheRegistered:
    """The link is the session's door: a registered participant sees it on the session page
    before the session starts; an anonymous visitor and a logged-in participant without a seat
    never do, before or during the session."""

    @pytest.fixture
    def upcoming(self, sessions):
        from tests.factories.training import SessionPageFactory

        return SessionPageFactory(
            parent=sessions, mode=SessionMode.ONLINE, venue="", online_url=ONLINE_URL
        )

    def test_before_it_starts(self, client, upcoming):
        assert ONLINE_URL not in client.get(upcoming.url).content.decode()
        client.force_login(ParticipantFactory())
        assert ONLINE_URL not in client.get(upcoming.url).content.decode()
        person = ParticipantFactory()
        registration_create(session=upcoming, participant=person)
        client.force_login(person)
        assert ONLINE_URL in client.get(upcoming.url).content.decode()

    def test_while_it_runs(self, client, online_session):
        pages = [client.get(online_session.url), client.get("/presensi/", follow=True)]
        client.force_login(ParticipantFactory())
        pages += [
            client.get(online_session.url),
            client.post("/presensi/", {"code": _code(online_session)}),
        ]
        for response in pages:
            assert ONLINE_URL not in response.content.decode()
