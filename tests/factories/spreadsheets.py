import csv
import datetime
import io
import zipfile

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

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


def write_large_xlsx(path, rows, count, headers=HEADERS):
    """`count` rows written to `path` as a write-only workbook (little memory), with the
    <dimension> Excel writes and openpyxl's write-only mode leaves out (readers size the sheet
    by it)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Peserta")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    element = f'<dimension ref="A1:{get_column_letter(len(headers))}{count + 1}" />'.encode()
    patched = path.with_name("patched.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet") and b"<dimension" not in data:
                # After <sheetPr>, as the schema says.
                anchor = b"<sheetViews" if b"<sheetViews" in data else b"<sheetData"
                data = data.replace(anchor, element + anchor, 1)
            target.writestr(info, data)  # keeps each entry's compression
    patched.replace(path)


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


# What a large, realistic participant list holds (bench/import_participants.py): 40 OPD named in
# full or by their short name, the group spelled as agencies spell it, some NIPs typed with
# spaces, emails with capitals, PTT rows with a NIK, an email or both.
AGENCIES = [
    tuple(pair.split(" = "))
    for pair in """Dinas Pendidikan = Disdik; Dinas Kesehatan = Dinkes; Dinas Pekerjaan Umum dan
    Penataan Ruang = DPUPR; Dinas Perumahan dan Kawasan Permukiman = Disperkim; Dinas Sosial =
    Dinsos; Dinas Tenaga Kerja = Disnaker; Dinas Pemberdayaan Perempuan dan Perlindungan Anak =
    DP3A; Dinas Ketahanan Pangan = DKP; Dinas Lingkungan Hidup = DLH; Dinas Kependudukan dan
    Pencatatan Sipil = Disdukcapil; Dinas Pengendalian Penduduk dan Keluarga Berencana = DPPKB;
    Dinas Perhubungan = Dishub; Dinas Komunikasi dan Informatika = Diskominfo; Dinas Koperasi,
    Usaha Kecil dan Menengah = Diskop UKM; Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu
    = DPMPTSP; Dinas Kepemudaan dan Olahraga = Dispora; Dinas Kebudayaan = Disbud; Dinas
    Pariwisata = Dispar; Dinas Perpustakaan dan Kearsipan = Dispusip; Dinas Perindustrian =
    Disperin; Dinas Perdagangan = Disdag; Dinas Pertanian = Distan; Dinas Perikanan = Diskan;
    Dinas Pemadam Kebakaran dan Penyelamatan = Damkar; Dinas Pertanahan = Distanah; Dinas
    Kelautan = Dislaut; Dinas Peternakan = Disnak; Dinas Kehutanan = Dishut; Dinas Energi dan
    Sumber Daya Mineral = Dinas ESDM; Dinas Sumber Daya Air = Dinas SDA; Dinas Bina Marga = DBM;
    Dinas Cipta Karya = Discipta; Dinas Pertamanan dan Pemakaman = Distamkam; Dinas Kesehatan
    Hewan = Diskeswan; Dinas Pemberdayaan Masyarakat dan Desa = DPMD; Dinas Penataan Ruang =
    Distaru; Dinas Kearsipan Daerah = Disarsip; Dinas Ketenteraman dan Ketertiban Umum =
    Trantibum; Dinas Tanaman Pangan dan Hortikultura = Distanhorti; Dinas Kesehatan Lingkungan =
    Dinkesling""".replace("\n    ", " ").split("; ")
]
_NAMES = """Siti Budi Agus Dewi Rina Joko Ahmad Sri Eko Nur Wahyu Ratna Bambang Lestari Hendra Yuni
    Rizky Indah / Santoso Wulandari Prasetyo Rahmawati Hidayat Setiawan Lestari Saputra Kurniawan
    Purnomo Handayani Nugroho Susanti Wibowo"""
_FIRST, _LAST = (part.split() for part in _NAMES.split("/"))
_DOMAINS = ["jogjakota.go.id", "contoh.go.id", "gmail.com", "yahoo.co.id"]
_POSITIONS = ["Analis Kebijakan", "Pranata Komputer", "Pengelola Keuangan", "Staf", "Arsiparis"]
_POSITIONS += ["Perencana", "Auditor", "Guru", "Perawat", "Penyuluh"]
_RANKS = ["II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]
_GROUP_LABELS = {
    "pns": ["PNS", "ASN - PNS", "pns", "ASN PNS"],
    "pppk": ["PPPK", "ASN - PPPK"],
    "ptt": ["PTT", "Non ASN", "Honorer", "THL"],
}
_NIK_REGIONS = [f"3471{number:02d}" for number in range(1, 15)]  # kecamatan of Kota Yogyakarta


def _birth_and_sequence(index):
    """Distinct for every index below 9000 * 999: 999 sequences per birth date, the dates spread
    over about 25 years (389 and 9000 are coprime)."""
    day, sequence = divmod(index, 999)
    return datetime.date(1970, 1, 1) + datetime.timedelta(days=day * 389 % 9000), sequence + 1


def varied_participant_rows(count):
    """(group, row) for `count` participants (distinct up to 1,000,000): 75% PNS (one in ten
    without email), 15% PPPK, 10% PTT (NIK only, email only, or both)."""
    for index in range(count):
        slot, first = index % 20, _FIRST[index % len(_FIRST)]
        last = _LAST[index // len(_FIRST) % len(_LAST)]
        email = f"{first}.{last}.{index + 1}@{_DOMAINS[index % len(_DOMAINS)]}"
        email = email.lower() if index % 7 else email
        agency_name, short_name = AGENCIES[index % len(AGENCIES)]
        phone = f"08{index * 7919 % 10**10:010d}" if index % 2 == 0 else ""
        nip = nik = rank = ""
        position = _POSITIONS[index % len(_POSITIONS)]
        birth, sequence = _birth_and_sequence(index)
        if slot < 2:
            group, ptt = "ptt", index // 20 * 2 + slot
            if ptt % 3:
                born = datetime.date(1975, 1, 1) + datetime.timedelta(days=ptt * 131 % 9000)
                region = _NIK_REGIONS[ptt // 9999 % len(_NIK_REGIONS)]
                day = born.day + (40 if ptt % 2 else 0)  # women: day + 40
                nik = f"{region}{day:02d}{born:%m%y}{ptt % 9999 + 1:04d}"
            email = "" if ptt % 3 == 1 else email
            position = "Tenaga Administrasi"
        elif slot < 5:  # PPPK: "21" where a PNS NIP has the appointment month
            group, nip = "pppk", f"{birth:%Y%m%d}{2019 + index % 6}21{index % 2 + 1}{sequence:03d}"
        else:
            group, rank = "pns", _RANKS[index % len(_RANKS)]
            nip = compose_nip(
                birth_date=birth,
                appointment=datetime.date(birth.year + 22 + index % 9, index % 12 + 1, 1),
                gender=Gender.MALE if index % 2 else Gender.FEMALE,
                sequence=sequence,
            )
            if index % 8 == 5:  # as people type it: "19850101 201001 1 001"
                nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
            email = "" if index % 10 == 9 else email
        label = _GROUP_LABELS[group][index // 20 % len(_GROUP_LABELS[group])]
        agency = short_name if index % 10 == 3 else agency_name
        yield group, [f"{first} {last}", label, nip, nik, agency, position, rank, email, phone]
