"""Simultaneous requests against real PostgreSQL: seats are never oversold and a participant
tapping twenty times at once is recorded once."""

import pytest

from content.training import services
from content.training.models import Attendance, Registration
from tests.concurrency import all_at_once
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _all_at_once(work, arguments):
    return all_at_once(work, arguments)[1]


def test_the_last_seats_taken_at_once_are_never_oversold(sessions):
    session = SessionPageFactory(parent=sessions, capacity=5)
    people = [ParticipantFactory() for _ in range(20)]

    errors = _all_at_once(
        lambda person: services.registration_create(session=session, participant=person), people
    )

    assert errors == []
    statuses = list(Registration.objects.filter(session=session).values_list("status", flat=True))
    assert statuses.count("registered") == 5
    assert statuses.count("waitlisted") == 15


def test_cancellations_at_once_promote_exactly_as_many_people(sessions):
    session = SessionPageFactory(parent=sessions, capacity=5)
    people = [ParticipantFactory() for _ in range(10)]
    for person in people:
        services.registration_create(session=session, participant=person)

    errors = _all_at_once(
        lambda person: services.registration_cancel(session=session, participant=person),
        people[:3],
    )

    assert errors == []
    registered = Registration.objects.filter(session=session, status="registered")
    assert registered.count() == 5
    assert set(registered.values_list("participant", flat=True)) == {p.pk for p in people[3:8]}


def test_twenty_simultaneous_check_ins_leave_one_attendance(sessions):
    session = SessionPageFactory(parent=sessions)
    services.checkin_open(session=session, by=None)
    person = ParticipantFactory()

    errors = _all_at_once(
        lambda _: services.attendance_record(session=session, participant=person, method="qr"),
        range(20),
    )

    assert errors == []
    assert Attendance.objects.filter(session=session, participant=person).count() == 1
