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
