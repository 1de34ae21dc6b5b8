"""Reading the spreadsheets people send us (XLSX or CSV), for every import in the project.

Uploads are untrusted: a file may be damaged, or built to cost as much as possible to read (a
33 KB XLSX can unpack to 200,000 cell styles or a million shared strings; a 5 KB one can claim a
million rows of sixteen thousand columns). What a file may hold is bounded here, for every
import, by the counts in settings.SPREADSHEET_LIMITS: an XLSX is counted part by part while its
XML streams past (xlsx_check.py) before openpyxl is given it, and a CSV row by row. All of it
runs in a child process with capped memory and CPU (isolated.py), so whatever a file costs
beyond the counts stops there, never in the web process or the task worker.

Every way a file can be refused ends in a SpreadsheetError with a sentence the organizer can
act on. Cells are checked once, here, for the preview and the import alike: a cell holding a
control character (NUL, ESC...) is refused by row, since the database cannot store NUL and
nobody means to type the others.
"""

import csv
import io
import logging
import re
from dataclasses import dataclass

from defusedxml.common import DefusedXmlException
from django.conf import settings
from django.db import models
from openpyxl import load_workbook

from content.base import isolated, xlsx_check
from content.base.errors import NotAllowed
from content.base.numbers import thousands

logger = logging.getLogger(__name__)

CSV_DELIMITERS = ",;\t"
# Control characters (Unicode category Cc) but the tab and line breaks a cell may hold.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LABEL_CHARACTERS = 80


def limits():
    """What an uploaded spreadsheet may hold: settings.SPREADSHEET_LIMITS."""
    return dict(settings.SPREADSHEET_LIMITS)


class SpreadsheetError(Exception):
    """The file itself cannot be read (wrong type, damaged, too big, too complex, no header,
    missing columns, control characters). The message says so in Indonesian; `work` holds
    what had been counted when reading stopped, and `problems` the rows at fault, as the
    preview lists them ({"number", "label", "errors"})."""

    def __init__(self, message, *, work=None, problems=()):
        super().__init__(message)
        self.message = message
        self.work = dict(work or {})
        self.problems = list(problems)


class ImportRejected(NotAllowed):
    """A preview with errors, or data that changed under it; nothing was written."""


PREVIEW_HAS_ERRORS = "Masih ada baris yang salah; tidak ada data yang diimpor."
DAMAGED = "Berkas tidak dapat dibaca (rusak atau bukan spreadsheet). Simpan ulang dari Excel."
RESAVE = "Salin datanya saja (Tempel Nilai) ke templat, atau simpan ulang dari Excel sebagai XLSX."
# One sentence per limit of xlsx_check, naming the limit.
OVER_LIMIT = {
    "zip_members": f"Berkas XLSX ini terdiri dari lebih dari {{limit}} bagian. {RESAVE}",
    "unpacked_bytes": (
        "Berkas XLSX ini terlalu besar setelah dibuka (lebih dari {limit} byte). Simpan ulang "
        "hanya lembar daftarnya, atau pecah menjadi beberapa berkas."
    ),
    "compression_ratio": (
        "Berkas XLSX ini dimampatkan secara tidak wajar: salah satu bagiannya membesar lebih "
        f"dari {{limit}} kali saat dibuka. {RESAVE}"
    ),
    "styles": (
        f"Berkas memuat lebih dari {{limit}} gaya sel (format angka, huruf, isian, garis). {RESAVE}"
    ),
    "shared_strings": f"Berkas memuat lebih dari {{limit}} teks berbeda. {RESAVE}",
    "sheets": "Berkas memuat lebih dari {limit} lembar. Simpan ulang hanya lembar daftarnya.",
    "rows": "Berkas berisi lebih dari {rows} baris data. Pecah menjadi beberapa berkas.",
    "cells": "Berkas memuat lebih dari {limit} sel. Pecah menjadi beberapa berkas.",
    "cells_per_row": f"Ada baris yang memuat lebih dari {{limit}} sel. {RESAVE}",
    "xml_depth": (
        "Isi berkas bersarang lebih dari {limit} tingkat, yang tidak pernah dibuat Excel. "
        f"{RESAVE}"
    ),
    "xml_elements": f"Isi berkas terlalu banyak (lebih dari {{limit}} unsur XML). {RESAVE}",
}
XML_DECLARATIONS = (
    "Berkas memuat deklarasi XML (DTD atau entitas) yang tidak pernah dibuat Excel, dan tidak "
    f"dibaca demi keamanan. {RESAVE}"
)
CONTROL_CHARACTERS_FOUND = (
    "{count} baris berisi karakter kontrol (misalnya NUL) yang tidak terlihat dan tidak dapat "
    "disimpan. Tidak ada data yang diimpor: ketik ulang sel yang disebut di bawah, lalu unggah "
    "lagi."
)


def _header(value):
    return str(value or "").strip().lower().replace(" ", "_").replace("/", "_")


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # spreadsheets turn long numbers typed as numbers into floats
    return str(value).strip()


def _too_many_rows(limits, work):
    return SpreadsheetError(OVER_LIMIT["rows"].format(rows=thousands(limits["rows"])), work=work)


