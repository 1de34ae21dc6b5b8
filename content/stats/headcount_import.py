"""Each agency's official headcount for a year from a spreadsheet (XLSX or CSV), through the
project's import flow (content/base/import_flow.py): every row checked and its errors listed by
row number, nothing written; then, once confirmed, every row applied in one transaction or none,
by the statistics services (services.headcounts_import: this module writes nothing).

Columns: OPD (the agency's name or its short name, case and spacing ignored), Tahun, ASN, PTT.
A row for an agency and year already recorded updates that record (the unique constraint on
agency and year means one record a year, and update_or_create keeps it so): importing the same
file again changes nothing.
"""

import difflib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone
from openpyxl import Workbook

from content.base.input_rules import MAX_DIGITS, ascii_int
from content.base.spreadsheets import ImportPreview, RowAction, read_rows
from content.people.models import Agency
from content.stats.models import AgencyHeadcount

COLUMNS = ("opd", "tahun", "asn", "ptt")
HEADINGS = ("OPD", "Tahun", "ASN", "PTT")
MIN_YEAR = 2000
# "1.234" is how Indonesian spreadsheets write a thousand and more.
# ASCII digits (content/base/input_rules.py), with or without thousands dots.
NUMBER = re.compile(r"[0-9]+|[0-9]{1,3}(\.[0-9]{3})+")


@dataclass
class HeadcountRow:
    number: int
    label: str
    agency: Agency | None = None
    year: int | None = None
    asn: int | None = None
    ptt: int | None = None
    action: str = ""  # a RowAction
    errors: list = field(default_factory=list)


def _key(value):
    return " ".join(value.split()).casefold()


class _Agencies:
    """Agencies by name and by short name (a short name two agencies share finds neither)."""

    def __init__(self):
        agencies = list(Agency.objects.all())
        self.by_name = {_key(agency.name): agency for agency in agencies}
        self.by_short = {}
        for agency in agencies:
            if agency.short_name:
                self.by_short.setdefault(_key(agency.short_name), []).append(agency)
        self.names = [agency.name for agency in agencies]

    def find(self, text):
        """(agency, error)."""
        key = _key(text)
        if not key:
            return None, "Isi nama atau singkatan OPD."
        if key in self.by_name:
            return self.by_name[key], None
        found = self.by_short.get(key, [])
        if len(found) == 1:
            return found[0], None
        if found:
            return None, f"Singkatan '{text}' dipakai beberapa OPD; tulis nama lengkapnya."
        close = difflib.get_close_matches(text, self.names, n=3, cutoff=0.6)
        hint = f" Mungkin maksud Anda: {', '.join(close)}?" if close else ""
        return None, f"OPD '{text}' tidak dikenal.{hint}"


def _count(text, heading, field):
    """(number, error) of a cell holding a whole number of people."""
    value = text.strip()
    if not value:
        return None, f"{heading} wajib diisi (tulis 0 bila tidak ada)."
    if not NUMBER.fullmatch(value):
        return None, f"{heading} harus bilangan bulat 0 atau lebih, bukan '{text}'."
    number = ascii_int(value.replace(".", ""), 0, 10**MAX_DIGITS - 1)
    try:
        if number is None:
            raise ValidationError("too many digits")
        # The field's validators hold the database's range: a number the preview accepts is
        # one the import can store.
        AgencyHeadcount._meta.get_field(field).run_validators(number)
    except ValidationError:
        return None, f"{heading} '{text}' terlalu besar; tulis jumlah pegawai yang sebenarnya."
    return number, None


def _year(text):
    value = text.strip()
    latest = timezone.localdate().year + 1
    if not value:
        return None, "Tahun wajib diisi."
    year = ascii_int(value, MIN_YEAR, latest)
    if year is None:
        return None, f"Tahun harus antara {MIN_YEAR} dan {latest}, bukan '{text}'."
    return year, None


def read_table(data, filename):
    return read_rows(data, filename, columns=COLUMNS, required=COLUMNS)


def preview_headcount_import(rows, *, progress=None):
    """Check every row and write nothing."""
    rows = list(rows)
    agencies = _Agencies()
    recorded = {
        (headcount.agency_id, headcount.year): headcount
        for headcount in AgencyHeadcount.objects.all()
    }
    first_row_of = {}
    outcomes = []
    for done, (number, values) in enumerate(rows, start=1):
        if progress:
            progress(done, len(rows))
        row = HeadcountRow(number=number, label=values["opd"])
        row.agency, agency_error = agencies.find(values["opd"])
        row.year, year_error = _year(values["tahun"])
        row.asn, asn_error = _count(values["asn"], "ASN", "asn")
        row.ptt, ptt_error = _count(values["ptt"], "PTT", "ptt")
        row.errors = [error for error in (agency_error, year_error, asn_error, ptt_error) if error]
        if row.agency is not None and row.year is not None:
            key = (row.agency.pk, row.year)
            if key in first_row_of:
                row.errors.append(
                    f"{row.agency} tahun {row.year} sudah ada di baris {first_row_of[key]}."
                )
            first_row_of.setdefault(key, number)
            existing = recorded.get(key)
            if existing is None:
                row.action = RowAction.NEW
            elif (existing.asn, existing.ptt) == (row.asn, row.ptt):
                row.action = RowAction.UNCHANGED
            else:
                row.action = RowAction.UPDATED
        outcomes.append(row)
    return ImportPreview(rows=outcomes)


def summary(counts):
    return (
        f"{counts[RowAction.NEW]} baru, {counts[RowAction.UPDATED]} diperbarui, "
        f"{counts[RowAction.UNCHANGED]} tidak berubah."
    )


def template_workbook(year=None):
    """The XLSX template: every active agency for `year` (this year), with the figures already
    recorded for it; the analyst fills in the blanks and changes what changed."""
    year = year or timezone.localdate().year
    recorded = {
        headcount.agency_id: headcount for headcount in AgencyHeadcount.objects.filter(year=year)
    }
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Jumlah pegawai"
    sheet.append(list(HEADINGS))
    for agency in Agency.objects.filter(is_active=True).order_by("name"):
        headcount = recorded.get(agency.pk)
        figures = [headcount.asn, headcount.ptt] if headcount else ["", ""]
        sheet.append([agency.name, year, *figures])
    sheet.column_dimensions["A"].width = 48
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
