"""Reading and checking a list of new NIPs (PTT appointed PPPK or PNS) before anything is
written: one row per person, naming the account by its NIK or email, with the new NIP and,
optionally, the group and the date from which it holds.

Every problem of every row is collected (services.participant_add_nip's rules, read without
writing); only a file without errors may be applied, in one transaction
(services.participants_add_nips). A NIP is a login identifier: each one waits for its owner to
follow the link sent to the account's email, so rows of accounts without one are refused.
"""

import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook

from content.base.spreadsheets import ImportPreview, RowAction, SpreadsheetError, read_rows
from content.people.identity import IdentifierKind, canonical_identifier, normalize_number
from content.people.models import ParticipantGroup, Proof
from content.people.rules import proof_methods
from content.people.selectors import people_by_identifiers
from content.people.services.identity_changes import check_new_nip

COLUMNS = ("nik_atau_email", "nip_baru", "kelompok", "tanggal_berlaku")
REQUIRED_COLUMNS = ("nik_atau_email", "nip_baru")
GROUPS = {
    "pppk": ParticipantGroup.PPPK,
    "asnpppk": ParticipantGroup.PPPK,
    "pns": ParticipantGroup.PNS,
    "asnpns": ParticipantGroup.PNS,
}
DATE_FORMATS = ("%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")
FIELD_LABELS = {"nip": "NIP baru", "participant_group": "Kelompok", "effective_date": "Tanggal"}
NIP_HELD_MESSAGE = (
    "NIP ini sudah dipakai akun lain. Bila orangnya sama, gabungkan kedua akun dulu (menu "
    "Peserta, Kemungkinan duplikat), lalu impor lagi."
)
NO_ADDRESS_TO_CONFIRM = (
    "Akun ini tidak memiliki email, jadi pemiliknya tidak dapat mengonfirmasi NIP barunya lewat "
    "tautan. Hapus baris ini, lalu tambahkan NIP-nya lewat Peserta, Tambah NIP, setelah "
    "memeriksa KTP/SK orangnya langsung."
)
LINK = Proof.EMAIL_LINK
EXAMPLE_NIK = "3471011001909999"
EXAMPLE_NIP = "199001012024211001"


@dataclass
class NipRow:
    number: int
    values: dict
    user: object = None
    nip: str = ""
    group: str = ""
    effective_date: datetime.date | None = None
    action: str = ""
    errors: list = field(default_factory=list)

    @property
    def label(self):
        return str(self.user) if self.user is not None else self.values["nik_atau_email"]


def read_table(data, filename):
    yield from read_rows(data, filename, columns=COLUMNS, required=REQUIRED_COLUMNS)


def _date(text):
    text = text.strip()
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def preview_nips(rows, *, progress=None, today=None):
    """Check every row and write nothing."""
    today = today or timezone.localdate()
    rows = list(rows)
    if not rows:
        raise SpreadsheetError("Tidak ada baris data di bawah judul kolom.")
    named = [canonical_identifier(values["nik_atau_email"]) for _, values in rows]
    nips = [normalize_number(values["nip_baru"]) for _, values in rows]
    known = people_by_identifiers(
        [i for i in named if i.kind in (IdentifierKind.NIK, IdentifierKind.EMAIL) and i.value]
        + [canonical_identifier(nip) for nip in nips if len(nip) == 18]
    )
    seen_people, seen_nips, outcomes = {}, {}, []
    checked = zip(rows, named, nips, strict=True)
    for index, ((number, values), identifier, nip) in enumerate(checked, start=1):
        row = NipRow(number=number, values=values)
        outcomes.append(row)
        _check(row, identifier, nip, known, seen_people, seen_nips, today)
        if progress and (index % 500 == 0 or index == len(rows)):
            progress(index, len(rows))
    return ImportPreview(rows=outcomes)


def _check(row, identifier, nip, known, seen_people, seen_nips, today):
    values = row.values
    if not identifier.value:
        row.errors.append("Isi NIK atau email akun peserta.")
    elif identifier.kind not in (IdentifierKind.NIK, IdentifierKind.EMAIL):
        row.errors.append("Kolom nik_atau_email harus berisi NIK (16 digit) atau email.")
    else:
        row.user = known.get(identifier)
        if row.user is None:
            row.errors.append(f"Tidak ada peserta dengan {identifier.kind.label} ini.")
        elif row.user.is_staff_account or not row.user.is_participant:
            row.errors.append("NIK atau email ini milik akun petugas, bukan peserta.")
            row.user = None
    if row.user is not None:
        if row.user.pk in seen_people:
            row.errors.append(f"Peserta yang sama sudah ada di baris {seen_people[row.user.pk]}.")
        seen_people.setdefault(row.user.pk, row.number)

    group_text = re.sub(r"[\s\-/]", "", values["kelompok"].lower())
    group = GROUPS.get(group_text) if group_text else None
    if group_text and group is None:
        row.errors.append(f"Kelompok '{values['kelompok']}' tidak dikenal (isi PPPK atau PNS).")
    try:
        effective = _date(values["tanggal_berlaku"])
    except ValueError:
        effective = None
        row.errors.append(
            f"Tanggal '{values['tanggal_berlaku']}' tidak dikenal (tulis seperti 2026-10-01)."
        )
    try:
        row.nip, row.group, row.effective_date, _ = check_new_nip(
            nip, group=group, effective_date=effective, today=today
        )
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            row.errors += [f"{FIELD_LABELS[name]}: {message}" for message in messages]
    if nip and nip in seen_nips:
        row.errors.append(f"NIP sama dengan baris {seen_nips[nip]}.")
    seen_nips.setdefault(nip, row.number)
    holder = known.get(canonical_identifier(nip)) if len(nip) == 18 else None
    if holder is not None and (row.user is None or holder.pk != row.user.pk):
        row.errors.append(NIP_HELD_MESSAGE)
    if row.user is not None and row.user.nip and row.user.nip != nip:
        row.errors.append("Peserta ini sudah memiliki NIP lain.")
    already = row.user is not None and row.user.nip == nip
    if row.user is not None and not already and proof_methods(row.user, by=None) != [LINK]:
        row.errors.append(NO_ADDRESS_TO_CONFIRM)
    row.action = RowAction.UNCHANGED if already else RowAction.UPDATED


def template_workbook():
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "NIP baru"
    sheet.append(list(COLUMNS))
    sheet.append([EXAMPLE_NIK, EXAMPLE_NIP, "PPPK", "2026-10-01"])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 26
    for row in sheet.iter_rows(min_row=2, max_col=2):
        for cell in row:
            cell.number_format = "@"  # NIK and NIP as text, never 1.98501E+17
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
