"""Attendance from a paper daftar hadir typed into a spreadsheet (XLSX/CSV).

Each row names a participant by NIP, NIK or email and may give a status (hadir, terlambat,
izin, tidak hadir; hadir when empty). Like the participant import, every row is checked first
and the file is applied whole or not at all. People already recorded for the session keep their
record (a QR scan is better evidence than a typed list), so re-importing changes nothing.
"""

import io
import re
from dataclasses import dataclass, field

from openpyxl import Workbook

from content.base.errors import NotAllowed
from content.base.spreadsheets import ImportPreview, RowAction, read_rows
from content.people.identity import identifiers_in
from content.people.selectors import people_by_identifiers
from content.training import selectors
from content.training.models.choices import AttendanceStatus
from content.training.models.records import Attendance
from content.training.rules import check_eligible

COLUMNS = ("nip", "nik", "email", "status")
ABSENT = "tidak hadir"
STATUS_SPELLINGS = {
    "": AttendanceStatus.PRESENT,
    "hadir": AttendanceStatus.PRESENT,
    "h": AttendanceStatus.PRESENT,
    "terlambat": AttendanceStatus.LATE,
    "izin": AttendanceStatus.EXCUSED,
    "ijin": AttendanceStatus.EXCUSED,
    "i": AttendanceStatus.EXCUSED,
    "tidakhadir": AttendanceStatus.ABSENT,
    "absen": AttendanceStatus.ABSENT,
    "alpa": AttendanceStatus.ABSENT,
}


@dataclass
class AttendanceRow:
    number: int
    identifier: str
    participant: object = None
    status: str = ""
    action: str = ""  # a RowAction
    errors: list = field(default_factory=list)

    @property
    def label(self):
        return self.identifier


def read_table(data, filename):
    return read_rows(data, filename, columns=COLUMNS, required=())


def _identifiers(values):
    return [identifier for identifier in identifiers_in(values) if identifier.value]


def preview_attendance_import(session, rows, *, progress=None):
    """Check every row and write nothing; `progress(done, total)` reports how far it got."""
    rows = [(number, values, _identifiers(values)) for number, values in rows]
    people = people_by_identifiers(
        {identifier for _, _, identifiers in rows for identifier in identifiers},
        participants_only=True,
    )
    recorded = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    first_row_of = {}
    outcomes = []
    for done, (number, values, identifiers) in enumerate(rows, start=1):
        if progress:
            progress(done, len(rows))
        row = AttendanceRow(number=number, identifier=identifiers[0].value if identifiers else "")
        person = next((people[i] for i in identifiers if i in people), None)
        status = STATUS_SPELLINGS.get(re.sub(r"[\s_\-]", "", values["status"].lower()))
        if not identifiers:
            row.errors.append("Isi NIP, NIK, atau email peserta.")
        elif person is None:
            row.errors.append(f"Peserta '{row.identifier}' tidak ditemukan.")
        if status is None:
            row.errors.append(
                f"Status '{values['status']}' tidak dikenal (hadir, terlambat, izin, tidak hadir)."
            )
        if person is not None:
            if person.pk in first_row_of:
                row.errors.append(
                    f"Peserta yang sama sudah ada di baris {first_row_of[person.pk]}."
                )
            first_row_of.setdefault(person.pk, number)
            row.participant = person
            if person.pk in recorded:
                row.action = RowAction.UNCHANGED
            else:
                row.action = RowAction.NEW
                try:
                    check_eligible(session, person)
                except NotAllowed as refusal:
                    row.errors.append(refusal.message)
        row.status = status or ""
        outcomes.append(row)
    return ImportPreview(rows=outcomes)


def template_workbook(session=None):
    """The XLSX template. For a session it lists the registered participants with the status
    "tidak hadir", so the file imports as it is (nobody came) and the organizer changes the
    status of the people on the paper list."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Daftar hadir"
    sheet.append(["nama", *COLUMNS])
    if session is not None:
        for person in selectors.registered_people(session):
            sheet.append(
                [person.full_name, person.nip or "", person.nik or "", person.email, ABSENT]
            )
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 26
    for row in sheet.iter_rows(min_row=2, min_col=2, max_col=3):
        for cell in row:
            cell.number_format = "@"  # NIP and NIK as text, never 1.98501E+17
    notes = workbook.create_sheet("Petunjuk")
    for line in (
        "Satu baris untuk satu peserta. Isi salah satu: nip, nik, atau email.",
        "Kolom status: hadir, terlambat, izin, atau tidak hadir. Kosong berarti hadir.",
        "Kolom nama hanya untuk memudahkan membaca; tidak diimpor.",
        "Peserta yang sudah presensi lewat QR tidak diubah.",
    ):
        notes.append([line])
    notes.column_dimensions["A"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
