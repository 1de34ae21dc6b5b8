import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from content.base.models import ImportJob
from content.base.spreadsheets import ImportRejected, SpreadsheetError
from content.people import importing, services
from content.people.models import Participant
from tests.assertions import assert_admin_refused
from tests.factories.people import AgencyFactory, ParticipantFactory, follow_confirmation_links
from tests.factories.spreadsheets import csv_bytes, participant_rows, xlsx_bytes
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
AGENCY = "Dinas Komunikasi dan Informatika"


@pytest.fixture
def agency():
    return AgencyFactory(name=AGENCY, short_name="Diskominfo")


def _preview(data, name="peserta.xlsx"):
    return importing.preview_import(importing.read_table(data, name))


def _import(data, name="peserta.xlsx"):
    return services.participants_import(preview=_preview(data, name), by=None)


class TestAllOrNothing:
    def test_a_thousand_rows_with_one_bad_row_import_nothing_and_name_that_row(self, agency):
        rows = participant_rows(1000, AGENCY)
        rows[536][2] = "198502302010012001"  # 30 February: spreadsheet row 538

        preview = _preview(xlsx_bytes(rows))

        assert not preview.ok
        [bad] = preview.rows_with_errors
        assert bad.number == 538
        assert bad.errors == ["NIP: Tanggal lahir pada NIP tidak valid."]
        with pytest.raises(ImportRejected):
            services.participants_import(preview=preview, by=None)
        assert not Participant.objects.exists()

    def test_a_clean_file_imports_every_row(self, agency):
        counts = _import(xlsx_bytes(participant_rows(50, AGENCY)))
        assert counts == {"baru": 50, "diperbarui": 0, "tetap": 0, "menunggu": 0}
        person = Participant.objects.get(email="peserta7@contoh.go.id")
        assert person.agency == agency and person.gender == "P" and not person.has_usable_password()

    def test_reimporting_the_same_file_changes_nothing(self, agency):
        data = xlsx_bytes(participant_rows(30, AGENCY))
        _import(data)
        snapshot = list(Participant.objects.order_by("pk").values())

        counts = _import(data)

        assert counts == {"baru": 0, "diperbarui": 0, "tetap": 30, "menunggu": 0}
        assert list(Participant.objects.order_by("pk").values()) == snapshot

    def test_a_database_conflict_during_the_import_rolls_everything_back(self, agency):
        preview = _preview(xlsx_bytes(participant_rows(20, AGENCY)))
        # Someone registers row 10's NIP between the preview and the confirmation.
        ParticipantFactory(nip=preview.rows[9].user.nip, email="cepat@contoh.go.id")
        with pytest.raises(ImportRejected):
            services.participants_import(preview=preview, by=None)
        assert Participant.objects.count() == 1


