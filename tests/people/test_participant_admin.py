import csv
import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from content.people.models import DeletionRequest, Participant
from content.people.services import deletion_request_create
from tests.assertions import assert_admin_refused
from tests.factories.people import (
    PASSWORD,
    AgencyFactory,
    ParticipantFactory,
    edit_form_data,
    follow_confirmation_links,
    ptt,
)
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
INDEX = "/admin/participant/"


@pytest.fixture
def people():
    kominfo = AgencyFactory(name="Dinas Komunikasi dan Informatika")
    dinkes = AgencyFactory(name="Dinas Kesehatan")
    return [
        ParticipantFactory(full_name="Ahmad Fauzi", agency=kominfo, nip="198501012010011001"),
        ptt(full_name="Dewi Lestari", agency=dinkes, nik="3471015201900003"),
    ]


def _as(client, group):
    client.force_login(UserFactory(username=group.lower(), groups=[group]))


class TestWhoSeesParticipants:
    @pytest.mark.parametrize("group", ["Editor", "Moderator"])
    def test_editors_and_moderators_are_refused(self, client, people, group):
        _as(client, group)
        response = client.get(INDEX)
        assert_admin_refused(response)
        assert b"198501012010011001" not in response.content
        menu = client.get("/admin/").content.decode()
        assert "Peserta" not in menu

    @pytest.mark.parametrize("group", ["Organizer", "Analyst"])
    def test_organizers_and_analysts_see_full_identity_numbers(self, client, people, group):
        _as(client, group)
        html = client.get(INDEX).content.decode()
        assert "Ahmad Fauzi" in html and "198501012010011001" in html

    def test_analysts_cannot_add_or_edit(self, client, people):
        _as(client, "Analyst")
        assert_admin_refused(client.get(INDEX + "new/"))
        assert_admin_refused(client.get(f"{INDEX}edit/{people[0].pk}/"))
        client.post(f"{INDEX}edit/{people[0].pk}/", {"full_name": "Diubah Analis"})
        assert not Participant.objects.filter(full_name="Diubah Analis").exists()

    def test_staff_accounts_are_not_listed_as_participants(self, client, people):
        _as(client, "Organizer")
        assert "organizer@contoh.go.id" not in client.get(INDEX).content.decode()


class TestFiltersAndExport:
    def test_filter_by_group_and_agency(self, client, people):
        _as(client, "Organizer")
        by_group = client.get(INDEX, {"participant_group": "ptt"}).content.decode()
        assert "Dewi Lestari" in by_group and "Ahmad Fauzi" not in by_group
        by_agency = client.get(INDEX, {"agency": people[0].agency_id}).content.decode()
        assert "Ahmad Fauzi" in by_agency and "Dewi Lestari" not in by_agency

    def test_search_by_nip(self, client, people):
        _as(client, "Analyst")
        html = client.get(INDEX, {"q": "198501012010011001"}).content.decode()
        assert "Ahmad Fauzi" in html and "Dewi Lestari" not in html

    def test_csv_export(self, client, people):
        _as(client, "Analyst")
        response = client.get(INDEX, {"export": "csv"})
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(content)))
        assert {row["Nama"] for row in rows} == {"Ahmad Fauzi", "Dewi Lestari"}
        assert {row["NIP"] for row in rows} >= {"198501012010011001"}

    def test_xlsx_export(self, client, people):
        _as(client, "Organizer")
        response = client.get(INDEX, {"export": "xlsx", "participant_group": "pns"})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        sheet = load_workbook(io.BytesIO(body)).active
        values = [[cell.value for cell in row] for row in sheet.iter_rows()]
        assert values[0][0] == "Nama"
        assert [row[0] for row in values[1:]] == ["Ahmad Fauzi"]


class TestAdminForm:
    def test_organizer_adds_a_participant_with_a_nip_typed_with_spaces(self, client, people):
        _as(client, "Organizer")
        response = client.post(
            INDEX + "new/",
            {
                "full_name": "Rudi Hartono, S.T.",
                "participant_group": "pns",
                "nip": "19900315 201503 1 004",
                "nik": "",
                "agency": people[0].agency_id,
                "position": "Pranata Komputer",
                "rank": "III/b",
                "email": "rudi@contoh.go.id",
                "phone": "",
                "is_active": "on",
            },
        )
        assert response.status_code == 302
        rudi = Participant.objects.get(nip="199003152015031004")
        assert rudi.gender == "L" and rudi.username.startswith("peserta-")

    def test_a_bad_nip_in_the_admin_gets_the_same_message(self, client, people):
        _as(client, "Organizer")
        response = client.post(
            INDEX + "new/",
            {
                "full_name": "X",
                "participant_group": "pns",
                "nip": "199002302015031004",
                "agency": people[0].agency_id,
                "email": "x@contoh.go.id",
                "is_active": "on",
            },
        )
        assert "Tanggal lahir pada NIP tidak valid." in response.content.decode()


