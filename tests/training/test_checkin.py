import datetime

import pytest
from django.utils import timezone

from content.training import checkin_tokens, services
from content.training.checkin_tokens import ROTATION_SECONDS, Window
from content.training.models import Attendance
from tests.factories.people import PASSWORD, ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory, session_under_way
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    """A session happening now, with check-in open."""
    return session_under_way(sessions)


def _checkin_url(session, seconds_ago=0):
    token = checkin_tokens.make_token(
        session.pk, Window.at(timezone.now().timestamp() - seconds_ago)
    )
    return f"/P/{token}/"


class TestQrCheckIn:
    def test_scan_records_attendance_with_time_and_method(self, client, session):
        person = ParticipantFactory()
        client.force_login(person)

        response = client.get(_checkin_url(session))

        assert response.status_code == 200
        assert "Presensi tercatat" in response.content.decode()
        attendance = Attendance.objects.get()
        assert (attendance.participant, attendance.method, attendance.status) == (
            person,
            "qr",
            "hadir",
        )
        assert abs((timezone.now() - attendance.checked_in_at).total_seconds()) < 60

    def test_scanning_twice_leaves_one_attendance(self, client, session):
        client.force_login(ParticipantFactory())
        client.get(_checkin_url(session))
        response = client.get(_checkin_url(session))
        assert "sudah presensi sebelumnya" in response.content.decode()
        assert Attendance.objects.count() == 1

    def test_expired_token_records_nothing(self, client, session):
        client.force_login(ParticipantFactory())
        response = client.get(_checkin_url(session, seconds_ago=3 * ROTATION_SECONDS))
        assert response.status_code == 403
        assert "kedaluwarsa" in response.content.decode()
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize("mac", ["AAAAAAAA", "ZZZZZZZZ", "K7PQ3MXA"])
    def test_forged_token_records_nothing(self, client, session, mac):
        client.force_login(ParticipantFactory())
        prefix = checkin_tokens.make_token(session.pk, Window.at()).split("-")[0]
        response = client.get(f"/P/{prefix}-{mac}/")
        assert response.status_code == 403
        assert "tidak sah" in response.content.decode()
        assert not Attendance.objects.exists()

    @pytest.mark.parametrize("token", ["palsu", "1-ABC", "ZZZZZZ-AAAAAAAA"])
    def test_a_token_naming_no_session_is_not_found(self, client, session, token):
        client.force_login(ParticipantFactory())
        assert client.get(f"/P/{token}/").status_code == 404
        assert not Attendance.objects.exists()

    def test_a_token_of_another_session_records_nothing(self, client, session, sessions):
        other = SessionPageFactory(parent=sessions)
        client.force_login(ParticipantFactory())
        services.checkin_open(session=other, by=None)
        other_mac = _checkin_url(other).strip("/").split("-")[1]
        own_prefix = _checkin_url(session).split("/")[2].split("-")[0]
        assert client.get(f"/P/{own_prefix}-{other_mac}/").status_code == 403
        assert not Attendance.objects.exists()

    def test_closed_check_in_records_nothing(self, client, session):
        services.checkin_close(session=session)
        client.force_login(ParticipantFactory())
        response = client.get(_checkin_url(session))
        assert response.status_code == 403
        assert "sedang tidak dibuka" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_people_outside_the_target_group_are_refused(self, client, session):
        session.target_group = "asn"
        session.save()
        client.force_login(ptt())
        response = client.get(_checkin_url(session))
        assert "khusus untuk ASN" in response.content.decode()
        assert not Attendance.objects.exists()

    def test_without_walk_ins_only_registered_people_check_in(self, client, session):
        session.allow_walk_in = False
        session.save()
        walk_in, registered = ParticipantFactory(), ParticipantFactory()
        services.registration_create(
            session=session,
            participant=registered,
            now=session.starts_at - datetime.timedelta(days=1),
        )
        client.force_login(walk_in)
        assert "sudah terdaftar" in client.get(_checkin_url(session)).content.decode()
        assert not Attendance.objects.exists()
        client.force_login(registered)
        client.get(_checkin_url(session))
        assert list(Attendance.objects.values_list("participant", flat=True)) == [registered.pk]

    def test_staff_accounts_cannot_check_in(self, client, session):
        client.force_login(UserFactory(username="editor"))
        response = client.get(_checkin_url(session))
        assert response.status_code == 403
        assert "bukan akun peserta" in response.content.decode()
        assert not Attendance.objects.exists()


