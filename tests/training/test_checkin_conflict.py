"""The check-in conflict the PostgreSQL race tests exercise, played in order so that `make test`
on SQLite runs it too: a tap that read "not checked in yet" (its facts) before another tap of the
same person inserted, meets the unique constraint, inserts nothing and answers with the winner's
row."""

import pytest

from content.training import selectors, services
from content.training.models import Attendance, AttendanceMethod
from tests.factories.people import ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = pytest.mark.django_db


def test_a_tap_that_read_before_another_tap_inserted_answers_with_the_winners_row(sessions):
    session = session_under_way(sessions)
    person = ParticipantFactory()
    stale = selectors.checkin_facts(session, person)
    assert stale.attendance is None

    winner, created = services.attendance_record(
        session=session, participant=person, method=AttendanceMethod.QR
    )
    assert created
    late, created = services.attendance_record(
        session=session, participant=person, method=AttendanceMethod.CODE, facts=stale
    )

    assert created is False
    assert (late.pk, late.method, late.checked_in_at) == (
        winner.pk,
        AttendanceMethod.QR,
        winner.checked_in_at,
    )
    assert Attendance.objects.filter(session=session, participant=person).count() == 1
