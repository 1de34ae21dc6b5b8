"""Double taps and crowds against real PostgreSQL: INSERT ... ON CONFLICT DO NOTHING lets
exactly one tap of each person insert, and every other tap answers with that row."""

import pytest
from django.test import Client

from content.training import checkin_tokens, services
from content.training.checkin_tokens import Window
from content.training.models import Attendance
from tests.concurrency import all_at_once
from tests.factories.people import ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_of_twenty_taps_at_once_one_inserts_and_all_answer_with_its_row(sessions):
    session = session_under_way(sessions)
    person = ParticipantFactory()

    results, errors = all_at_once(
        lambda _: services.attendance_record(session=session, participant=person, method="qr"),
        range(20),
    )

    assert errors == []
    row = Attendance.objects.get(session=session, participant=person)
    assert sorted(created for _, created in results) == [False] * 19 + [True]
    assert {attendance.pk for attendance, _ in results} == {row.pk}


def test_a_crowd_double_tapping_the_qr_link_is_recorded_once_each(sessions):
    session = session_under_way(sessions)
    people = ParticipantFactory.create_batch(8)
    clients = {}
    for person in people:
        clients[person.pk] = Client()
        clients[person.pk].force_login(person)
    # Made once everyone is logged in: a token lives 45 to 90 seconds.
    url = f"/P/{checkin_tokens.make_token(session.pk, Window.at())}/"

    def tap(person):
        response = clients[person.pk].get(url)
        return person.pk, response.status_code, response.content.decode()

    results, errors = all_at_once(tap, [person for person in people for _ in range(2)])

    assert errors == []
    assert {status for _, status, _ in results} == {200}, [s for _, s, _ in results]
    recorded = sum("Presensi tercatat" in html for _, _, html in results)
    already = sum("sudah presensi sebelumnya" in html for _, _, html in results)
    assert (recorded, already) == (8, 8)
    rows = Attendance.objects.filter(session=session)
    assert sorted(rows.values_list("participant", flat=True)) == sorted(p.pk for p in people)
