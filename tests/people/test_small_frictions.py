"""Small things people stumbled on: doubled words, one-tap cancellations, lists that forget
their filter."""

import datetime
import re

import pytest

from content.training import services
from content.training.models import Attendance, Registration
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db


def test_the_erasure_form_says_optional_once(client):
    client.force_login(ParticipantFactory())
    html = client.get("/akun/").content.decode()
    assert "(opsional) (opsional)" not in html
    assert re.search(r"Alasan\s*<small>\(opsional\)</small>", html)


class TestCancellingASeat:
    @pytest.fixture
    def registered(self, client, sessions):
        session = SessionPageFactory(parent=sessions, capacity=10)
        person = ParticipantFactory()
        services.registration_create(session=session, participant=person)
        client.force_login(person)
        return session

    def test_the_session_page_asks_before_cancelling(self, client, registered):
        page = client.get(registered.url).content.decode()
        link = re.search(r'href="([^"]+batal/)"', page).group(1)
        confirm = client.get(link)
        assert "Ya, batalkan pendaftaran" in confirm.content.decode()
        assert Registration.objects.get().status == "registered"

    def test_confirming_cancels(self, client, registered):
        client.post(f"{registered.url}batal/")
        assert Registration.objects.get().status == "cancelled"


def test_saving_a_correction_returns_to_the_filtered_list(client, organizer, sessions):
    held = SessionPageFactory(parent=sessions, date=datetime.date(2026, 10, 8))
    other = SessionPageFactory(parent=sessions, date=datetime.date(2026, 10, 9))
    attendance = mark_attendance(held, ParticipantFactory())
    mark_attendance(other, ParticipantFactory())

    listing = client.get("/admin/attendance/", {"session": held.pk}).content.decode()
    edit = re.search(r'href="(/admin/attendance/edit/\d+/\?next=[^"]+)"', listing).group(1)
    edit = edit.replace("&amp;", "&")
    form = client.get(edit).content.decode()
    assert f"next=%2Fadmin%2Fattendance%2F%3Fsession%3D{held.pk}" in form

    response = client.post(edit, {"status": "izin", "reason": "Surat tugas"})
    assert response["Location"] == f"/admin/attendance/?session={held.pk}"
    assert Attendance.objects.get(pk=attendance.pk).status == "izin"


def test_next_never_leaves_the_admin_for_another_site(client, organizer, sessions):
    attendance = mark_attendance(
        SessionPageFactory(parent=sessions, date=datetime.date(2026, 10, 8)), ParticipantFactory()
    )
    response = client.post(
        f"/admin/attendance/edit/{attendance.pk}/?next=https://jahat.example/",
        {"status": "izin", "reason": ""},
    )
    assert response["Location"] == "/admin/attendance/"
