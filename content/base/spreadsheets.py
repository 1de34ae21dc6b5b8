"""Reading the spreadsheets people send us (XLSX or CSV), for every import in the project."""

import csv
import io
from dataclasses import dataclass

from django.db import models
from openpyxl import load_workbook

from content.base.errors import NotAllowed


class SpreadsheetError(Exception):
    """The file itself cannot be read (wrong type, no header row, missing columns)."""


class ImportRejected(NotAllowed):
    """A preview with errors, or data that changed under it; nothing was written."""


PREVIEW_HAS_ERRORS = "Masih ada baris yang salah; tidak ada data yang diimpor."


def _header(value):
    return str(value or "").strip().lower().replace(" ", "_").replace("/", "_")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn long numbers typed as numbers into floats
    return str(value).strip()


def _raw_rows(data, filename):
    name = filename.lower()
    if name.endswith(".xlsx"):
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        except Exception as error:  # openpyxl raises many types for a damaged file
            raise SpreadsheetError(
                "Berkas XLSX tidak dapat dibaca. Simpan ulang dari Excel."
            ) from error
        return sheet.iter_rows(values_only=True)
    if name.endswith(".csv"):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SpreadsheetError("Berkas CSV harus berenkode UTF-8.") from error
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else "excel"
        return csv.reader(io.StringIO(text), dialect)
    raise SpreadsheetError("Gunakan berkas .xlsx atau .csv.")


def read_rows(data, filename, *, columns, required):
    """Rows as (spreadsheet row number, {column: text}) for the named `columns`.

    Headers are matched case-insensitively; blank rows are skipped; a missing required column
    fails the whole file before any row is read.
    """
    rows = _raw_rows(data, filename)
    header = next(rows, None)
    if header is None:
        raise SpreadsheetError("Berkas kosong.")
    headers = [_header(value) for value in header]
    missing = [column for column in required if column not in headers]
    if missing:
        raise SpreadsheetError(f"Kolom wajib tidak ada: {', '.join(missing)}.")
    for number, values in enumerate(rows, start=2):
        cells = [_cell(value) for value in values]
        if not any(cells):
            continue
        row = dict(zip(headers, cells, strict=False))
        yield number, {column: row.get(column, "") for column in columns}


class RowAction(models.TextChoices):
    """What confirming an import would do with a row."""

    NEW = "baru", "baru"
    UPDATED = "diperbarui", "diperbarui"
    UNCHANGED = "tetap", "tidak berubah"


@dataclass
class ImportPreview:
    """The outcome of checking every row of an import; rows carry `errors` and an `action`."""

    rows: list

    @property
    def rows_with_errors(self):
        return [row for row in self.rows if row.errors]

    @property
    def ok(self):
        return bool(self.rows) and not self.rows_with_errors

    def count(self, action):
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    def require_ok(self):
        """Refuse to apply a preview that still has errors."""
        if not self.ok:
            raise ImportRejected(PREVIEW_HAS_ERRORS)