class TestMatching:
    def test_existing_people_are_matched_by_nip_then_nik_then_email(self, agency):
        by_nip = ParticipantFactory(nip="198501012010011001", email="lama1@contoh.go.id")
        by_nik = ParticipantFactory(
            participant_group="ptt", nip=None, nik="3471011201900003", email="lama2@contoh.go.id"
        )
        by_email = ParticipantFactory(participant_group="ptt", nip=None, email="lama3@contoh.go.id")
        rows = [
            ["Nama Baru 1", "PNS", "198501012010011001", "", AGENCY, "Kasi", "", "", ""],
            ["Nama Baru 2", "PTT", "", "3471011201900003", AGENCY, "Staf", "", "", ""],
            ["Nama Baru 3", "PTT", "", "", AGENCY, "Staf", "", "LAMA3@contoh.go.id", ""],
        ]
        counts = _import(xlsx_bytes(rows))

        assert counts["diperbarui"] == 3 and counts["baru"] == 0
        for person, name in (
            (by_nip, "Nama Baru 1"),
            (by_nik, "Nama Baru 2"),
            (by_email, "Nama Baru 3"),
        ):
            person.refresh_from_db()
            assert person.full_name == name
        assert Participant.objects.count() == 3

    def test_an_email_typed_in_fullwidth_letters_is_the_existing_persons(self, agency):
        person = ParticipantFactory(participant_group="ptt", nip=None, email="siti@contoh.go.id")
        rows = [["Siti Baru", "PTT", "", "", AGENCY, "Staf", "", " ＳＩＴＩ@contoh.go.id", ""]]

        counts = _import(xlsx_bytes(rows))

        assert counts == {"baru": 0, "diperbarui": 1, "tetap": 0, "menunggu": 0}
        person.refresh_from_db()
        assert person.full_name == "Siti Baru" and person.email == "siti@contoh.go.id"

    def test_identifiers_pointing_at_two_different_people_are_refused(self, agency):
        ParticipantFactory(nip="198501012010011001", email="satu@contoh.go.id")
        ParticipantFactory(email="dua@contoh.go.id")
        rows = [["X", "PNS", "198501012010011001", "", AGENCY, "", "", "dua@contoh.go.id", ""]]
        [row] = _preview(xlsx_bytes(rows)).rows_with_errors
        assert "menunjuk ke peserta yang berbeda" in row.errors[0]

    def test_staff_accounts_are_never_turned_into_participants(self, agency):
        UserFactory(username="editor", email="editor@contoh.go.id")
        rows = [["X", "PTT", "", "", AGENCY, "", "", "editor@contoh.go.id", ""]]
        [row] = _preview(xlsx_bytes(rows)).rows_with_errors
        assert "akun petugas" in " ".join(row.errors)


class TestRowChecks:
    def test_one_address_in_two_spellings_is_a_duplicate(self, agency):
        rows = participant_rows(2, AGENCY)
        rows[1][7] = rows[0][7].upper().replace("PESERTA", "ＰＥＳＥＲＴＡ")
        [row] = _preview(xlsx_bytes(rows)).rows_with_errors
        assert row.errors == ["Email sama dengan baris 2."]

    def test_duplicates_inside_the_file_name_the_first_row(self, agency):
        rows = participant_rows(3, AGENCY)
        rows[2][2] = rows[0][2]
        [row] = _preview(xlsx_bytes(rows)).rows_with_errors
        assert row.number == 4
        assert row.errors == ["NIP sama dengan baris 2."]

    def test_unknown_agency_suggests_close_names(self, agency):
        AgencyFactory(name="Dinas Kesehatan")
        rows = [
            ["X", "PTT", "", "", "Dinas Komunikasi & Informatika", "", "", "x@contoh.go.id", ""]
        ]
        [row] = _preview(xlsx_bytes(rows)).rows_with_errors
        assert row.errors == [
            "OPD 'Dinas Komunikasi & Informatika' tidak dikenal. "
            "Mungkin maksud Anda: Dinas Komunikasi dan Informatika?"
        ]

    @pytest.mark.parametrize("spelling", ["PNS", "ASN - PNS", "asn-pns", "ASN PNS", "asn/pns"])
    def test_agency_short_names_and_group_spellings_are_understood(self, agency, spelling):
        rows = [["X", spelling, "198501012010011001", "", "diskominfo", "", "", "", ""]]
        preview = _preview(xlsx_bytes(rows))
        assert preview.ok
        assert preview.rows[0].user.participant_group == "pns"
        assert preview.rows[0].user.agency == agency

    def test_csv_with_semicolons_and_numbers_typed_with_spaces(self, agency):
        rows = [["X", "PNS", "19850101 201001 1 001", "", AGENCY, "", "", "x@contoh.go.id", ""]]
        preview = _preview(csv_bytes(rows, delimiter=";"), "peserta.csv")
        assert preview.ok
        assert preview.rows[0].user.nip == "198501012010011001"

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"nama,opd\nX,Y\n", "a.csv", "Kolom wajib tidak ada: kelompok."),
            (b"bukan excel", "a.xlsx", "Berkas tidak dapat dibaca"),
            (b"x", "a.pdf", "Gunakan berkas .xlsx atau .csv."),
        ],
    )
    def test_unreadable_files_are_refused_with_a_reason(self, data, name, message):
        with pytest.raises(SpreadsheetError, match=message):
            _preview(data, name)


