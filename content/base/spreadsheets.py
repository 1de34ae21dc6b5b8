"""Reading the spreadsheets people send us (XLSX or CSV), for every import in the project.

Uploads are untrusted: a file may be damaged, or built to cost as much as possible to read (a
5 KB XLSX can claim a million rows of sixteen thousand columns, or unzip to gigabytes). What a
file may cost is bounded here, for every import, and every way a file can be unreadable ends in
a SpreadsheetError with a sentence the organizer can act on.
"""

import csv
import io
import logging
import time
import zipfile
from dataclasses import dataclass

from django.db import models
from openpyxl import load_workbook

from content.base.errors import NotAllowed

logger = logging.getLogger(__name__)

MAX_ROWS = 50_000
MAX_COLUMNS = 60
MAX_CELL_CHARACTERS = 2_000
# An XLSX is a zip: its parts may unpack to far more than the 10 MB upload.
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_READ_SECONDS = 120
CSV_DELIMITERS = ",;\t"


class SpreadsheetError(Exception):
    """The file itself cannot be read (wrong type, damaged, too big, no header, missing
    columns). The message says so in Indonesian."""


class ImportRejected(NotAllowed):
    """A preview with errors, or data that changed under it; nothing was written."""


PREVIEW_HAS_ERRORS = "Masih ada baris yang salah; tidak ada data yang diimpor."
DAMAGED = "Berkas tidak dapat dibaca (rusak atau bukan spreadsheet). Simpan ulang dari Excel."


def _header(value):
    return str(value or "").strip().lower().replace(" ", "_").replace("/", "_")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn long numbers typed as numbers into floats
    return str(value).strip()


def _check_unpacked_size(data):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise SpreadsheetError(DAMAGED) from error
    if unpacked > MAX_UNPACKED_BYTES:
        raise SpreadsheetError(
            "Berkas XLSX ini terlalu besar setelah dibuka. Simpan ulang hanya lembar daftarnya, "
            "atau pecah menjadi beberapa berkas."
        )


def _xlsx_rows(data):
    _check_unpacked_size(data)
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        # The size a sheet claims is not trusted: read only the cells it really holds.
        sheet.reset_dimensions()
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise SpreadsheetError(DAMAGED) from error
    # One row past the limit is enough to know the file has too many; openpyxl fills the gap
    # before a far-away row with empty ones, which this also bounds.
    return sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True)


def _csv_rows(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SpreadsheetError(
            "Berkas CSV harus berenkode UTF-8. Di Excel pilih Simpan Sebagai, lalu "
            "'CSV UTF-8 (Comma delimited)'."
        ) from error
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=CSV_DELIMITERS)
    except csv.Error:
        # One column, or a delimiter that cannot be guessed: read it as commas, and the check
        # of the header row names what is missing.
        dialect = csv.excel
    return csv.reader(io.StringIO(text), dialect, strict=True)


def _raw_rows(data, filename):
    name = filename.lower()
    if name.endswith(".xlsx"):
        return _xlsx_rows(data)
    if name.endswith(".csv"):
        return _csv_rows(data)
    raise SpreadsheetError("Gunakan berkas .xlsx atau .csv.")


def _bounded(rows):
    """The rows, stopping with a clear message once the file costs more than allowed."""
    deadline = time.monotonic() + MAX_READ_SECONDS
    try:
        for count, values in enumerate(rows):
            cells = [_cell(value) for value in values[:MAX_COLUMNS]]
            # The header is row 0 here. Blank rows past the limit are padding, up to a point.
            if (count > MAX_ROWS and any(cells)) or count > 2 * MAX_ROWS:
                raise SpreadsheetError(
                    f"Berkas berisi lebih dari {MAX_ROWS:,} baris data. Pecah menjadi beberapa "
                    "berkas.".replace(",", ".")
                )
            if time.monotonic() > deadline:
                raise SpreadsheetError(
                    "Berkas terlalu lama dibaca. Simpan ulang sebagai XLSX biasa dari Excel."
                )
            yield count + 1, cells
    except SpreadsheetError:
        raise
    except csv.Error as error:
        raise SpreadsheetError(
            "Berkas CSV tidak dapat dibaca: ada sel yang terlalu panjang atau tanda kutip yang "
            "tidak ditutup."
        ) from error
    except Exception as error:  # a damaged sheet fails while it is read, in many ways
        logger.info("Unreadable spreadsheet: %r", error)
        raise SpreadsheetError(DAMAGED) from error


def read_rows(data, filename, *, columns, required):
    """Rows as (spreadsheet row number, {column: text}) for the named `columns`.

    Headers are matched case-insensitively; blank rows are skipped; a missing required column
    fails the whole file before any row is read.
    """
    rows = _bounded(_raw_rows(data, filename))
    first = next(rows, None)
    if first is None:
        raise SpreadsheetError("Berkas kosong.")
    headers = [_header(value) for value in first[1]]
    missing = [column for column in required if column not in headers]
    if missing:
        raise SpreadsheetError(
            f"Kolom wajib tidak ada: {', '.join(missing)}. Gunakan templat agar judul kolom sesuai."
        )
    for number, cells in rows:
        if not any(cells):
            continue
        if any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
            raise SpreadsheetError(
                f"Baris {number}: ada sel yang berisi lebih dari {MAX_CELL_CHARACTERS:,} "
                "karakter.".replace(",", ".")
            )
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
