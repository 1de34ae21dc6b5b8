"""An organizer marking attendance by hand follows the rules of check-in, unless they record why
not; the correction log and the attendance records cannot be edited around the services."""

import datetime

import pytest
from django.utils import timezone

from content.base.errors import NotAllowed
from content.training import services
from content.training.models import Attendance, AttendanceCorrection
from tests.assertions import assert_admin_refused
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(sessions):
    """A session for ASN that took place last week."""
    return SessionPageFactory(
        parent=sessions, target_group="asn", date=timezone.localdate() - datetime.timedelta(7)
    )


@pytest.fixture
def next_week(sessions):
    return SessionPageFactory(parent=sessions, date=timezone.localdate() + datetime.timedelta(7))


def _mark(session, person, **kwargs):
    return services.attendance_mark(
        session=session, participant=person, status="hadir", by=None, **kwargs
    )


class TestMarkingByHand:
    def test_a_session_that_has_not_started_is_refused(self, next_week):
        with pytest.raises(NotAllowed, match="baru dimulai"):
            _mark(next_week, ParticipantFactory())
        assert not Attendance.objects.exists()

    def test_the_hour_before_the_start_counts_as_started(self, next_week):
        _mark(
            next_week, ParticipantFactory(), now=next_week.starts_at - datetime.timedelta(hours=1)
        )
        assert Attendance.objects.count() == 1

    def test_a_person_outside_the_target_group_is_refused(self, held):
        with pytest.raises(NotAllowed, match="khusus untuk ASN"):
            _mark(held, ptt())
        assert not Attendance.objects.exists()

    def test_an_organizer_may_set_the_rules_aside_with_a_recorded_reason(self, next_week, held):
        _mark(next_week, ParticipantFactory(), override_reason="Hadir di gladi bersih")
        _mark(held, ptt(), override_reason="  Undangan khusus kepala dinas ")
        reasons = set(Attendance.objects.values_list("override_reason", flat=True))
        assert reasons == {"Hadir di gladi bersih", "Undangan khusus kepala dinas"}
        assert set(Attendance.objects.values_list("method", flat=True)) == {"manual"}

    def test_a_staff_account_is_never_a_participant(self, held):
        with pytest.raises(NotAllowed, match="bukan akun peserta"):
            _mark(held, UserFactory(), override_reason="Coba")
        assert not Attendance.objects.exists()

    def test_someone_already_recorded_is_corrected_not_recorded_twice(self, held):
        person = ParticipantFactory(full_name="Siti Aminah")
        mark_attendance(held, person)
        with pytest.raises(NotAllowed, match="Siti Aminah sudah tercatat hadir"):
            services.attendance_mark(
                session=held, participant=person, status="izin", by=None, now=held.starts_at
            )
        assert list(Attendance.objects.values_list("status", flat=True)) == ["hadir"]

    def test_the_record_keeps_the_agency_and_group_of_the_day(self, held):
        person = ParticipantFactory()
        attendance = mark_attendance(held, person)
        then = person.agency
        person.agency = ParticipantFactory().agency
        person.participant_group = "pppk"
        person.save()
        attendance.refresh_from_db()
        assert (attendance.agency, attendance.participant_group) == (then, "pns")


class TestMarkingInTheAdmin:
    def test_a_refusal_is_shown_on_the_form_and_nothing_is_written(
        self, client, organizer, next_week
    ):
        person = ParticipantFactory(email="ahmad@contoh.go.id")
        response = client.post(
            "/admin/attendance/new/",
            {"session": next_week.pk, "person": "ahmad@contoh.go.id", "status": "hadir"},
        )
        assert response.status_code == 200
        assert "kehadiran belum dapat dicatat" in response.content.decode()
        assert not Attendance.objects.filter(participant=person).exists()

    def test_with_a_reason_the_organizer_records_it_anyway(self, client, organizer, next_week):
        person = ParticipantFactory(email="ahmad@contoh.go.id")
        response = client.post(
            "/admin/attendance/new/",
            {
                "session": next_week.pk,
                "person": "AHMAD@contoh.go.id",
                "status": "hadir",
                "override_reason": "Peserta gladi",
            },
        )
        assert response.status_code == 302
        attendance = Attendance.objects.get(participant=person)
        assert (attendance.recorded_by, attendance.override_reason) == (organizer, "Peserta gladi")

    def test_an_unknown_person_is_named_on_the_form(self, client, organizer, held):
        response = client.post(
            "/admin/attendance/new/",
            {"session": held.pk, "person": "tidak.ada@contoh.go.id", "status": "hadir"},
        )
        assert "Tidak ada peserta dengan NIP, NIK, atau email itu." in response.content.decode()
        assert not Attendance.objects.exists()


class TestRecordsOnlyServicesWrite:
    def test_the_correction_log_cannot_be_added_to_edited_or_deleted(
        self, client, organizer_or_superuser, held
    ):
        attendance = mark_attendance(held, ParticipantFactory())
        services.attendance_correct(attendance=attendance, status="izin", by=None, reason="Sakit")
        correction = AttendanceCorrection.objects.get()

        assert_admin_refused(client.get("/admin/attendancecorrection/new/"))
        assert_admin_refused(client.get(f"/admin/attendancecorrection/edit/{correction.pk}/"))
        client.post(f"/admin/attendancecorrection/edit/{correction.pk}/", {"reason": "Diubah"})
        client.post(f"/admin/attendancecorrection/delete/{correction.pk}/")
        client.post("/admin/attendancecorrection/new/", {"reason": "Palsu"})

        assert list(AttendanceCorrection.objects.values_list("reason", flat=True)) == ["Sakit"]
        inspect = client.get(f"/admin/attendancecorrection/inspect/{correction.pk}/")
        assert inspect.status_code == 200

    def test_attendance_is_never_deleted_here(self, client, organizer_or_superuser, held):
        attendance = mark_attendance(held, ParticipantFactory())
        assert_admin_refused(client.get(f"/admin/attendance/delete/{attendance.pk}/"))
        client.post(f"/admin/attendance/delete/{attendance.pk}/")
        assert Attendance.objects.filter(pk=attendance.pk).exists()