class TestTemplate:
    def test_template_has_the_columns_and_the_agency_list(self, client, agency):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        response = client.get("/admin/peserta-impor/templat/")
        workbook = load_workbook(io.BytesIO(response.content))
        assert [c.value for c in workbook["Peserta"][1]] == list(importing.COLUMNS)
        assert [row[0].value for row in workbook["Daftar OPD"].iter_rows(min_row=2)] == [AGENCY]

    def test_the_template_imports_as_downloaded(self, client, agency):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        template = client.get("/admin/peserta-impor/templat/").content
        job = _upload(client, template, "templat-impor-peserta.xlsx")
        assert (job.ok, job.rows, job.problem_count) == (True, 2, 0)


def _upload(client, data, name="peserta.xlsx"):
    upload = io.BytesIO(data)
    upload.name = name
    response = client.post("/admin/peserta-impor/", {"file": upload})
    assert response.status_code == 302, response.status_code
    return ImportJob.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])


class TestAdminImportFlow:
    @pytest.fixture
    def organizer(self, client):
        user = UserFactory(username="organizer", groups=["Organizer"])
        client.force_login(user)
        return user

    def test_upload_preview_then_confirm(self, client, agency, organizer):
        job = _upload(client, xlsx_bytes(participant_rows(5, AGENCY)))
        page = client.get(f"/admin/peserta-impor/{job.pk}/").content.decode()
        assert "5 peserta baru" in page
        assert not Participant.objects.exists()
        assert job.total == 5 and job.done == 5

        response = client.post(f"/admin/peserta-impor/{job.pk}/konfirmasi/")
        assert response.status_code == 302
        assert Participant.objects.count() == 5
        job.refresh_from_db()
        assert (job.status, job.file) == ("done", "")
        assert "Impor selesai: 5 peserta baru" in client.get(response["Location"]).content.decode()
        # Confirming the same preview twice does not import twice.
        client.post(f"/admin/peserta-impor/{job.pk}/konfirmasi/")
        assert Participant.objects.count() == 5

    def test_errors_are_listed_by_row_and_nothing_is_saved(self, client, agency, organizer):
        rows = participant_rows(3, AGENCY)
        rows[1][4] = "Dinas Tidak Ada"
        job = _upload(client, xlsx_bytes(rows))
        html = client.get(f"/admin/peserta-impor/{job.pk}/").content.decode()
        assert "1 baris bermasalah" in html and "Dinas Tidak Ada" in html
        assert not Participant.objects.exists()
        # A file with errors cannot be confirmed, so it is not kept.
        assert job.file == "" and _stored_files() == []

    def test_an_unknown_opd_does_not_hide_the_rows_other_errors(self, agency):
        rows = participant_rows(1, AGENCY)
        rows[0][4] = "Dinas Tidak Ada"
        rows[0][2] = "198502302010012001"
        [row] = _preview(xlsx_bytes(rows)).rows_with_errors
        assert row.errors == [
            "OPD 'Dinas Tidak Ada' tidak dikenal.",
            "NIP: Tanggal lahir pada NIP tidak valid.",
        ]

    def test_a_damaged_file_gets_its_reason_on_the_job_page(self, client, agency, organizer):
        job = _upload(client, b"PK bukan xlsx", "rusak.xlsx")
        assert job.status == "failed"
        assert (
            "tidak dapat dibaca" in client.get(f"/admin/peserta-impor/{job.pk}/").content.decode()
        )

    def test_somebody_elses_import_is_not_found(self, client, agency, organizer):
        job = _upload(client, xlsx_bytes(participant_rows(2, AGENCY)))
        client.force_login(UserFactory(username="organizer2", groups=["Organizer"]))
        assert client.get(f"/admin/peserta-impor/{job.pk}/").status_code == 404
        client.post(f"/admin/peserta-impor/{job.pk}/konfirmasi/")
        assert not Participant.objects.exists()

    def test_analysts_and_editors_cannot_import(self, client, agency):
        for group in ("Analyst", "Editor"):
            client.force_login(UserFactory(username=group.lower(), groups=[group]))
            assert_admin_refused(client.get("/admin/peserta-impor/"))