class TestCheckInAfterLogin:
    def test_a_scan_made_before_logging_in_still_counts_after_the_qr_changed(self, client, session):
        person = ParticipantFactory(email="ahmad@contoh.go.id")
        url = _checkin_url(session)

        response = client.get(url)
        assert response.status_code == 200
        assert f'href="/akun/masuk/?next={url}"' in response.content.decode()

        # Logging in took two minutes: the token in `next` has expired by now.
        stale = _checkin_url(session, seconds_ago=3 * ROTATION_SECONDS)
        client.post("/akun/masuk/", {"username": "ahmad@contoh.go.id", "password": PASSWORD})
        response = client.get(stale)

        assert "Presensi tercatat" in response.content.decode()
        assert Attendance.objects.get().participant == person

    def test_without_a_valid_scan_first_an_expired_link_is_refused(self, client, session):
        client.force_login(ParticipantFactory())
        response = client.get(_checkin_url(session, seconds_ago=3 * ROTATION_SECONDS))
        assert response.status_code == 403
        assert not Attendance.objects.exists()


class TestCodeCheckIn:
    def test_typing_the_code_records_attendance(self, client, session):
        client.force_login(ParticipantFactory())
        code = checkin_tokens.make_code(session.pk, Window.at())
        response = client.post("/presensi/", {"code": code.lower()})
        assert "Presensi tercatat" in response.content.decode()
        assert Attendance.objects.get().method == "kode"

    def test_a_wrong_code_records_nothing(self, client, session):
        client.force_login(ParticipantFactory())
        response = client.post("/presensi/", {"code": "ZZZZZZ"})
        assert response.status_code == 403
        assert not Attendance.objects.exists()


class TestLateStatus:
    def test_after_the_grace_period_the_status_is_late(self, sessions):
        session = SessionPageFactory(parent=sessions, late_after_minutes=15)
        services.checkin_open(session=session, by=None)
        on_time, late = ParticipantFactory(), ParticipantFactory()
        grace_ends = session.starts_at + datetime.timedelta(minutes=15)
        services.attendance_record(
            session=session, participant=on_time, method="qr", now=grace_ends
        )
        services.attendance_record(
            session=session,
            participant=late,
            method="qr",
            now=grace_ends + datetime.timedelta(seconds=1),
        )
        statuses = dict(Attendance.objects.values_list("participant", "status"))
        assert statuses == {on_time.pk: "hadir", late.pk: "terlambat"}


class TestProjector:
    def test_organizer_sees_a_qr_code_a_short_code_and_the_counter(self, client, session):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        response = client.get(f"{session.url}presensi/layar/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "<svg" in html and checkin_tokens.make_code(session.pk, Window.at()) in html
        status = client.get(f"{session.url}presensi/layar/status/").json()
        assert status["open"] is True and status["count"] == 0 and len(status["code"]) == 6

    def test_participants_cannot_open_the_projector(self, client, session):
        client.force_login(ParticipantFactory())
        assert client.get(f"{session.url}presensi/layar/").status_code == 403
        assert client.get(f"{session.url}presensi/layar/status/").status_code == 403

    def test_organizer_opens_and_closes_check_in(self, client, sessions):
        session = SessionPageFactory(parent=sessions)
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        client.post(f"{session.url}presensi/buka/")
        assert client.get(f"{session.url}presensi/layar/status/").json()["open"] is True
        client.post(f"{session.url}presensi/tutup/")
        assert client.get(f"{session.url}presensi/layar/status/").json()["open"] is False
