"""Every spreadsheet the admin exports (our viewsets and Wagtail's own reports) is safe to open
and reads as people expect.

Wagtail writes them all through SpreadsheetExportMixin.preprocess_field_value, and offers no
setting for what we need, so install() wraps that one method at start-up:

- Times are Asia/Jakarta (WIB), as on every screen and PDF. Wagtail writes UTC, which put a
  16.41 WIB check-in at 09.41 in the sheet.
- A CSV cell that a spreadsheet program would run as a formula (starting with = + - @, a tab or
  a carriage return: a participant named "=HYPERLINK(...)") is prefixed with an apostrophe and
  stays text. XLSX cells are typed, and Wagtail already stores such text as text.
- Long digit strings (NIP, NIK, phone numbers) stay text in CSV too: ="198501012010011001"
  keeps every digit and the leading zero of 0812..., where a number would become 1.98501E+17.
"""

import datetime

from django.utils import timezone
from wagtail.admin.views.mixins import SpreadsheetExportMixin

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = SpreadsheetExportMixin.FORMAT_CSV


def local_time(value):
    """An aware datetime as a naive Asia/Jakarta one (the project's TIME_ZONE)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value, timezone.get_default_timezone())
    return value


def safe_csv_cell(value):
    if not isinstance(value, str) or not value:
        return value
    if value.isascii() and value.isdigit():
        return f'="{value}"'
    if value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def install():
    if getattr(SpreadsheetExportMixin, "_lentera_safe", False):
        return
    wagtail_preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = wagtail_preprocess(self, field, local_time(value), export_format)
        if export_format == CSV:
            if isinstance(value, datetime.datetime):
                value = value.strftime("%Y-%m-%d %H:%M:%S")
            return safe_csv_cell(value)
        return value

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin._lentera_safe = True
