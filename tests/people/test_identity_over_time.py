"""From PTT to PPPK (or PNS): the same account gets a NIP and keeps its history; the group
changes from the effective date on, and what was recorded before stays as it was."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from content.base.spreadsheets import ImportRejected
from content.certificates.services import certificate_issue
from content.people import nip_importing, services
from content.people.identity import group_for_nip
from content.people.models import IdentityChange, MergeRequest, ParticipantGroup, User
from content.people.services.identity_changes import NIP_TAKEN_MESSAGE
from content.people.services.identity_control import ControlProof
from content.stats import selectors as stats
from content.stats.filters import StatsFilter
from content.training import services as training_services
from content.training.models import Attendance
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import (
    PASSWORD,
    AgencyFactory,
    ParticipantFactory,
    edit_form_data,
    follow_confirmation_links,
    ptt,
)
from tests.factories.spreadsheets import csv_bytes
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
NIP_PPPK = "199001012024211001"  # born 1 January 1990; "21" where a PNS has the TMT month
NIP_PNS = "199001012015031002"
NIK = "3471014101900003"
LAST_YEAR = StatsFilter(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 12, 31))
BEFORE = StatsFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 9, 30))
FROM_OCTOBER = StatsFilter(start=datetime.date(2026, 10, 1), end=datetime.date(2026, 12, 31))
OCTOBER_1 = datetime.date(2026, 10, 1)
TODAY = datetime.date(2026, 11, 27)


def _per_group(stats_filter):
    figures = stats.headline(stats_filter)
    return figures.asn, figures.ptt, figures.attendances, figures.certificates


@pytest.fixture
def history(sessions):
    """A PTT who attended a session last year (certificate issued), one in March and one in
    November this year (recorded as PTT: the NIP is only entered later)."""
    person = ptt(full_name="Sri Wahyuni", nik=NIK, email="sri.wahyuni@contoh.go.id")
    dates = [datetime.date(2025, 11, 3), datetime.date(2026, 3, 10), datetime.date(2026, 11, 20)]
    held = [
        SessionPageFactory(parent=sessions, slug=f"sesi-{n}", date=day, training_hours=2)
        for n, day in enumerate(dates)
    ]
    template = make_template()
    for session in held:
        issues_for(session, template)
        mark_attendance(session, person)
    old_certificate, _ = certificate_issue(participant=person, session=held[0])
    return person, held, old_certificate


def _add_nip(person, nip=NIP_PPPK, by=None, **kwargs):
    """The NIP added by the person (with their password) or by `by`; the logged change of an
    applied NIP, else the service's outcome (or None)."""
    proof = ControlProof.by_password(PASSWORD) if by is None else None
    outcome = services.participant_add_nip(
        participant=person, nip=nip, by=by or person, today=TODAY, proof=proof, **kwargs
    )
    if outcome is None:
        return None
    return next((c for c in outcome.applied if c.identifier == "nip"), outcome)


