"""Every CSV the site writes, and every spreadsheet the admin exports, is safe to open and reads
as people expect. This module is the one place a CSV is written (tests/architecture checks it):
the admin's viewsets and reports, Wagtail's own reports, the statistics reports, the open data
files and the question bank all go through `csv_lines()` / `csv_file()`.

A CSV is for programs and for Excel alike (XLSX remains the format for people):

- A file is UTF-8 and starts with a byte order mark (BOM), which is how Excel knows it is UTF-8:
  without it, Excel reads "Dédé" as "DÃ©dÃ©". Python's `utf-8-sig`, pandas, frictionless and
  every CSV importer of this site read the BOM as such.

What a cell becomes:

- Text is always quoted; numbers stay bare (the dialect below). Lines end in CRLF.
- Text a spreadsheet program would run as a formula gets an apostrophe in front of the formula
  trigger (= + - @, a tab or a carriage return, and the full-width ＝ ＋ － ＠ that an Asian-locale
  Excel reads as the ASCII ones). Not only at the start of the cell: Excel takes the list
  separator from the regional settings (`;` in Indonesian, `,` in English, a tab for text files,
  `|` in some), and a program splitting on a separator we did not use, or not honouring quotes,
  starts a new cell after any `,` `;` tab `|` or line break inside our text. So a trigger
  starting any such part (after spaces and quotes) is neutralised: `Budi;=1+1` is written
  `Budi;'=1+1`. An apostrophe already there gets one more, so `restore_cell()` gives back the
  text exactly (the question bank imports its own CSV export unchanged).
- Identifiers (NIP, NIK, phone numbers: digit strings) are text like any other, so they are
  quoted: "198501012010011001", "081234567890". A program reading the file (Python's csv with
  QUOTE_NONNUMERIC, or a schema) gets the digits as they are. They were once written
  ="198501012010011001" for Excel's sake, which machine readers took literally; restore_cell()
  still reads that form back, so an old export can be imported.
- Numbers are bare, with a decimal point (2.5, never 2,5), whatever the locale.
- Times are Asia/Jakarta (WIB), as on every screen and PDF. Wagtail writes UTC, which put a
  16.41 WIB check-in at 09.41 in the sheet.

Wagtail writes its CSVs with SpreadsheetExportMixin.stream_csv and write_csv_row and offers no
setting for any of this, so install() (run at start-up) puts the site's writer in their place,
and wraps preprocess_field_value for the time zone. XLSX cells are typed, and Wagtail already
stores formula-looking text as text.
"""

import csv
import datetime
import decimal
import re

from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Where a cell may start when a program splits the text on a separator it guessed.
SEPARATORS = (",", ";", "\t", "|", "\r", "\n")
CSV = SpreadsheetExportMixin.FORMAT_CSV

_SEPARATOR = "[" + re.escape("".join(SEPARATORS)) + "]"
_TRIGGER = "[" + re.escape("".join(FORMULA_STARTS)) + "]"
# A part of the text that starts a cell: its leading spaces and quotes, then any apostrophes
# before a formula trigger.
_PART_START = re.compile(rf"""(^|{_SEPARATOR})([ "]*)(?='*{_TRIGGER})""")
_PROTECTED_PART = re.compile(rf"""(^|{_SEPARATOR})([ "]*)'(?='*{_TRIGGER})""")
_PROTECTED_DIGITS = re.compile(r'="(\d+)"')


class Dialect(csv.Dialect):
    """Comma-separated, text quoted (numbers bare), CRLF: what Excel and every reader expects."""

    delimiter = ","
    quotechar = '"'
    doublequote = True
    skipinitialspace = False
    lineterminator = "\r\n"
    quoting = csv.QUOTE_NONNUMERIC


def local_time(value):
    """An aware datetime as a naive Asia/Jakarta one (the project's TIME_ZONE)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value, timezone.get_default_timezone())
    return value


def neutralise(text):
    """`text` with an apostrophe before each formula trigger that could start a cell."""
    return _PART_START.sub(r"\1\2'", text)


def safe_csv_cell(value):
    """A text as it is written in a CSV cell: neutralised (a digit string stays as it is)."""
    if not isinstance(value, str) or not value:
        return value
    return neutralise(value)


def restore_cell(text):
    """What safe_csv_cell() wrote, back to the text it was given (and the ="…" form older
    exports gave digit strings, back to the digits)."""
    digits = _PROTECTED_DIGITS.fullmatch(text)
    if digits:
        return digits.group(1)
    return _PROTECTED_PART.sub(r"\1\2", text)


def csv_cell(value):
    """Any value as it goes into a cell: numbers as numbers (written bare), all else as text."""
    if value is None:
        return ""
    if isinstance(value, int | float | decimal.Decimal) and not isinstance(value, bool):
        return value
    value = local_time(value)
    if isinstance(value, datetime.datetime):
        value = value.strftime("%Y-%m-%d %H:%M:%S")
    elif isinstance(value, datetime.date | datetime.time):
        value = value.isoformat()
    return safe_csv_cell(str(value))


class _Lines:
    def write(self, line):
        return line


def csv_lines(rows):
    """Each row (a sequence of values) as one line of CSV text, ending in CRLF."""
    writer = csv.writer(_Lines(), dialect=Dialect)
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_text(rows):
    """The rows as CSV text (no BOM: a part of a file)."""
    return "".join(csv_lines(rows))


def csv_file(rows):
    """The rows as a whole CSV file's text: the BOM, then the lines. Encode it as UTF-8."""
    return BOM + csv_text(rows)


# Wagtail's exports --------------------------------------------------------------------------


def _export_values(view, row_dict):
    return [view.preprocess_field_value(field, value, CSV) for field, value in row_dict.items()]


def wagtail_stream_csv(self, queryset):
    """SpreadsheetExportMixin.stream_csv, written by the site's writer: UTF-8 bytes, the BOM
    alone as the first chunk (a view printing lines above the headings yields it first), then
    the headings and the rows."""
    headings = [self.get_heading(queryset, field) for field in self.list_export]
    rows = (_export_values(self, self.to_row_dict(item)) for item in queryset)
    yield BOM.encode("utf-8")
    for line in csv_lines([headings]):
        yield line.encode("utf-8")
    for line in csv_lines(rows):
        yield line.encode("utf-8")


def wagtail_write_csv_row(self, writer, row_dict):
    """SpreadsheetExportMixin.write_csv_row, for code that still calls it: the site's writer."""
    return csv_text([_export_values(self, row_dict)]).encode("utf-8")  # a line: no BOM


def install():
    if getattr(SpreadsheetExportMixin, "_lentera_safe", False):
        return
    wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        return wagtail_preprocess(self, field, local_time(value), export_format)

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.stream_csv = wagtail_stream_csv
    SpreadsheetExportMixin.write_csv_row = wagtail_write_csv_row
    SpreadsheetExportMixin._lentera_safe = True
