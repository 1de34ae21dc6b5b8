"""A typed attendance list never overwrites or drops a QR scan, even one made between the
import's preview and its confirmation (the preview said "baru" for that person). Sequential, so
`make test` on SQLite runs it; the PostgreSQL pass races check-ins against each other."""

import pytest

from content.training import importing, services
from content.training.models import Attendance, AttendanceMethod
from tests.factories.people import ParticipantFactory
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.training import session_under_way
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
HEADERS = ["nip", "nik", "email", "status"]


def test_a_scan_made_since_the_preview_survives_the_import(sessions):
    session = session_under_way(sessions)
    organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
    scanner = ParticipantFactory(email="pindai@contoh.go.id")
    typed = ParticipantFactory(email="ketik@contoh.go.id")
    data = xlsx_bytes(
        [["", "", "pindai@contoh.go.id", "izin"], ["", "", "ketik@contoh.go.id", "hadir"]],
        headers=HEADERS,
    )
    preview = importing.preview_attendance_import(session, importing.read_table(data, "h.xlsx"))
    assert [row.action for row in preview.rows] == ["baru", "baru"]

    scan, created = services.attendance_record(
        session=session, participant=scanner, method=AttendanceMethod.QR
    )
    assert created

    counts = services.attendance_import(session=session, preview=preview, by=organizer)

    # The message after confirming counts the scan as already there, not as new.
    assert counts == {"baru": 1, "tetap": 1}

    kept = Attendance.objects.get(session=session, participant=scanner)
    assert (kept.pk, kept.method, kept.status, kept.checked_in_at, kept.recorded_by) == (
        scan.pk,
        AttendanceMethod.QR,
        scan.status,
        scan.checked_in_at,
        None,
    )
    imported = Attendance.objects.get(session=session, participant=typed)
    assert (imported.method, imported.status) == (AttendanceMethod.IMPORT, "hadir")
    assert Attendance.objects.filter(session=session).count() == 2
