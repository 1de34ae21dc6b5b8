"""A check-in costs a fixed, small number of queries: a hall of people scans the QR code within
the same minute. Reading the session (the session, the participant, the check-in's state, their
agency, seat and attendance: one query), inserting the attendance, and reading the row that
won only when another tap of the same person inserted it first.

Counted after the first view of the process has filled Wagtail's cache of site root paths
(kept in the shared cache in production)."""

import dataclasses

import pytest
from django.utils import timezone

from content.base.changes import records_changed
from content.training import checkin_tokens, selectors, services
from content.training.checkin_tokens import Window
from content.training.models import Attendance
from tests.factories.people import ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = pytest.mark.django_db

# The Django session, the user, the session with everything the check-in decides on.
READS = 3


@pytest.fixture
def session(sessions):
    session = session_under_way(sessions)
    session.url  # noqa: B018 (fills the cache of site root paths, as any earlier page view does)
    return session


@pytest.fixture
def person(client):
    person = ParticipantFactory()
    client.force_login(person)
    return person


def _scan(client, session):
    return client.get(f"/P/{checkin_tokens.make_token(session.pk, Window.at())}/")


def _type_code(client, session):
    return client.post("/presensi/", {"code": checkin_tokens.make_code(session.pk, Window.at())})


CHECK_INS = {"qr": _scan, "code": _type_code}


@pytest.fixture(params=["caches-off", "caches-on"])
def page_caches(request, settings):
    """The tests' settings switch the page caches off; production has them on, and a
    logged-in GET goes past the readers' cache (reader_cache.py) on its way to the view: it
    must not cost the check-in a query (the check-in paths are excluded from both caches)."""
    if request.param == "caches-on":
        settings.PAGE_CACHE_SECONDS = settings.READER_CACHE_SECONDS = 600


@pytest.mark.parametrize("check_in", CHECK_INS.values(), ids=CHECK_INS.keys())
@pytest.mark.usefixtures("page_caches")
class TestCheckInQueries:
    def test_a_first_check_in_reads_once_and_inserts_once(
        self, client, session, person, check_in, django_assert_num_queries
    ):
        with django_assert_num_queries(READS + 1):
            response = check_in(client, session)
        assert "Presensi tercatat" in response.content.decode()
        assert Attendance.objects.filter(session=session, participant=person).count() == 1

    def test_a_repeated_check_in_only_reads(
        self, client, session, person, check_in, django_assert_num_queries
    ):
        check_in(client, session)
        with django_assert_num_queries(READS):
            response = check_in(client, session)
        assert "sudah presensi sebelumnya" in response.content.decode()
        assert Attendance.objects.filter(session=session, participant=person).count() == 1

    def test_the_second_tap_of_a_double_tap_reads_the_row_that_won(
        self, client, session, person, check_in, monkeypatch, django_assert_num_queries
    ):
        """Both taps read "not checked in yet" before either inserted: the loser's insert does
        nothing, and it reads the winner's row."""
        services.attendance_record(session=session, participant=person, method="kode")
        first = Attendance.objects.get()
        _read_before_the_other_tap_inserted(monkeypatch)

        with django_assert_num_queries(READS + 2):
            response = check_in(client, session)

        assert "sudah presensi sebelumnya" in response.content.decode()
        assert list(Attendance.objects.values_list("pk", "method")) == [(first.pk, "kode")]


def _read_before_the_other_tap_inserted(monkeypatch):
    """The check-in views read the facts as they were before the person's attendance existed
    (the same query runs; only its answer is as of a moment earlier)."""

    def earlier(read):
        def wrapped(*args, **kwargs):
            session = read(*args, **kwargs)
            if session is not None:
                session.checkin_facts = dataclasses.replace(session.checkin_facts, attendance=None)
            return session

        return wrapped

    monkeypatch.setattr(selectors, "checkin_session", earlier(selectors.checkin_session))
    monkeypatch.setattr(selectors, "session_with_code", earlier(selectors.session_with_code))


class TestRecordingWithFactsReadBefore:
    def test_a_late_insert_returns_the_first_row_unchanged(
        self, session, django_assert_num_queries
    ):
        person = ParticipantFactory()
        facts = selectors.checkin_facts(session, person)
        earlier = timezone.now() - timezone.timedelta(minutes=3)
        first, created = services.attendance_record(
            session=session, participant=person, method="kode", now=earlier
        )
        assert created

        with django_assert_num_queries(2):  # the insert that does nothing, the winner's row
            again, created = services.attendance_record(
                session=session, participant=person, method="qr", facts=facts
            )

        assert not created
        assert (again.pk, again.method, again.checked_in_at) == (first.pk, "kode", earlier)
        assert Attendance.objects.count() == 1

    def test_without_facts_the_service_reads_them_itself(self, session, django_assert_num_queries):
        person = ParticipantFactory()
        with django_assert_num_queries(2):  # the facts, the insert
            _, created = services.attendance_record(
                session=session, participant=person, method="qr"
            )
        assert created
        with django_assert_num_queries(1):
            _, created = services.attendance_record(
                session=session, participant=person, method="qr"
            )
        assert not created


class TestSavedSignal:
    """The caches of pages and figures that count attendance listen to the announcements
    (changes.records_changed): a check-in inserted without Model.save() still announces it,
    once."""

    def test_sent_once_for_the_new_row_and_not_for_a_repeat(self, client, session, person):
        sent = []

        def receiver(sender, instances, created, **kwargs):
            for instance in instances:
                sent.append((instance.pk, created, instance.participant_id))

        records_changed.connect(receiver, sender=Attendance, dispatch_uid="test-checkin-signal")
        try:
            _scan(client, session)
            _scan(client, session)
        finally:
            records_changed.disconnect(dispatch_uid="test-checkin-signal", sender=Attendance)

        assert sent == [(Attendance.objects.get().pk, True, person.pk)]