def _xlsx_rows(data, limits):
    try:
        xlsx_check.check(data, limits)
    except xlsx_check.OverLimit as error:
        if error.what == "rows":
            raise _too_many_rows(limits, error.work) from error
        message = OVER_LIMIT[error.what].format(limit=thousands(error.limit))
        raise SpreadsheetError(message, work=error.work) from error
    except xlsx_check.Damaged as error:
        raise SpreadsheetError(DAMAGED) from error
    except DefusedXmlException as error:
        raise SpreadsheetError(XML_DECLARATIONS) from error
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
        sheet = workbook.worksheets[0]
        # The size a sheet claims is not trusted: read only the cells it really holds.
        sheet.reset_dimensions()
    except MemoryError:
        raise
    except Exception as error:  # openpyxl raises many types for a damaged file
        raise SpreadsheetError(DAMAGED) from error
    # One row past the limit is enough to know the file has too many; openpyxl fills the gap
    # before a far-away row with empty ones, which this also bounds.
    return sheet.iter_rows(max_row=limits["rows"] + 2, max_col=limits["columns"], values_only=True)


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
    # A field may hold csv's default 131,072 characters at most; the cell limit is far below.
    return csv.reader(io.StringIO(text), dialect, strict=True)


def _table(rows, limits):
    """The rows' cells (the first `columns` of each), stopping with a clear message once the
    file holds more than allowed. The header is the first; blank rows past the limit are
    padding, up to a point."""
    table = []
    read = 0
    try:
        for read, values in enumerate(rows, start=1):
            if len(values) > limits["cells_per_row"]:
                limit = thousands(limits["cells_per_row"])
                raise SpreadsheetError(
                    OVER_LIMIT["cells_per_row"].format(limit=limit), work={"rows_read": read}
                )
            cells = [_cell(value) for value in values[: limits["columns"]]]
            if (read > limits["rows"] + 1 and any(cells)) or read > 2 * limits["rows"] + 1:
                raise _too_many_rows(limits, {"rows_read": read})
            table.append(cells)
    except SpreadsheetError:
        raise
    except csv.Error as error:
        raise SpreadsheetError(
            "Berkas CSV tidak dapat dibaca: ada sel yang terlalu panjang atau tanda kutip yang "
            "tidak ditutup.",
            work={"rows_read": read},
        ) from error
    except MemoryError:
        raise
    except Exception as error:  # a damaged sheet fails while it is read, in many ways
        logger.info("Unreadable spreadsheet: %r", error)
        raise SpreadsheetError(DAMAGED, work={"rows_read": read}) from error
    return table


def _parse(data, filename, limits):
    # In the child process: bytes in, a list of lists of text out.
    if filename.lower().endswith(".xlsx"):
        return _table(_xlsx_rows(data, limits), limits)
    return _table(_csv_rows(data), limits)


def parse_table(data, filename):
    """Every row of the file's first sheet (or of the CSV) as a list of texts, the header
    first, read in a child process with capped memory and CPU."""
    if not filename.lower().endswith((".xlsx", ".csv")):
        raise SpreadsheetError("Gunakan berkas .xlsx atau .csv.")
    try:
        return isolated.run(
            _parse,
            data,
            filename,
            limits(),
            memory_mb=settings.UPLOAD_PARSE_MEMORY_MB,
            cpu_seconds=settings.UPLOAD_PARSE_CPU_SECONDS,
        )
    except isolated.TooComplex as error:
        message = f"{error.message} {RESAVE}"
        raise SpreadsheetError(message, work={"stopped_by": error.reason}) from error


def _visible(text):
    """The text with each control character drawn (U+2400 pictures), so a person can see where
    it was."""

    def picture(match):
        code = ord(match.group())
        return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"

    text = CONTROL_CHARACTERS.sub(picture, text)
    return text if len(text) <= LABEL_CHARACTERS else f"{text[: LABEL_CHARACTERS - 1]}…"


def _code(character):
    code = f"U+{ord(character):04X}"
    return f"{code} (NUL)" if character == "\x00" else code


def _control_character_errors(values):
    errors = []
    for column, text in values.items():
        found = list(dict.fromkeys(CONTROL_CHARACTERS.findall(text)))
        if found:
            errors.append(
                f"Kolom {column}: berisi karakter kontrol {', '.join(map(_code, found))} yang "
                "tidak terlihat dan tidak dapat disimpan; ketik ulang isinya."
            )
    return errors


def read_rows(data, filename, *, columns, required):
    """Rows as (spreadsheet row number, {column: text}) for the named `columns`.

    Headers are matched case-insensitively; blank rows are skipped; a missing required column
    fails the whole file before any row is read, and so do cells holding control characters
    (every such row is listed in the error's `problems`).
    """
    limit = limits()["cell_characters"]
    table = parse_table(data, filename)
    if not table:
        raise SpreadsheetError("Berkas kosong.")
    headers = [_header(value) for value in table[0]]
    missing = [column for column in required if column not in headers]
    if missing:
        raise SpreadsheetError(
            f"Kolom wajib tidak ada: {', '.join(missing)}. Gunakan templat agar judul kolom sesuai."
        )
    rows, problems = [], []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue
        if any(len(cell) > limit for cell in cells):
            raise SpreadsheetError(
                f"Baris {number}: ada sel yang berisi lebih dari {thousands(limit)} karakter."
            )
        row = dict(zip(headers, cells, strict=False))
        values = {column: row.get(column, "") for column in columns}
        if errors := _control_character_errors(values):
            bad = next(text for text in values.values() if CONTROL_CHARACTERS.search(text))
            problems.append({"number": number, "label": _visible(bad), "errors": errors})
        rows.append((number, values))
    if problems:
        raise SpreadsheetError(
            CONTROL_CHARACTERS_FOUND.format(count=thousands(len(problems))), problems=problems
        )
    yield from rows


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
