"""Marking attendance by hand at the door, one person after another: the session is kept from
one save to the next ("Simpan dan tambah lagi"), and a save shows that session's list, not the
whole year's. Every save still goes through the attendance service."""

import datetime
import html
import re

import pytest
from django.utils import timezone

from content.training.models import Attendance
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance, session_under_way

pytestmark = pytest.mark.django_db

ADD = "/admin/attendance/new/"
LIST = "/admin/attendance/"


@pytest.fixture
def today(sessions):
    return session_under_way(sessions, title="Sesi Hari Ini")


@pytest.fixture
def earlier(sessions):
    return SessionPageFactory(
        parent=sessions, title="Sesi Bulan Lalu", date=timezone.localdate() - datetime.timedelta(30)
    )


def _mark(client, session, person, **extra):
    return client.post(
        ADD, {"session": session.pk, "person": person.email, "status": "hadir", **extra}
    )


def _selected_session(page):
    select = re.search(r'<select name="session".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="(\d*)" selected', select)


class TestSavingAtTheDoor:
    def test_a_save_lands_on_that_sessions_list(self, client, organizer, today, earlier):
        mark_attendance(earlier, ParticipantFactory(full_name="Orang Bulan Lalu"))
        person = ParticipantFactory(full_name="Siti Aminah")

        response = _mark(client, today, person)

        assert response.status_code == 302
        assert response["Location"] == f"{LIST}?session={today.pk}"
        listing = client.get(response["Location"]).content.decode()
        assert "Siti Aminah" in listing and "Orang Bulan Lalu" not in listing

    def test_save_and_add_another_keeps_the_session_on_an_empty_form(
        self, client, organizer, today, earlier
    ):
        page = client.get(ADD).content.decode()
        assert "Simpan dan tambah lagi" in page

        response = _mark(client, today, ParticipantFactory(), tambah_lagi="1")

        assert response.status_code == 302
        assert response["Location"] == f"{ADD}?session={today.pk}"
        form = client.get(response["Location"]).content.decode()
        assert _selected_session(form) == [str(today.pk)]
        assert re.search(r'name="person"[^>]*value="[^"]', form) is None
        # The session's own list is one click away, with how many are recorded so far.
        assert f'href="{LIST}?session={today.pk}"' in html.unescape(form)
        assert "1 orang tercatat" in form

    def test_each_save_goes_through_the_service(self, client, organizer, today):
        people = ParticipantFactory.create_batch(3)
        for person in people:
            _mark(client, today, person, tambah_lagi="1")
        recorded = Attendance.objects.filter(session=today)
        assert set(recorded.values_list("participant", flat=True)) == {p.pk for p in people}
        assert set(recorded.values_list("method", "recorded_by")) == {("manual", organizer.pk)}

    def test_a_refusal_keeps_the_session_and_says_why(self, client, organizer, today):
        person = ParticipantFactory(full_name="Siti Aminah")
        mark_attendance(today, person)

        response = _mark(client, today, person, tambah_lagi="1")

        assert response.status_code == 200
        page = response.content.decode()
        assert "Siti Aminah sudah tercatat" in page
        assert _selected_session(page) == [str(today.pk)]


class TestTheSessionKept:
    def test_the_filtered_list_adds_to_the_same_session(self, client, organizer, today):
        listing = html.unescape(client.get(LIST, {"session": today.pk}).content.decode())
        assert f'href="{ADD}?session={today.pk}"' in listing

    def test_the_whole_list_adds_without_a_session(self, client, organizer, today):
        listing = html.unescape(client.get(LIST).content.decode())
        assert f'href="{ADD}"' in listing

    @pytest.mark.parametrize("given", ["", "abc", "1.5", "-1", "999999", "١", "7\x00", "9" * 40])
    def test_a_session_that_is_not_one_is_ignored(self, client, organizer, today, given):
        response = client.get(ADD, {"session": given})
        assert response.status_code == 200
        assert _selected_session(response.content.decode()) in ([], [""])
        listing = client.get(LIST, {"session": given})
        assert listing.status_code in (200, 400)
