import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from content.base.spreadsheets import ImportRejected
from content.training import importing, services
from content.training.models import Attendance, AttendanceCorrection
from tests.assertions import assert_admin_refused
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.spreadsheets import csv_bytes, xlsx_bytes
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
HEADERS = ["nip", "nik", "email", "status"]


@pytest.fixture
def session(sessions):
    return SessionPageFactory(parent=sessions, date=datetime.date(2026, 10, 8))


class TestCorrections:
    def test_correction_in_the_admin_is_logged_with_who_and_when(self, client, organizer, session):
        attendance = mark_attendance(session, ParticipantFactory())
        response = client.post(
            f"/admin/attendance/edit/{attendance.pk}/",
            {"status": "izin", "reason": "Surat tugas luar kota"},
        )
        assert response.status_code == 302
        attendance.refresh_from_db()
        assert attendance.status == "izin"
        [correction] = AttendanceCorrection.objects.all()
        assert (correction.old_status, correction.new_status) == ("hadir", "izin")
        assert correction.changed_by == organizer
        assert correction.reason == "Surat tugas luar kota"
        assert correction.changed_at is not None

    def test_saving_the_same_status_logs_nothing(self, session):
        attendance = mark_attendance(session, ParticipantFactory())
        services.attendance_correct(attendance=attendance, status="hadir", by=None)
        assert not AttendanceCorrection.objects.exists()

    def test_organizer_marks_someone_present_by_hand(self, client, organizer, session):
        person = ParticipantFactory(nip="198501012010011001")
        client.post(
            "/admin/attendance/new/",
            {"session": session.pk, "person": "19850101 201001 1 001", "status": "terlambat"},
        )
        attendance = Attendance.objects.get()
        assert (attendance.participant, attendance.method, attendance.status) == (
            person,
            "manual",
            "terlambat",
        )
        assert attendance.recorded_by == organizer

    def test_editors_cannot_see_attendance(self, client, session):
        mark_attendance(session, ParticipantFactory(full_name="Rahasia Peserta"))
        client.force_login(UserFactory(username="editor", groups=["Editor"]))
        response = client.get("/admin/attendance/")
        assert_admin_refused(response)
        assert "Rahasia Peserta" not in client.get(response["Location"]).content.decode()


class TestExport:
    def test_attendance_of_one_session_exports_to_csv(self, client, organizer, session, sessions):
        other = SessionPageFactory(parent=sessions)
        ahmad = ParticipantFactory(full_name="Ahmad Fauzi", nip="198501012010011001")
        mark_attendance(session, ahmad)
        mark_attendance(other, ParticipantFactory())

        response = client.get("/admin/attendance/", {"session": session.pk, "export": "csv"})

        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(content)))
        assert [(r["Nama"], r["NIP"], r["Status"]) for r in rows] == [
            ("Ahmad Fauzi", "198501012010011001", "Hadir")
        ]


