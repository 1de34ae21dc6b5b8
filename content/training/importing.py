"""Attendance from a paper daftar hadir typed into a spreadsheet (XLSX/CSV).

Each row names a participant by NIP, NIK or email and may give a status (hadir, terlambat,
izin, tidak hadir; hadir when empty). Like the participant import, every row is checked first
and the file is applied whole or not at all. People already recorded for the session keep their
record (a QR scan is better evidence than a typed list), so re-importing changes nothing.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from content.base.spreadsheets import ImportPreview, read_rows
from content.people.identity import normalize_number
from content.training.models import Attendance, AttendanceStatus

COLUMNS = ("nip", "nik", "email", "status")
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
    action: str = ""  # "baru" or "tetap"
    errors: list = field(default_factory=list)

    @property
    def label(self):
        return self.identifier


def read_table(data, filename):
    return read_rows(data, filename, columns=COLUMNS, required=())


def _people_by_identifier(rows):
    """Participants named anywhere in the file, found in three queries."""
    User = get_user_model()
    nips = {normalize_number(r["nip"]) for _, r in rows if r["nip"]}
    niks = {normalize_number(r["nik"]) for _, r in rows if r["nik"]}
    emails = {r["email"].lower() for _, r in rows if r["email"]}
    found = {}
    for user in User.objects.filter(nip__in=nips).exclude(participant_group=""):
        found[("nip", user.nip)] = user
    for user in User.objects.filter(nik__in=niks).exclude(participant_group=""):
        found[("nik", user.nik)] = user
    for user in User.objects.filter(email__in=emails).exclude(participant_group=""):
        found[("email", user.email.lower())] = user
    return found


def preview_attendance_import(session, rows):
    rows = list(rows)
    people = _people_by_identifier(rows)
    recorded = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    first_row_of = {}
    outcomes = []
    for number, values in rows:
        keys = [
            ("nip", normalize_number(values["nip"])),
            ("nik", normalize_number(values["nik"])),
            ("email", values["email"].lower()),
        ]
        keys = [(kind, value) for kind, value in keys if value]
        row = AttendanceRow(number=number, identifier=keys[0][1] if keys else "")
        person = next((people[key] for key in keys if key in people), None)
        status = STATUS_SPELLINGS.get(re.sub(r"[\s_\-]", "", values["status"].lower()))
        if not keys:
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
            row.action = "tetap" if person.pk in recorded else "baru"
        row.status = status or ""
        outcomes.append(row)
    return ImportPreview(rows=outcomes)
