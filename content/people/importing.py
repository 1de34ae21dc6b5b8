"""Reading and checking participant lists (XLSX or CSV) before anything is written.

The flow is preview, then confirm: `preview_import` reads every row, applies the same identity
rules as sign-up (User.clean), matches existing people by NIP, then NIK, then email, and collects
every problem by row number. Only a preview without errors may be applied
(services.participants_import), and it is applied in one transaction.
"""

import difflib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from openpyxl import Workbook

from content.base.spreadsheets import ImportPreview, RowAction, SpreadsheetError, read_rows
from content.people.identity import IdentifierKind, identifiers_in
from content.people.models import Agency, ParticipantGroup, Proof, User
from content.people.models.changes import identity_of
from content.people.rules import proof_methods
from content.people.selectors import people_by_identifiers

# Header in the file -> User field. Headers are matched case-insensitively.
COLUMNS = {
    "nama": "full_name",
    "kelompok": "participant_group",
    "nip": "nip",
    "nik": "nik",
    "opd": "agency",
    "jabatan": "position",
    "pangkat_golongan": "rank",
    "email": "email",
    "telepon": "phone",
}
REQUIRED_COLUMNS = ("nama", "kelompok", "opd")
IDENTIFIERS = ("email", "nip", "nik")
HELD_WITH_NIP = ("participant_group", "gender", "rank")
NO_ADDRESS_TO_CONFIRM = (
    "Baris ini mengubah NIP, NIK, atau email akun yang tidak memiliki email untuk konfirmasi. "
    "Kosongkan sel itu, lalu ubah lewat menu Peserta setelah memeriksa KTP/SK orangnya langsung."
)
# Valid, and unlikely to be anyone's: the template's example rows import as they are.
EXAMPLE_NIP = "199001012015012999"
EXAMPLE_NIK = "3471011001909999"
PROFILE_FIELDS = ["full_name", "participant_group", "nip", "nik", "agency", "position", "rank"]
PROFILE_FIELDS += ["email", "phone", "gender"]
# What agencies' spreadsheets actually say in the group column, compared without spaces,
# dashes and slashes ("ASN - PNS", "asn-pns" and "ASN PNS" are the same).
GROUP_ALIASES = {
    "pns": ParticipantGroup.PNS,
    "asnpns": ParticipantGroup.PNS,
    "pppk": ParticipantGroup.PPPK,
    "asnpppk": ParticipantGroup.PPPK,
    "ptt": ParticipantGroup.PTT,
    "nonasn": ParticipantGroup.PTT,
    "pttnonasn": ParticipantGroup.PTT,
    "honorer": ParticipantGroup.PTT,
    "thl": ParticipantGroup.PTT,
}


@dataclass
class RowOutcome:
    number: int
    values: dict
    user: User | None = None
    action: str = ""  # a RowAction
    errors: list = field(default_factory=list)
    # The existing person's identifiers (and group) before this row: the file does not set
    # them, a confirmed identity change does (held_identifiers).
    before: dict = field(default_factory=dict)

    @property
    def label(self):
        return self.values["full_name"]


def read_table(data, filename):
    """Rows of a participant list as (spreadsheet row number, {User field: text})."""
    for number, row in read_rows(data, filename, columns=COLUMNS, required=REQUIRED_COLUMNS):
        yield number, {name: row[column] for column, name in COLUMNS.items()}


def _known_people(rows):
    """Everyone the file names by NIP, NIK or email, in a few queries for the whole file."""
    return people_by_identifiers(
        {identifier for _, _, identifiers in rows for identifier in identifiers if identifier.value}
    )


class _Agencies:
    def __init__(self):
        agencies = list(Agency.objects.filter(is_active=True))
        self.by_name = {}
        for agency in agencies:
            self.by_name[agency.name.lower()] = agency
            if agency.short_name:
                self.by_name.setdefault(agency.short_name.lower(), agency)
        self.names = [agency.name for agency in agencies]

    def find(self, name):
        return self.by_name.get(name.strip().lower())

    def suggest(self, name):
        return difflib.get_close_matches(name, self.names, n=3, cutoff=0.55)


def _field_errors(error):
    labels = {f.name: f.verbose_name for f in User._meta.fields}
    messages = []
    for name, field_messages in error.message_dict.items():
        label = labels.get(name, "")
        prefix = f"{label[:1].upper()}{label[1:]}: " if name != "__all__" and label else ""
        messages += [f"{prefix}{message}" for message in field_messages]
    return messages


def preview_import(rows, *, progress=None):
    """Check every row and write nothing; `progress(done, total)` reports how far it got."""
    rows = [(number, values, identifiers_in(values)) for number, values in rows]
    if not rows:
        raise SpreadsheetError("Tidak ada baris data di bawah judul kolom.")
    known, agencies = _known_people(rows), _Agencies()
    first_seen = {
        kind: {} for kind in (IdentifierKind.NIP, IdentifierKind.NIK, IdentifierKind.EMAIL)
    }
    outcomes = []
    for index, (number, values, identifiers) in enumerate(rows, start=1):
        outcomes.append(_check_row(number, values, identifiers, known, agencies, first_seen))
        if progress and (index % 500 == 0 or index == len(rows)):
            progress(index, len(rows))
    return ImportPreview(rows=outcomes)


def _snapshot(user):
    # agency_id, not agency: reading the relation would cost a query per existing person.
    return {
        name: getattr(user, f"{name}_id" if name == "agency" else name) for name in PROFILE_FIELDS
    }