def _stored_files():
    folder = "imports/people_import"
    return default_storage.listdir(folder)[1] if default_storage.exists(folder) else []


class TestImportCommand:
    def test_imports_with_a_progress_bar(self, agency, tmp_path, capsys):
        path = tmp_path / "peserta.xlsx"
        path.write_bytes(xlsx_bytes(participant_rows(600, AGENCY)))
        call_command("import_participants", str(path))
        out, err = capsys.readouterr()
        assert "600 baru" in out
        assert "500/600" in err and "600/600" in err
        assert Participant.objects.count() == 600

    def test_a_bad_row_fails_the_command_and_imports_nothing(self, agency, tmp_path, capsys):
        rows = participant_rows(10, AGENCY)
        rows[4][1] = "Pegawai"
        path = tmp_path / "peserta.csv"
        path.write_bytes(csv_bytes(rows))
        with pytest.raises(CommandError, match="1 baris bermasalah"):
            call_command("import_participants", str(path))
        assert "Baris 6: Kelompok 'Pegawai' tidak dikenal" in capsys.readouterr().err
        assert not Participant.objects.exists()


class TestImportQueryCount:
    def test_checking_a_file_costs_the_same_queries_for_ten_or_two_hundred_known_people(
        self, agency
    ):
        def queries_for(count):
            data = xlsx_bytes(participant_rows(count, AGENCY, start=1000 * count))
            _import(data)  # now everyone in the file is known: the re-import matches them all
            with CaptureQueriesContext(connection) as captured:
                preview = _preview(data)
            assert preview.count("tetap") == count
            return len(captured)

        assert queries_for(10) == queries_for(200)


class TestUpdatesOfKnownPeople:
    def test_blank_cells_keep_what_the_person_already_has(self, agency):
        person = ParticipantFactory(
            nip="198501012010011001", email="tetap@contoh.go.id", phone="0812345", position="Kasi"
        )
        rows = [["Nama Baru", "PNS", "198501012010011001", "", AGENCY, "", "", "", ""]]
        _import(xlsx_bytes(rows))
        person.refresh_from_db()
        assert (person.full_name, person.email, person.phone, person.position) == (
            "Nama Baru",
            "tetap@contoh.go.id",
            "0812345",
            "Kasi",
        )

    def test_an_email_the_import_changes_waits_for_both_owners_then_is_logged(
        self, agency, client, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        from content.people.models import IdentityChange

        person = ParticipantFactory(nip="198501012010011001", email="lama@contoh.go.id")
        organizer = UserFactory(username="organizer", groups=["Organizer"])
        rows = [["Siti", "PNS", "198501012010011001", "", AGENCY, "", "", "baru@contoh.go.id", ""]]
        with django_capture_on_commit_callbacks(execute=True):
            counts = services.participants_import(preview=_preview(xlsx_bytes(rows)), by=organizer)
        person.refresh_from_db()
        assert counts["menunggu"] == 1
        # The name changed; the login email waits for the account's owner and the new address.
        assert (person.full_name, person.email) == ("Siti", "lama@contoh.go.id")
        assert not IdentityChange.objects.exists()
        assert sorted(email.to[0] for email in mail.outbox) == [
            "baru@contoh.go.id",
            "lama@contoh.go.id",
        ]
        sent = list(mail.outbox)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            follow_confirmation_links(client, sent)
        person.refresh_from_db()
        assert person.email == "baru@contoh.go.id"
        [change] = IdentityChange.objects.all()
        assert (change.user, change.identifier, change.changed_by) == (person, "email", organizer)
        assert change.proof == "tautan"
        assert [email.to for email in mail.outbox] == [["lama@contoh.go.id"]]

    def test_an_identifier_change_of_an_account_without_email_is_refused_by_row(self, agency):
        ParticipantFactory(nip="198501012010011001", email="", password=None)
        rows = [["Siti", "PNS", "198501012010011001", "", AGENCY, "", "", "baru@contoh.go.id", ""]]
        preview = _preview(xlsx_bytes(rows))
        [row] = preview.rows_with_errors
        assert "tidak memiliki email untuk konfirmasi" in " ".join(row.errors)