class TestAttendanceImport:
    def _people(self):
        return (
            ParticipantFactory(nip="198501012010011001"),
            ptt(nik="3471011201900003"),
            ParticipantFactory(email="siti@contoh.go.id"),
        )

    def test_rows_by_nip_nik_or_email_are_recorded_together(self, session, organizer):
        a, b, c = self._people()
        data = xlsx_bytes(
            [
                ["19850101 201001 1 001", "", "", ""],
                ["", "3471011201900003", "", "terlambat"],
                ["", "", " ＳＩＴＩ@contoh.go.id", "Izin"],
            ],
            headers=HEADERS,
        )
        preview = importing.preview_attendance_import(session, importing.read_table(data, "h.xlsx"))
        counts = services.attendance_import(session=session, preview=preview, by=organizer)

        assert counts == {"baru": 3, "tetap": 0}
        statuses = dict(Attendance.objects.values_list("participant", "status"))
        assert statuses == {a.pk: "hadir", b.pk: "terlambat", c.pk: "izin"}
        assert set(Attendance.objects.values_list("method", flat=True)) == {"impor"}

    def test_one_bad_row_imports_nothing_and_names_the_row(self, session, organizer):
        self._people()
        rows = [["198501012010011001", "", "", ""], ["", "", "hilang@contoh.go.id", ""]]
        rows.append(["", "3471011201900003", "", "bolos"])
        preview = importing.preview_attendance_import(
            session, importing.read_table(csv_bytes(rows, headers=HEADERS), "h.csv")
        )
        assert [(r.number, r.errors) for r in preview.rows_with_errors] == [
            (3, ["Peserta 'hilang@contoh.go.id' tidak ditemukan."]),
            (4, ["Status 'bolos' tidak dikenal (hadir, terlambat, izin, tidak hadir)."]),
        ]
        with pytest.raises(ImportRejected):
            services.attendance_import(session=session, preview=preview, by=organizer)
        assert not Attendance.objects.exists()

    def test_reimport_changes_nothing_and_keeps_qr_records(self, session, organizer):
        a, b, _ = self._people()
        mark_attendance(session, a)
        data = xlsx_bytes([["198501012010011001", "", "", "izin"]], headers=HEADERS)
        preview = importing.preview_attendance_import(session, importing.read_table(data, "h.xlsx"))
        assert services.attendance_import(session=session, preview=preview, by=organizer) == {
            "baru": 0,
            "tetap": 1,
        }
        assert Attendance.objects.get().status == "hadir"

    def test_admin_upload_preview_confirm(self, client, organizer, session):
        self._people()
        upload = io.BytesIO(xlsx_bytes([["198501012010011001", "", "", ""]], headers=HEADERS))
        upload.name = "hadir.xlsx"
        response = client.post("/admin/presensi-impor/", {"session": session.pk, "file": upload})
        page = client.get(response["Location"])
        assert "1 kehadiran baru" in page.content.decode()
        assert not Attendance.objects.exists()
        client.post(response["Location"] + "konfirmasi/")
        assert Attendance.objects.count() == 1

    def test_the_sessions_template_imports_as_downloaded(self, client, organizer, session):
        a, b, c = self._people()
        for person in (a, b):
            services.registration_create(
                session=session, participant=person, now=session.starts_at - datetime.timedelta(1)
            )
        template = client.get("/admin/presensi-impor/templat/", {"session": session.pk})
        rows = list(load_workbook(io.BytesIO(template.content)).active.values)
        assert rows[0] == ("nama", "nip", "nik", "email", "status")
        assert {row[1] or row[2] for row in rows[1:]} == {a.nip, b.nik}
        assert {row[4] for row in rows[1:]} == {"tidak hadir"}

        upload = io.BytesIO(template.content)
        upload.name = "templat-daftar-hadir.xlsx"
        response = client.post("/admin/presensi-impor/", {"session": session.pk, "file": upload})
        client.post(response["Location"] + "konfirmasi/")
        assert dict(Attendance.objects.values_list("participant", "status")) == {
            a.pk: "tidak_hadir",
            b.pk: "tidak_hadir",
        }

    def test_a_session_that_has_not_started_cannot_be_imported(self, client, organizer, sessions):
        later = SessionPageFactory(parent=sessions)
        upload = io.BytesIO(xlsx_bytes([["198501012010011001", "", "", ""]], headers=HEADERS))
        upload.name = "hadir.xlsx"
        response = client.post("/admin/presensi-impor/", {"session": later.pk, "file": upload})
        assert response.status_code == 200
        assert "kehadiran belum dapat dicatat" in response.content.decode()

    def test_people_outside_the_target_group_are_named_by_row(self, organizer, session):
        session.target_group = "asn"
        session.save()
        self._people()
        data = xlsx_bytes([["", "3471011201900003", "", ""]], headers=HEADERS)
        preview = importing.preview_attendance_import(session, importing.read_table(data, "h.xlsx"))
        assert [row.errors for row in preview.rows] == [
            ["Sosialisasi ini khusus untuk ASN (PNS dan PPPK)."]
        ]