def _check_row(number, values, identifiers, known, agencies, first_seen):
    outcome = RowOutcome(number=number, values=values)
    group = GROUP_ALIASES.get(re.sub(r"[\s\-/]", "", values["participant_group"].lower()))
    if group is None:
        outcome.errors.append(
            f"Kelompok '{values['participant_group']}' tidak dikenal (isi PNS, PPPK, atau PTT)."
        )
    agency = agencies.find(values["agency"]) if values["agency"] else None
    if agency is None:
        suggestions = agencies.suggest(values["agency"]) if values["agency"] else []
        hint = f" Mungkin maksud Anda: {', '.join(suggestions)}?" if suggestions else ""
        outcome.errors.append(f"OPD '{values['agency']}' tidak dikenal.{hint}")

    nip, nik, email = (identifier.value for identifier in identifiers)
    for identifier in identifiers:
        kind, value = identifier.kind, identifier.value
        if value and value in first_seen[kind]:
            outcome.errors.append(f"{kind.label} sama dengan baris {first_seen[kind][value]}.")
        elif value:
            first_seen[kind][value] = number
    if group == ParticipantGroup.PTT and not (nik or email):
        outcome.errors.append("Untuk PTT isi NIK atau email agar orangnya dapat dikenali.")

    matches = [
        match for identifier in identifiers if identifier.value and (match := known.get(identifier))
    ]
    existing = matches[0] if matches else None
    if any(match.pk != existing.pk for match in matches):
        outcome.errors.append("NIP, NIK, dan email menunjuk ke peserta yang berbeda di database.")
    if existing is not None and (existing.is_staff_account or not existing.is_participant):
        outcome.errors.append("NIP, NIK, atau email ini milik akun petugas, bukan peserta.")

    user = existing or User()
    # Asked of the account as stored, before the row's values are put on it.
    confirmable = existing is not None and proof_methods(existing, by=None) == [Proof.EMAIL_LINK]
    before = _snapshot(user) if existing else None
    outcome.before = _identity_before(user) if existing else {}
    user.full_name = values["full_name"]
    user.participant_group = group or ""
    user.agency = agency
    # A blank cell says nothing: it keeps what an existing person already has.
    for name, value in (
        ("nip", nip or None),
        ("nik", nik or None),
        ("email", email),
        ("position", values["position"]),
        ("rank", values["rank"]),
        ("phone", values["phone"]),
    ):
        if value or existing is None:
            setattr(user, name, value)
    if group != ParticipantGroup.PNS and not values["rank"]:
        user.rank = ""  # only PNS have a rank: a PNS who became PPPK loses it
    if not user.full_name:
        outcome.errors.append("Nama wajib diisi.")
    # Every problem of the row at once: an unknown OPD does not hide a bad NIP.
    if group:
        try:
            user.clean()
            user.clean_fields(exclude=["username", "password", "agency"])
        except ValidationError as error:
            outcome.errors += _field_errors(error)
    outcome.user = user
    if existing is not None and _changed_identifiers(outcome) and not confirmable:
        outcome.errors.append(NO_ADDRESS_TO_CONFIRM)
    if existing is None:
        outcome.action = RowAction.NEW
    else:
        outcome.action = RowAction.UNCHANGED if _snapshot(user) == before else RowAction.UPDATED
    return outcome


def _identity_before(user):
    return {**identity_of(user), **{name: getattr(user, name) for name in HELD_WITH_NIP}}


def _changed_identifiers(row):
    return [name for name in IDENTIFIERS if (getattr(row.user, name) or "") != row.before[name]]


def held_identifiers(row):
    """The email, NIP and NIK a known person's row would change, put back on `row.user` to
    what the account has: they change only once control of the account is shown
    (services/identity_control.py). A group that comes with a new NIP waits with it."""
    wanted = {}
    for name in _changed_identifiers(row):
        wanted[name] = getattr(row.user, name) or ""
        setattr(row.user, name, row.before[name] or (None if name != "email" else ""))
    if "nip" in wanted and row.user.participant_group != row.before["participant_group"]:
        wanted["participant_group"] = row.user.participant_group
    if "nip" in wanted:
        for name in HELD_WITH_NIP:
            setattr(row.user, name, row.before[name])
    return wanted


def template_workbook():
    """The XLSX template agencies fill in: headers, two example rows that import as they are
    (with the first active agencies' names), and the list of OPD."""
    agencies = list(Agency.objects.filter(is_active=True).order_by("name")[:2])
    first = agencies[0].name if agencies else "Isi nama OPD dari lembar Daftar OPD"
    second = agencies[-1].name if agencies else first
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Peserta"
    sheet.append(list(COLUMNS))
    sheet.append(
        [
            "Dra. Siti Aminah, M.Si. (contoh)",
            "PNS",
            EXAMPLE_NIP,
            "",
            first,
            "Analis Kebijakan",
            "III/c",
            "contoh.siti.aminah@contoh.go.id",
            "081234567890",
        ]
    )
    sheet.append(["Budi Santoso (contoh)", "PTT", "", EXAMPLE_NIK, second, "Staf", "", "", ""])
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 24
    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "@"  # NIP and NIK as text, never 1.98501E+17
    listing = workbook.create_sheet("Daftar OPD")
    listing.append(["Nama OPD", "Singkatan"])
    for agency in Agency.objects.filter(is_active=True):
        listing.append([agency.name, agency.short_name])
    listing.column_dimensions["A"].width = 50
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
