"""Each agency's official headcount per year: kept in the admin (content/stats/admin_headcount.py)
and imported from a spreadsheet through the shared import flow (content/stats/headcount_import.py):
every error by row, all or nothing, and a second import of the same year updating, never
duplicating."""

import io

import openpyxl
import pytest
from django.utils import timezone

from content.base.models import ImportJob
from content.base.spreadsheets import ImportRejected, RowAction, SpreadsheetError
from content.stats import headcount_import, services
from content.stats.models import AgencyHeadcount
from tests.assertions import assert_admin_refused
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.spreadsheets import csv_bytes, xlsx_bytes
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
HEADERS = ["OPD", "Tahun", "ASN", "PTT"]
INDEX = "/admin/statistik/jumlah-pegawai/"
IMPORT = "/admin/statistik/jumlah-pegawai-impor/"


@pytest.fixture
def agencies():
    return {
        "kominfo": AgencyFactory(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo"),
        "dukcapil": AgencyFactory(
            name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Disdukcapil"
        ),
        "utara": AgencyFactory(name="Kecamatan Utara", short_name="Kec. Utara"),
    }


@pytest.fixture
def analyst(client):
    user = UserFactory(username="analyst", groups=["Analyst"])
    client.force_login(user)
    return user


def _preview(data, name="jumlah.xlsx"):
    return headcount_import.preview_headcount_import(headcount_import.read_table(data, name))


def _errors(rows):
    return {row.number: row.errors for row in _preview(xlsx_bytes(rows, HEADERS)).rows_with_errors}


def _import(rows):
    return services.headcounts_import(preview=_preview(xlsx_bytes(rows, HEADERS)))


def _recorded():
    return sorted(
        (headcount.agency.name, headcount.year, headcount.asn, headcount.ptt)
        for headcount in AgencyHeadcount.objects.select_related("agency")
    )


class TestRowChecks:
    def test_agencies_by_name_or_short_name_whatever_the_case(self, agencies):
        rows = [
            ["dinas komunikasi  dan informatika", 2026, 120, 30],
            ["DISDUKCAPIL", 2026, 80, 0],
            ["Kec. Utara", "2026", "1.250", "0"],
        ]
        preview = _preview(xlsx_bytes(rows, HEADERS))
        assert preview.ok
        assert [(row.agency, row.year, row.asn, row.ptt) for row in preview.rows] == [
            (agencies["kominfo"], 2026, 120, 30),
            (agencies["dukcapil"], 2026, 80, 0),
            (agencies["utara"], 2026, 1250, 0),  # "1.250" as Indonesians write a thousand
        ]
        assert {row.action for row in preview.rows} == {RowAction.NEW}

    def test_every_error_of_every_row_in_indonesian(self, agencies):
        AgencyFactory(name="Dinas Kesehatan", short_name="Dinkes")
        AgencyFactory(name="Dinas Kesehatan Hewan", short_name="Dinkes")
        errors = _errors(
            [
                ["Diskominfo", 2026, 120, 30],
                ["Dinas Komunikasi dan Informatik", 2026, 10, 1],
                ["Dinkes", 2026, 10, 1],
                ["", "", "", ""],  # a blank row is skipped
                ["Disdukcapil", "dua ribu", "-3", "sepuluh"],
                ["Kec. Utara", 1999, "", 2.5],
                ["Diskominfo", 2026, 121, 30],
            ]
        )
        latest = timezone.localdate().year + 1  # next year's figures may come early
        assert errors == {
            3: [
                "OPD 'Dinas Komunikasi dan Informatik' tidak dikenal. Mungkin maksud Anda: "
                "Dinas Komunikasi dan Informatika?"
            ],
            4: ["Singkatan 'Dinkes' dipakai beberapa OPD; tulis nama lengkapnya."],
            6: [
                f"Tahun harus antara 2000 dan {latest}, bukan 'dua ribu'.",
                "ASN harus bilangan bulat 0 atau lebih, bukan '-3'.",
                "PTT harus bilangan bulat 0 atau lebih, bukan 'sepuluh'.",
            ],
            7: [
                f"Tahun harus antara 2000 dan {latest}, bukan '1999'.",
                "ASN wajib diisi (tulis 0 bila tidak ada).",
                "PTT harus bilangan bulat 0 atau lebih, bukan '2.5'.",
            ],
            8: ["Dinas Komunikasi dan Informatika tahun 2026 sudah ada di baris 2."],
        }

    def test_a_file_without_the_columns_is_refused_whole(self, agencies):
        with pytest.raises(SpreadsheetError, match="Kolom wajib tidak ada: ptt"):
            _preview(xlsx_bytes([["Diskominfo", 2026, 1]], ["OPD", "Tahun", "ASN"]))

    def test_csv_with_semicolons_reads_the_same(self, agencies):
        data = csv_bytes([["Diskominfo", "2026", "120", "30"]], HEADERS, delimiter=";")
        preview = _preview(data, "jumlah.csv")
        assert preview.ok and preview.rows[0].asn == 120


class TestApply:
    def test_a_preview_with_errors_writes_nothing(self, agencies):
        preview = _preview(xlsx_bytes([["Diskominfo", 2026, 1, 1], ["Entah", 2026, 1, 1]], HEADERS))
        with pytest.raises(ImportRejected):
            services.headcounts_import(preview=preview)
        assert not AgencyHeadcount.objects.exists()

    def test_importing_the_same_year_again_updates_never_duplicates(self, agencies):
        rows = [["Diskominfo", 2026, 120, 30], ["Disdukcapil", 2026, 80, 0]]
        assert _import(rows) == {RowAction.NEW: 2, RowAction.UPDATED: 0, RowAction.UNCHANGED: 0}
        assert _import(rows) == {RowAction.NEW: 0, RowAction.UPDATED: 0, RowAction.UNCHANGED: 2}
        changed = [["Diskominfo", 2026, 125, 28], ["Diskominfo", 2025, 110, 35]]
        assert _import(changed) == {
            RowAction.NEW: 1,
            RowAction.UPDATED: 1,
            RowAction.UNCHANGED: 0,
        }
        assert _recorded() == [
            ("Dinas Kependudukan dan Pencatatan Sipil", 2026, 80, 0),
            ("Dinas Komunikasi dan Informatika", 2025, 110, 35),
            ("Dinas Komunikasi dan Informatika", 2026, 125, 28),
        ]

    def test_the_template_lists_active_agencies_with_what_is_recorded(self, agencies):
        AgencyFactory(name="Dinas Lama", is_active=False)
        AgencyHeadcount.objects.create(agency=agencies["kominfo"], year=2026, asn=120, ptt=30)
        sheet = openpyxl.load_workbook(io.BytesIO(headcount_import.template_workbook(2026))).active
        rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert rows == [
            HEADERS,
            ["Dinas Kependudukan dan Pencatatan Sipil", 2026, None, None],
            ["Dinas Komunikasi dan Informatika", 2026, 120, 30],
            ["Kecamatan Utara", 2026, None, None],
        ]


def _upload(client, data, name="jumlah.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post(IMPORT, {"file": upload})
    assert response.status_code == 302, response.status_code
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


class TestAdminImportFlow:
    def test_upload_preview_then_confirm_once(self, client, analyst, agencies):
        job = _upload(client, xlsx_bytes([["Diskominfo", 2026, 120, 30]], HEADERS))
        page = client.get(f"{IMPORT}{job.pk}/").content.decode()
        assert "1 baru, 0 diperbarui, 0 tidak berubah." in page
        assert not AgencyHeadcount.objects.exists()
        response = client.post(f"{IMPORT}{job.pk}/konfirmasi/")
        assert response.status_code == 302
        assert _recorded() == [("Dinas Komunikasi dan Informatika", 2026, 120, 30)]
        assert "Impor selesai: 1 baru" in client.get(response["Location"]).content.decode()
        client.post(f"{IMPORT}{job.pk}/konfirmasi/")
        assert AgencyHeadcount.objects.count() == 1

    def test_a_file_with_an_error_lists_it_and_cannot_be_confirmed(self, client, analyst, agencies):
        rows = [["Diskominfo", 2026, 120, 30], ["Dinas Entah", 2026, 1, 1]]
        job = _upload(client, xlsx_bytes(rows, HEADERS))
        page = client.get(f"{IMPORT}{job.pk}/").content.decode()
        assert "OPD &#x27;Dinas Entah&#x27; tidak dikenal." in page
        client.post(f"{IMPORT}{job.pk}/konfirmasi/")
        assert not AgencyHeadcount.objects.exists()

    def test_the_template_downloads(self, client, analyst, agencies):
        response = client.get(f"{IMPORT}templat/", {"tahun": 2026})
        assert response.status_code == 200
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert [cell.value for cell in next(sheet.iter_rows())] == HEADERS


class TestAdminScreens:
    def test_the_list_filters_by_year(self, client, analyst, agencies):
        AgencyHeadcount.objects.create(agency=agencies["kominfo"], year=2026, asn=120, ptt=30)
        AgencyHeadcount.objects.create(agency=agencies["utara"], year=2025, asn=44, ptt=3)
        page = client.get(INDEX, {"year": 2025}).content.decode()
        assert "Impor dari spreadsheet" in page
        table = page[page.rindex("<tbody") : page.rindex("</tbody>")]
        assert "Kecamatan Utara" in table and "44" in table
        assert "Dinas Komunikasi dan Informatika" not in table

    def test_an_analyst_adds_and_edits_but_cannot_duplicate_a_year(self, client, analyst, agencies):
        data = {"agency": agencies["kominfo"].pk, "year": 2026, "asn": 120, "ptt": 30}
        assert client.post(f"{INDEX}new/", data).status_code == 302
        response = client.post(f"{INDEX}new/", {**data, "asn": 1})
        assert response.status_code == 200
        assert AgencyHeadcount.objects.count() == 1
        headcount = AgencyHeadcount.objects.get()
        response = client.post(f"{INDEX}edit/{headcount.pk}/", {**data, "asn": 121})
        assert response.status_code == 302
        headcount.refresh_from_db()
        assert headcount.asn == 121
        assert_admin_refused(client.get(f"{INDEX}delete/{headcount.pk}/"))

    @pytest.mark.parametrize("group", ["Editor", "Moderator", "Organizer"])
    def test_others_are_refused(self, client, agencies, group):
        client.force_login(UserFactory(username=group.lower(), groups=[group]))
        assert_admin_refused(client.get(INDEX))
        assert_admin_refused(client.get(f"{INDEX}new/"))
        assert_admin_refused(client.get(IMPORT))
        assert_admin_refused(client.get(f"{IMPORT}templat/"))
        page = client.get("/admin/").content.decode()
        assert INDEX not in page

    def test_a_participant_is_sent_to_the_admin_login(self, client, agencies):
        client.force_login(ParticipantFactory())
        response = client.get(INDEX)
        assert response.status_code == 302 and response["Location"].startswith("/admin/login/")

    def test_the_statistics_menu_offers_it_to_analysts(self, client, analyst):
        page = client.get("/admin/").content.decode()
        assert INDEX in page and "Jumlah pegawai OPD" in page
