"""Small files that cost their reader far more than their size: one per kind of bomb, made in
the test (a few KB to a few hundred KB each), for tests/security/test_upload_bombs.py."""

import io
import struct
import zipfile
import zlib

from PIL import Image as PILImage

from tests.factories.spreadsheets import HEADERS, SHEET, _rezip, participant_rows, xlsx_bytes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS = f'xmlns="{MAIN}"'
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _xlsx():
    return xlsx_bytes(participant_rows(1, "Dinas Komunikasi dan Informatika"), headers=HEADERS)


def _part(data, name):
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode()


# XLSX ------------------------------------------------------------------------------------------


def xlsx_styles(count=200_000, varied=False):
    """The issue's file: a few dozen KB declaring `count` cell formats. `varied` numbers each
    one, so that it packs like a real file (about 10 to 1) and only the count can refuse it."""
    xfs = "".join(
        f'<xf numFmtId="{number % 150 if varied else 0}" fontId="0" fillId="0" borderId="0"'
        f' xfId="{number if varied else 0}"/>'
        for number in range(count)
    )
    styles = (
        f'<styleSheet {NS}><fonts count="1"><font><sz val="11"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        f'<cellXfs count="{count}">{xfs}</cellXfs></styleSheet>'
    )
    return _rezip(_xlsx(), {"xl/styles.xml": styles.encode()})


def xlsx_shared_strings(count=1_000_000, varied=False):
    """The issue's other file: a million shared strings (numbered when `varied`, so that the
    file packs like a real one)."""
    data = _xlsx()
    types = _part(data, "[Content_Types].xml").replace(
        "</Types>",
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{STRINGS_TYPE}"/></Types>',
    )
    strings = "".join(f"<si><t>{number if varied else 'x'}</t></si>" for number in range(count))
    strings = f'<sst {NS} count="{count}">{strings}</sst>'
    return _rezip(data, {"xl/sharedStrings.xml": strings.encode(), "[Content_Types].xml": types})


def _with_member(name, megabytes, data=None):
    """`data` (a small XLSX) plus a member of `megabytes` MB of zeros, written in chunks."""
    output = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(data or _xlsx()))
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))
        with target.open(name, "w", force_zip64=True) as member:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return output.getvalue()


def xlsx_zip_bomb():
    """A member unpacking to 160 MB (past the 150 MB the whole file may unpack to)."""
    return _with_member("xl/media/image1.png", 160)


def xlsx_compression_bomb():
    """A member of 20 MB that packs to about 20 KB: a ratio no spreadsheet has."""
    return _with_member("xl/worksheets/sheet2.xml", 20)


def xlsx_many_members(count=2_000):
    data = _xlsx()
    return _rezip(data, {f"xl/media/m{number}.bin": b"" for number in range(count)})


def xlsx_many_sheets(count=5_000):
    data = _xlsx()
    extra = "".join(
        f'<sheet name="L{number}" sheetId="{number + 10}" r:id="rId1"/>' for number in range(count)
    )
    workbook = _part(data, "xl/workbook.xml").replace("</sheets>", f"{extra}</sheets>")
    return _rezip(data, {"xl/workbook.xml": workbook.encode()})


def _sheet_with(rows_xml):
    data = _xlsx()
    sheet = _part(data, SHEET)
    head, _, rest = sheet.partition("<sheetData>")
    _, _, tail = rest.partition("</sheetData>")
    return _rezip(data, {SHEET: f"{head}<sheetData>{rows_xml}</sheetData>{tail}".encode()})


def xlsx_many_rows(count=300_000):
    """Rows with nothing in them, far past the limit: each costs openpyxl all the same."""
    return _sheet_with("".join(f'<row r="{number}"/>' for number in range(1, count + 1)))


def xlsx_wide_row(cells=40_000):
    """One row of `cells` cells: openpyxl builds the whole row before any column limit."""
    return _sheet_with('<row r="1">' + "<c/>" * cells + "</row>")


def xlsx_deep_nesting(depth=50_000):
    return _sheet_with('<row r="1">' + "<x>" * depth + "</x>" * depth + "</row>")


def xlsx_billion_laughs():
    """The classic entity expansion, in the sheet."""
    entities = '<!ENTITY a0 "ha">' + "".join(
        f'<!ENTITY a{n} "{("&a" + str(n - 1) + ";") * 10}">' for n in range(1, 10)
    )
    data = _xlsx()
    sheet = _part(data, SHEET)
    sheet = sheet.replace("<worksheet", f"<!DOCTYPE worksheet [{entities}]><worksheet", 1)
    sheet = sheet.replace("Peserta 1", "&a9;")
    return _rezip(data, {SHEET: sheet.encode()})


# CSV -------------------------------------------------------------------------------------------


def csv_huge_field():
    return b"nama,kelompok\n" + b"x" * 5_000_000 + b",PNS\n"


def csv_many_columns(columns=100_000):
    return b"nama,kelompok" + b"," * columns + b"\nSiti,PNS\n"


def csv_many_lines(lines=1_000_000):
    return b"nama,kelompok\n" + b"Siti,PNS\n" * lines


# Images ----------------------------------------------------------------------------------------


def _chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_claiming(width=60_000, height=60_000):
    """A PNG header claiming `width` x `height` pixels, with almost no data behind it."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", pixels)
        + _chunk(b"IEND", b"")
    )


def png_decompression_bomb(side=9_000):
    """A real PNG of side x side black pixels: a few KB, 81 megapixels once decoded."""
    buffer = io.BytesIO()
    PILImage.new("1", (side, side)).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def gif_frames(count=1_000, size=(2, 2)):
    frames = [PILImage.new("P", size, colour % 2) for colour in range(count)]
    for frame in frames:
        frame.putpalette([0, 0, 0, 255, 255, 255])
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], duration=20)
    return buffer.getvalue()


# PDF -------------------------------------------------------------------------------------------


def _pdf(objects, trailer_extra="", revisions=1):
    """A PDF of `objects` (bodies, numbered from 1), object 1 the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>\n"
    for _ in range(revisions):
        out.write(f"{trailer}startxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _catalog(pages="2 0 R"):
    return [f"<< /Type /Catalog /Pages {pages} >>"]


def pdf_many_pages(count=1_000_000):
    """A page tree declaring a million pages."""
    return _pdf(
        _catalog()
        + [f"<< /Type /Pages /Kids [3 0 R] /Count {count} >>"]
        + ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    )


def pdf_many_objects(count=50_000):
    return _pdf(
        _catalog()
        + ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
        + ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
        + ["null"] * count
    )


def pdf_huge_xref():
    """A trailer declaring ten million objects."""
    return _pdf(
        _catalog()
        + ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
        + ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"],
        trailer_extra="/Size 10000000 ",
    )


def pdf_many_revisions(count=500):
    return _pdf(
        _catalog()
        + ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
        + ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"],
        revisions=count,
    )


def pdf_deep_nesting(depth=100_000):
    """Arrays nested past any parser's recursion, in the catalog itself."""
    return _pdf(
        [f"<< /Type /Catalog /Pages 2 0 R /Lentera {'[' * depth}{']' * depth} >>"]
        + ["<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
        + ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
    )


def pdf_pages_behind_a_reference(count=1_000_000):
    """A page count the bytes do not show: /Count names another object, which holds it."""
    return _pdf(
        _catalog()
        + ["<< /Type /Pages /Kids [3 0 R] /Count 4 0 R >>"]
        + ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
        + [str(count)]
    )