class TestWhatNobodyDoesHere:
    def test_participants_are_not_deleted_their_data_is_erased_instead(
        self, client, people, organizer_or_superuser
    ):
        assert_admin_refused(client.get(f"{INDEX}delete/{people[0].pk}/"))
        client.post(f"{INDEX}delete/{people[0].pk}/")
        assert Participant.objects.filter(pk=people[0].pk).exists()

    def test_erasure_requests_are_not_made_or_edited_by_staff(
        self, client, people, organizer_or_superuser
    ):
        request = deletion_request_create(user=people[0], reason="Pindah kota")
        assert_admin_refused(client.get("/admin/deletionrequest/new/"))
        client.post("/admin/deletionrequest/new/", {"note": ""})
        client.post(f"/admin/deletionrequest/edit/{request.pk}/", {"note": "diubah"})
        assert list(DeletionRequest.objects.values_list("pk", "note")) == [(request.pk, "")]


class TestStaffAccountsAreNotParticipants:
    """An organizer once changed a superuser's email through the participant screens and then
    reset its password: accounts that work in the admin are out of these screens' reach."""

    @pytest.fixture
    def superuser(self):
        admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
        type(admin).objects.filter(pk=admin.pk).update(
            participant_group="ptt", full_name="Admin Juga Peserta"
        )
        return admin

    def test_they_are_not_listed_editable_or_erasable(self, client, people, superuser):
        _as(client, "Organizer")
        assert "Admin Juga Peserta" not in client.get(INDEX).content.decode()
        assert client.get(f"{INDEX}edit/{superuser.pk}/").status_code == 404
        client.post(
            f"{INDEX}edit/{superuser.pk}/",
            {"full_name": "Diambil alih", "participant_group": "ptt", "email": "x@contoh.go.id"},
        )
        superuser.refresh_from_db()
        assert superuser.email == "admin@contoh.go.id"

    def test_their_erasure_requests_are_refused(self, client, people, superuser):
        from content.base.errors import NotAllowed

        with pytest.raises(NotAllowed):
            deletion_request_create(user=superuser)
        assert not DeletionRequest.objects.exists()


class TestIdentityChangesBySomeoneElse:
    def _edit(self, client, person, **changes):
        return client.post(f"{INDEX}edit/{person.pk}/", edit_form_data(person, **changes))

    def test_an_organizers_email_change_waits_for_both_links_then_is_logged_and_told(
        self, client, people, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        from content.people.models import IdentityChange

        ahmad = people[0]
        old = ahmad.email
        organizer = UserFactory(username="organizer", groups=["Organizer"])
        client.force_login(organizer)
        with django_capture_on_commit_callbacks(execute=True):
            response = self._edit(client, ahmad, email="baru.sekali@contoh.go.id")
        assert response.status_code == 302
        ahmad.refresh_from_db()
        assert ahmad.email == old and not IdentityChange.objects.exists()
        # One link to the address on file (the owner shows control), one to the new address.
        assert sorted(email.to[0] for email in mail.outbox) == sorted(
            [old, "baru.sekali@contoh.go.id"]
        )
        sent = list(mail.outbox)
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            follow_confirmation_links(Client(), sent)

        [change] = IdentityChange.objects.all()
        assert (change.user, change.identifier, change.changed_by) == (ahmad, "email", organizer)
        assert change.old_value == f"{old[:2]}***@contoh.go.id"
        assert change.new_value == "ba***@contoh.go.id"
        assert change.proof == "tautan"
        assert old not in str(change) and "baru.sekali" not in str(change)
        [notice] = mail.outbox
        assert notice.to == [old]
        assert "Email: " in notice.body and change.old_value in notice.body

    def test_saving_without_a_change_logs_nothing(self, client, people):
        from content.people.models import IdentityChange, PendingIdentityChange

        _as(client, "Organizer")
        assert self._edit(client, people[0]).status_code == 302
        assert not IdentityChange.objects.exists()
        assert not PendingIdentityChange.objects.exists()

    def test_the_persons_own_change_is_logged_with_the_password_as_proof(
        self, client, people, django_capture_on_commit_callbacks
    ):
        from django.core import mail

        from content.people.models import IdentityChange

        old = people[0].email
        client.force_login(people[0])
        with django_capture_on_commit_callbacks(execute=True):
            client.post("/akun/email/", {"email": "sendiri@contoh.go.id", "password": PASSWORD})
        with django_capture_on_commit_callbacks(execute=True):
            follow_confirmation_links(client, mail.outbox)
        people[0].refresh_from_db()
        assert people[0].email == "sendiri@contoh.go.id"
        [change] = IdentityChange.objects.all()
        assert (change.changed_by, change.proof) == (people[0], "sandi")
        assert mail.outbox[-1].to == [old]