class TestPttBecomesPppk:
    def test_the_account_keeps_its_history_and_becomes_pppk(self, history):
        person, held, old_certificate = history

        change = _add_nip(person, effective_date=OCTOBER_1)

        person.refresh_from_db()
        assert (person.nip, person.nik, person.participant_group) == (
            NIP_PPPK,
            NIK,
            ParticipantGroup.PPPK,
        )
        assert person.attendances.count() == 3 and person.certificates.count() == 1
        assert (change.group_before, change.group_after) == ("ptt", "pppk")
        assert change.effective_date == OCTOBER_1
        assert change.new_value == "1990•••••••••••001" and NIP_PPPK not in str(change.__dict__)

    def test_last_years_and_earlier_figures_per_group_do_not_change(self, history):
        person, held, _ = history
        before = (_per_group(LAST_YEAR), _per_group(BEFORE))
        assert before[0] == (0, 1, 1, 1)

        _add_nip(person, effective_date=OCTOBER_1)

        assert (_per_group(LAST_YEAR), _per_group(BEFORE)) == before
        # The November session, recorded as PTT before the change was entered, counts as ASN.
        assert _per_group(FROM_OCTOBER)[:2] == (1, 0)
        groups = dict(Attendance.objects.values_list("session__date", "participant_group"))
        assert groups == {
            datetime.date(2025, 11, 3): "ptt",
            datetime.date(2026, 3, 10): "ptt",
            datetime.date(2026, 11, 20): "pppk",
        }

    def test_certificates_issued_before_keep_their_identity_new_ones_carry_the_nip(self, history):
        person, held, old_certificate = history

        _add_nip(person, effective_date=OCTOBER_1)
        new_certificate, created = certificate_issue(participant=person, session=held[2])

        old_certificate.refresh_from_db()
        assert created
        assert old_certificate.holder_nip == ""
        assert new_certificate.holder_nip == NIP_PPPK

    @pytest.mark.parametrize(
        "identifier", [NIP_PPPK, "1990 0101 202421 1 001", NIK, "Sri.Wahyuni@contoh.go.id"]
    )
    def test_login_works_with_the_new_nip_the_old_nik_and_the_email(
        self, client, history, identifier
    ):
        person, _, _ = history
        _add_nip(person)
        response = client.post("/akun/masuk/", {"username": identifier, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(person.pk)

    def test_the_nip_says_pns_or_pppk(self):
        assert group_for_nip(NIP_PPPK) == ParticipantGroup.PPPK
        assert group_for_nip(NIP_PNS) == ParticipantGroup.PNS

    def test_a_pns_nip_given_by_an_organizer_makes_a_pns_and_tells_the_person(
        self, history, django_capture_on_commit_callbacks
    ):
        person, _, _ = history
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        with django_capture_on_commit_callbacks(execute=True):
            _add_nip(person, nip=NIP_PNS, by=organizer)
        # The NIP waits for the owner's link, sent to the account's address.
        person.refresh_from_db()
        assert person.participant_group == ParticipantGroup.PTT
        [link] = mail.outbox
        assert link.to == ["sri.wahyuni@contoh.go.id"] and NIP_PNS not in link.body
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            follow_confirmation_links(Client(), [link])
        person.refresh_from_db()
        assert person.participant_group == ParticipantGroup.PNS
        change = IdentityChange.objects.get(user=person)
        assert (change.changed_by, change.proof) == (organizer, "tautan")
        [notice] = mail.outbox
        assert notice.to == ["sri.wahyuni@contoh.go.id"] and NIP_PNS not in notice.body

    def test_adding_the_same_nip_twice_changes_nothing_more(self, history):
        person, _, _ = history
        _add_nip(person)
        assert _add_nip(person) is None
        assert IdentityChange.objects.filter(user=person).count() == 1


class TestRefusals:
    def test_a_nip_held_by_another_account_is_refused_and_nothing_changes(self, history):
        person, _, _ = history
        ParticipantFactory(nip=NIP_PPPK, participant_group=ParticipantGroup.PPPK)
        with pytest.raises(ValidationError) as refusal:
            _add_nip(person)
        assert refusal.value.message_dict == {"nip": [NIP_TAKEN_MESSAGE]}
        person.refresh_from_db()
        assert (person.nip, person.participant_group) == (None, ParticipantGroup.PTT)
        assert not IdentityChange.objects.exists()

    @pytest.mark.parametrize(
        ("nip", "extra", "field", "message"),
        [
            ("19900101", {}, "nip", "NIP harus terdiri dari 18 digit angka."),
            ("199002302024211001", {}, "nip", "Tanggal lahir pada NIP tidak valid."),
            (NIP_PPPK, {"group": "pns"}, "nip", "Bulan pengangkatan (TMT) pada NIP tidak valid."),
            (
                NIP_PPPK,
                {"effective_date": datetime.date(2026, 12, 1)},
                "effective_date",
                "Tanggal berlaku tidak boleh di masa depan.",
            ),
        ],
    )
    def test_bad_input_gets_an_indonesian_message(self, history, nip, extra, field, message):
        person, _, _ = history
        with pytest.raises(ValidationError) as refusal:
            _add_nip(person, nip=nip, **extra)
        assert message in refusal.value.message_dict[field]
        person.refresh_from_db()
        assert person.nip is None


class TestAkunSaya:
    URL = "/akun/nip-baru/"

    def test_a_participant_adds_their_nip(self, client, history):
        person, _, _ = history
        client.force_login(person)
        assert "Tambahkan NIP" in client.get("/akun/").content.decode()
        response = client.post(
            self.URL,
            {"nip": "1990 0101 2024 21 1 001", "participant_group": "pppk", "password": PASSWORD},
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert (person.nip, person.participant_group) == (NIP_PPPK, "pppk")

    def test_a_nip_of_another_account_is_refused_with_a_way_forward(
        self, client, history, django_capture_on_commit_callbacks
    ):
        person, _, _ = history
        other = ParticipantFactory(nip=NIP_PPPK, participant_group=ParticipantGroup.PPPK)
        client.force_login(person)
        response = client.post(
            self.URL, {"nip": NIP_PPPK, "participant_group": "pppk", "password": PASSWORD}
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "sudah terdaftar pada akun lain" in html and "digabungkan" in html
        person.refresh_from_db()
        assert person.nip is None and other.nip == NIP_PPPK

        # The page offers to ask organizers for a merge; asking twice makes one request,
        # which the organizers' duplicates screen shows until the accounts are merged.
        assert "Minta penggabungan akun" in html
        for _ in range(2):
            with django_capture_on_commit_callbacks(execute=True):
                client.post("/akun/nip-baru/minta-gabung/", {"nip": NIP_PPPK, "password": PASSWORD})
        request = MergeRequest.objects.get()
        assert (request.requester, request.other) == (person, other)
        # The other account's owner confirms by the link sent to its address.
        assert {email.to[0] for email in mail.outbox} == {other.email}
        follow_confirmation_links(Client(), mail.outbox[:1])
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        client.force_login(organizer)
        merge_url = f"/admin/peserta-duplikat/{person.pk}/{other.pk}/gabung/"
        assert merge_url in client.get("/admin/peserta-duplikat/").content.decode()
        services.participants_merge(survivor=person, loser=other, by=organizer)
        request.refresh_from_db()
        assert request.status == MergeRequest.Status.DONE

    def test_a_merge_request_answers_alike_for_a_nip_nobody_holds(self, client, history):
        """The confirmation is the same whether or not the NIP names another account (it was
        "not registered" before: an oracle); only a real request reaches the organizers."""
        person, _, _ = history
        other = ParticipantFactory(nip=NIP_PPPK, participant_group=ParticipantGroup.PPPK)
        no_email = ParticipantFactory(
            nip="199001012024211002", participant_group=ParticipantGroup.PPPK, email=""
        )
        client.force_login(person)
        pages = [
            client.post(
                "/akun/nip-baru/minta-gabung/", {"nip": nip, "password": PASSWORD}, follow=True
            )
            for nip in (NIP_PPPK, "199001012024211999", no_email.nip)
        ]
        texts = [_without_tokens(page.content.decode()) for page in pages]
        assert "Permintaan penggabungan akun terkirim" in texts[0]
        assert texts[1] == texts[0] == texts[2]
        assert list(MergeRequest.objects.values_list("other", flat=True)) == [other.pk]

    def test_a_wrong_password_is_refused_alike_whether_or_not_the_nip_is_registered(
        self, client, history
    ):
        """This account's password is checked before the NIP is looked up, and a guess at the
        other account's password gets the same refusal for a NIP nobody holds."""
        person, _, _ = history
        ParticipantFactory(nip=NIP_PPPK, participant_group=ParticipantGroup.PPPK)
        client.force_login(person)
        unknown = "199001012024211999"
        for data in ({"password": "salah"}, {"password": PASSWORD, "other_password": "salah"}):
            pages = [
                client.post("/akun/nip-baru/minta-gabung/", {"nip": nip, **data})
                for nip in (NIP_PPPK, unknown)
            ]
            assert [page.status_code for page in pages] == [400, 400]
            texts = [
                page.content.decode().replace(nip, "N")
                for page, nip in zip(pages, (NIP_PPPK, unknown), strict=True)
            ]
            assert "Kata sandi salah" in texts[0]
            assert _without_tokens(texts[0]) == _without_tokens(texts[1])
        assert not MergeRequest.objects.exists()

    def test_merge_requests_are_limited_per_account(self, client, history):
        person, _, _ = history
        client.force_login(person)
        for n in range(5):
            client.post(
                "/akun/nip-baru/minta-gabung/",
                {"nip": f"19900101202421100{n}", "password": PASSWORD},
            )
        page = client.post(
            "/akun/nip-baru/minta-gabung/", {"nip": NIP_PPPK, "password": PASSWORD}, follow=True
        )
        assert "banyak permintaan penggabungan" in page.content.decode()


def _without_tokens(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"', "", html)


class TestOrganizerScreen:
    def test_an_organizer_adds_a_nip_from_the_admin(
        self, client, history, django_capture_on_commit_callbacks
    ):
        person, _, _ = history
        client.force_login(UserFactory(username="penyelenggara", groups=["Organizer"]))
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/peserta-nip-baru/{person.pk}/", {"nip": NIP_PPPK})
        assert response.status_code == 302
        person.refresh_from_db()
        assert person.nip is None  # until its owner follows the link sent to the account
        follow_confirmation_links(Client(), mail.outbox)
        person.refresh_from_db()
        assert (person.nip, person.participant_group) == (NIP_PPPK, "pppk")

    def test_analysts_and_editors_cannot(self, client, history):
        person, _, _ = history
        for group in ("Analyst", "Editor"):
            client.force_login(UserFactory(username=group.lower(), groups=[group]))
            response = client.post(f"/admin/peserta-nip-baru/{person.pk}/", {"nip": NIP_PPPK})
            assert response.status_code == 302 and response["Location"] == "/admin/"
        person.refresh_from_db()
        assert person.nip is None


class TestGroupChangedInTheEditForm:
    """An organizer who changes the group in the ordinary edit form gives it a date too."""

    @pytest.fixture
    def organizer(self, client):
        client.force_login(UserFactory(username="penyelenggara", groups=["Organizer"]))
        return client

    def _groups(self, person):
        return list(
            Attendance.objects.filter(participant=person)
            .order_by("session__date")
            .values_list("participant_group", flat=True)
        )

    def _edit(self, client, person, **changes):
        """The edit, and (a changed NIP waits for its owner) the link followed."""
        mail.outbox.clear()
        with self.callbacks(execute=True):
            response = client.post(
                f"/admin/participant/edit/{person.pk}/", edit_form_data(person, **changes)
            )
        with self.callbacks(execute=True):
            follow_confirmation_links(Client(), mail.outbox)
        return response

    @pytest.fixture(autouse=True)
    def _callbacks(self, django_capture_on_commit_callbacks):
        self.callbacks = django_capture_on_commit_callbacks

    def test_the_date_is_asked_when_editing_not_when_adding(self, organizer, history):
        person, _, _ = history
        edit = organizer.get(f"/admin/participant/edit/{person.pk}/")
        add = organizer.get(reverse("participant:add"))
        assert edit.status_code == add.status_code == 200
        assert 'name="full_name"' in add.content.decode()  # the add form itself
        assert 'name="group_since"' in edit.content.decode()
        assert 'name="group_since"' not in add.content.decode()

    def test_records_from_the_date_on_take_the_new_group(self, organizer, history):
        person, _, _ = history
        response = self._edit(
            organizer, person, participant_group="pppk", nip=NIP_PPPK, group_since="2026-10-01"
        )
        assert response.status_code == 302
        assert self._groups(person) == ["ptt", "ptt", "pppk"]
        # Logged as an added NIP is, with the groups and the date.
        change = IdentityChange.objects.get(user=person, identifier="nip")
        assert (change.group_before, change.group_after) == ("ptt", "pppk")
        assert change.effective_date == OCTOBER_1

    def test_without_a_date_the_change_holds_from_today(self, organizer, history, sessions):
        person, _, _ = history
        upcoming = SessionPageFactory(
            parent=sessions, slug="mendatang", date=datetime.date.today() + datetime.timedelta(7)
        )
        registration = training_services.registration_create(session=upcoming, participant=person)
        assert registration.participant_group == "ptt"

        self._edit(organizer, person, participant_group="pppk", nip=NIP_PPPK)

        assert self._groups(person) == ["ptt", "ptt", "ptt"]
        registration.refresh_from_db()
        assert registration.participant_group == "pppk"  # a session still to come

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            (
                {"participant_group": "pppk", "nip": NIP_PPPK, "group_since": "2999-01-01"},
                "Tanggal berlaku tidak boleh di masa depan.",
            ),
            ({"group_since": "2026-10-01"}, "Isi tanggal ini hanya bila kelompok peserta diubah."),
        ],
    )
    def test_a_date_in_the_future_or_without_a_change_is_refused(
        self, organizer, history, changes, message
    ):
        person, _, _ = history
        response = self._edit(organizer, person, **changes)
        assert response.status_code == 200
        assert message in response.content.decode()
        person.refresh_from_db()
        assert (person.participant_group, person.nip) == ("ptt", None)
        assert self._groups(person) == ["ptt", "ptt", "ptt"]


def _import(rows):
    data = csv_bytes(rows, headers=["nik_atau_email", "nip_baru", "kelompok", "tanggal_berlaku"])
    return nip_importing.preview_nips(nip_importing.read_table(data, "nip.csv"), today=TODAY)


class TestImportOfNewNips:
    @pytest.fixture
    def people(self):
        agency = AgencyFactory()
        return [
            ptt(full_name="Satu", nik=NIK, agency=agency),
            ptt(full_name="Dua", nik=None, email="dua@contoh.go.id", agency=agency),
            ptt(full_name="Tiga", nik=None, email="tiga@contoh.go.id", agency=agency),
        ]

    def test_a_clean_list_gives_each_their_nip_and_group(
        self, people, django_capture_on_commit_callbacks
    ):
        preview = _import(
            [
                [NIK, NIP_PPPK, "", "01/10/2026"],
                ["Dua@contoh.go.id", NIP_PNS, "PNS", ""],
            ]
        )
        assert preview.ok, preview.rows_with_errors
        with django_capture_on_commit_callbacks(execute=True):
            services.participants_add_nips(preview=preview, by=None)
        # Each NIP waits for its owner's link, sent to the account's email.
        assert User.objects.filter(pk__in=[p.pk for p in people]).exclude(nip=None).count() == 0
        assert sorted(email.to[0] for email in mail.outbox) == sorted(
            [people[0].email, "dua@contoh.go.id"]
        )
        with django_capture_on_commit_callbacks(execute=True):
            follow_confirmation_links(Client(), mail.outbox)
        one, two, three = (User.objects.get(pk=p.pk) for p in people)
        assert (one.nip, one.participant_group) == (NIP_PPPK, "pppk")
        assert (two.nip, two.participant_group) == (NIP_PNS, "pns")
        assert IdentityChange.objects.get(user=one).effective_date == OCTOBER_1
        assert three.nip is None

    def test_row_errors_are_listed_and_nothing_changes(self, people):
        ParticipantFactory(nip="198501012010011001")
        preview = _import(
            [
                [NIK, NIP_PPPK, "", ""],  # fine
                ["tidak.ada@contoh.go.id", "199101012024211001", "", ""],
                ["dua@contoh.go.id", "198501012010011001", "", ""],  # someone else's NIP
                ["tiga@contoh.go.id", NIP_PPPK, "PTT", "kemarin"],
            ]
        )
        errors = {row.number: row.errors for row in preview.rows_with_errors}
        assert set(errors) == {3, 4, 5}
        assert errors[3] == ["Tidak ada peserta dengan Email ini."]
        assert errors[4] == [nip_importing.NIP_HELD_MESSAGE]
        assert "Kelompok 'PTT' tidak dikenal (isi PPPK atau PNS)." in errors[5]
        assert "Tanggal 'kemarin' tidak dikenal (tulis seperti 2026-10-01)." in errors[5]
        assert "NIP sama dengan baris 2." in errors[5]
        with pytest.raises(ImportRejected):
            services.participants_add_nips(preview=preview, by=None)
        assert not User.objects.filter(pk__in=[p.pk for p in people]).exclude(nip=None).exists()
        assert not IdentityChange.objects.exists()

    def test_an_account_without_email_is_refused_in_the_preview(self):
        ptt(full_name="Empat", nik=NIK, email="", password=None)
        [row] = _import([[NIK, NIP_PPPK, "", ""]]).rows_with_errors
        assert row.errors == [nip_importing.NO_ADDRESS_TO_CONFIRM]

    def test_a_nip_taken_after_the_preview_rolls_back_every_row(self, people):
        preview = _import([[NIK, NIP_PPPK, "", ""], ["dua@contoh.go.id", NIP_PNS, "", ""]])
        assert preview.ok
        ParticipantFactory(nip=NIP_PNS)  # registered meanwhile
        with pytest.raises(ImportRejected):
            services.participants_add_nips(preview=preview, by=None)
        assert User.objects.get(pk=people[0].pk).nip is None


class TestImportTemplate:
    def test_the_template_has_the_columns_the_import_reads(self, client):

        client.force_login(UserFactory(username="penyelenggara", groups=["Organizer"]))
        response = client.get("/admin/peserta-nip-impor/templat/")
        sheet = load_workbook(io.BytesIO(response.content)).active
        assert [cell.value for cell in sheet[1]] == list(nip_importing.COLUMNS)
        assert sheet["B2"].value == nip_importing.EXAMPLE_NIP
