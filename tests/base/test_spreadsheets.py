"""Reading uploaded spreadsheets: what a file may cost is bounded, and every unreadable file
gets an Indonesian sentence, never an exception of another kind."""

import io
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from content.base.spreadsheets import SpreadsheetError, read_rows
from tests.factories.spreadsheets import (
    HEADERS,
    SHEET,
    csv_bytes,
    xlsx_bytes,
    xlsx_claiming_every_cell,
    xlsx_unpacking_to,
    xlsx_with_broken_sheet,
)

COLUMNS = ("nama", "kelompok")
ROW = ["Siti", "PNS", "", "", "Diskominfo", "", "", "", ""]


def _read(data, name):
    return list(read_rows(data, name, columns=COLUMNS, required=COLUMNS))


class TestFilesThatClaimMoreThanTheyHold:
    def test_a_sheet_claiming_every_cell_is_read_as_the_cells_it_holds(self):
        rows = _read(xlsx_claiming_every_cell([ROW]), "besar.xlsx")
        assert rows[0] == (2, {"nama": "Siti", "kelompok": "PNS"})
        # The far-away cell is past the columns read; its row is blank and skipped.
        assert len(rows) == 1

    def test_a_zip_that_unpacks_to_too_much_is_refused_before_parsing(self, settings):
        settings.SPREADSHEET_LIMITS = {**settings.SPREADSHEET_LIMITS, "unpacked_bytes": 2**20}
        with pytest.raises(SpreadsheetError, match="terlalu besar setelah dibuka"):
            _read(xlsx_unpacking_to(2 * 1024 * 1024, [ROW]), "bom.xlsx")

    def test_too_many_rows_are_refused_with_the_limit(self, settings):
        settings.SPREADSHEET_LIMITS = {**settings.SPREADSHEET_LIMITS, "rows": 10}
        with pytest.raises(SpreadsheetError, match="lebih dari 10 baris"):
            _read(csv_bytes([ROW] * 11), "banyak.csv")
        assert len(_read(csv_bytes([ROW] * 10), "cukup.csv")) == 10

    def test_only_the_first_columns_are_read(self):
        headers = ["nama", "kelompok"] + [f"kolom{number}" for number in range(200)]
        wide = xlsx_bytes([["Siti", "PNS"] + ["x"] * 200], headers=headers)
        assert _read(wide, "lebar.xlsx") == [(2, {"nama": "Siti", "kelompok": "PNS"})]


class TestDamagedFiles:
    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (xlsx_with_broken_sheet([ROW]), "rusak.xlsx", "tidak dapat dibaca"),
            (b"PK\x03\x04 bukan zip", "palsu.xlsx", "tidak dapat dibaca"),
            (b"", "kosong.xlsx", "tidak dapat dibaca"),
            (b"nama\nSiti\nBudi\n", "satu-kolom.csv", "Kolom wajib tidak ada: kelompok"),
            (b"nama|kelompok\nSiti|PNS\n", "pipa.csv", "Kolom wajib tidak ada"),
            (b'nama,kelompok\n"Siti,PNS\n', "kutip.csv", "tanda kutip"),
            (b"nama,kelompok\n" + b"x" * 140_000 + b",PNS\n", "panjang.csv", "terlalu panjang"),
            (b"nama,kelompok\n\xff\xfe\x00S", "utf16.csv", "UTF-8"),
            (b"", "kosong.csv", "Berkas kosong"),
            (b"isi", "dokumen.docx", ".xlsx atau .csv"),
        ],
    )
    def test_each_gets_a_sentence(self, data, name, message):
        with pytest.raises(SpreadsheetError, match=message):
            _read(data, name)

    def test_a_member_whose_packed_bytes_are_corrupt_is_damaged_not_an_error(self):
        data = bytearray(xlsx_bytes([ROW]))
        member = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo(SHEET)
        start = member.header_offset + 30 + len(member.filename) + len(member.extra)
        for offset in range(start + 10, start + 60):
            data[offset] ^= 0xFF  # zlib.error or a bad CRC while the sheet is unpacked
        with pytest.raises(SpreadsheetError, match="tidak dapat dibaca"):
            _read(bytes(data), "rusak.xlsx")

    def test_a_cell_over_the_limit_names_its_row(self):
        rows = [ROW, ["x" * 3000, "PNS"]]
        with pytest.raises(SpreadsheetError, match="Baris 3: ada sel"):
            _read(xlsx_bytes(rows), "sel.xlsx")

    @settings(max_examples=60, deadline=None)
    @given(data=st.binary(max_size=2000), name=st.sampled_from(["a.xlsx", "a.csv"]))
    def test_any_bytes_are_rows_or_a_spreadsheet_error(self, data, name):
        try:
            _read(data, name)
        except SpreadsheetError as error:
            assert str(error)

    @settings(max_examples=40, deadline=None)
    @given(cells=st.lists(st.lists(st.text(max_size=30), max_size=6), max_size=8))
    def test_any_csv_text_is_rows_or_a_spreadsheet_error(self, cells):
        try:
            _read(csv_bytes(cells, headers=HEADERS), "a.csv")
        except SpreadsheetError as error:
            assert str(error)


class TestWhatExportsAndExcelWrite:
    """Imports accept what the site's exports give (UTF-8 with a BOM, every cell quoted) and
    what Excel's "CSV UTF-8" writes (a BOM, `;` in Indonesian settings)."""

    @pytest.mark.parametrize("separator", [",", ";"])
    def test_a_bom_is_not_part_of_the_first_header(self, separator):
        data = f'\ufeff"Nama"{separator}"Kelompok"\r\n"Dédé"{separator}"PNS"\r\n'.encode()
        assert _read(data, "ekspor.csv") == [(2, {"nama": "Dédé", "kelompok": "PNS"})]
