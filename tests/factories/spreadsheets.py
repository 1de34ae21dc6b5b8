import csv
import datetime
import io

from openpyxl import Workbook

from content.people.identity import Gender, compose_nip

HEADERS = ["nama", "kelompok", "nip", "nik", "opd", "jabatan", "pangkat_golongan", "email"]
HEADERS += ["telepon"]


def xlsx_bytes(rows, headers=HEADERS):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, headers=HEADERS, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def participant_rows(count, agency_name, start=1):
    """`count` valid PNS rows with distinct NIPs and emails."""
    rows = []
    for number in range(start, start + count):
        nip = compose_nip(
            birth_date=datetime.date(1980, 1, 1) + datetime.timedelta(days=number // 999),
            appointment=datetime.date(2005, 1, 1),
            gender=Gender.FEMALE,
            sequence=number % 999 + 1,
        )
        rows.append(
            [
                f"Peserta {number}",
                "PNS",
                nip,
                "",
                agency_name,
                "Staf",
                "III/a",
                f"peserta{number}@contoh.go.id",
                "",
            ]
        )
    return rows


def _rezip(data, replace):
    """The XLSX `data` with some of its parts replaced: {part name: new bytes}."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in replace.items():
            if name not in source.namelist():
                target.writestr(name, content)
    return output.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def xlsx_claiming_every_cell(rows, headers=HEADERS):
    """A real XLSX whose sheet says it spans A1:XFD1048576 and holds one far-away cell."""
    data = xlsx_bytes(rows, headers=headers)
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read(SHEET).decode()
    head, _, rest = xml.partition("<sheetData>")
    if "<dimension" in head:
        start = head.index("<dimension")
        head = head[:start] + head[head.index("/>", start) + 2 :]
    head = head.replace("<sheetViews", '<dimension ref="A1:XFD1048576"/><sheetViews', 1)
    if "<dimension" not in head:
        head += '<dimension ref="A1:XFD1048576"/>'
    xml = head + "<sheetData>" + rest
    xml = xml.replace(
        "</sheetData>",
        '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>',
    )
    return _rezip(data, {SHEET: xml.encode()})


def xlsx_with_broken_sheet(rows, headers=HEADERS):
    data = xlsx_bytes(rows, headers=headers)
    return _rezip(data, {SHEET: b"<worksheet><sheetData><row r='1'><c r='A1'"})


def xlsx_unpacking_to(size, rows=(), headers=HEADERS):
    """An XLSX carrying an extra part of `size` zero bytes (a few KB once zipped)."""
    return _rezip(xlsx_bytes(list(rows), headers=headers), {"xl/media/padding.bin": bytes(size)})
