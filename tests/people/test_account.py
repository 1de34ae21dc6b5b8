import json

import pytest

from content.people.models import DeletionRequest, PendingIdentityChange, User
from content.people.services import participant_erase
from content.training import services as training
from tests.factories.people import PASSWORD, ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def me(client):
    user = ParticipantFactory(
        full_name="Ahmad Fauzi, S.Kom.", nik="3471011201900003", email="ahmad@contoh.go.id"
    )
    client.force_login(user)
    return user


class TestMyData:
    def test_download_holds_my_data_and_nobody_elses(self, client, me):
        other = ParticipantFactory(
            full_name="Orang Lain", nik="3471015201900004", email="lain@contoh.go.id"
        )
        response = client.get("/akun/data-saya/")

        assert response["Content-Type"] == "application/json"
        assert "attachment" in response["Content-Disposition"]
        data = json.loads(response.content)
        assert data["profil"]["nip"] == me.nip
        assert data["profil"]["nama_lengkap"] == "Ahmad Fauzi, S.Kom."
        text = response.content.decode()
        for leaked in (other.nip, other.nik, other.email, other.full_name):
            assert leaked not in text

    def test_download_and_account_page_include_my_sessions_only(self, client, me, sessions):
        mine = SessionPageFactory(parent=sessions, title="Sesi Saya")
        theirs = SessionPageFactory(parent=sessions, title="Sesi Orang Lain")
        training.registration_create(session=mine, participant=me)
        mark_attendance(mine, me)
        training.registration_create(session=theirs, participant=ParticipantFactory())

        data = json.loads(client.get("/akun/data-saya/").content)
        page = client.get("/akun/").content.decode()

        assert [(s["judul"], s["pendaftaran"], s["kehadiran"]) for s in data["sosialisasi"]] == [
            ("Sesi Saya", "Terdaftar", "Hadir")
        ]
        assert "Sesi Saya" in page and "Sesi Orang Lain" not in page

    def test_requires_login(self, client):
        assert client.get("/akun/data-saya/")["Location"].startswith("/akun/masuk/")


class TestContactDetails:
    def test_participant_updates_their_contact_details(self, client, me):
        response = client.post(
            "/akun/",
            {"email": "Ahmad.Baru@Contoh.go.id", "phone": "0811111111", "position": "Kasi"},
        )
        assert response.status_code == 302
        me.refresh_from_db()
        # The login email is not a contact detail: it changes only through "Ubah email".
        assert (me.email, me.phone, me.position) == ("ahmad@contoh.go.id", "0811111111", "Kasi")

    def test_an_email_taken_by_someone_else_is_refused(self, client, me):
        ParticipantFactory(email="dipakai@contoh.go.id")
        response = client.post(
            "/akun/email/", {"email": "DIPAKAI@contoh.go.id", "password": PASSWORD}
        )
        assert response.status_code == 400
        assert "Email ini sudah dipakai akun lain." in response.content.decode()
        me.refresh_from_db()
        assert me.email == "ahmad@contoh.go.id"
        assert not PendingIdentityChange.objects.exists()


class TestDeletionRequest:
    def test_a_doubled_request_makes_one_record(self, client, me):
        for _ in range(2):
            client.post("/akun/hapus-data/", {"reason": "Pindah tugas", "confirm": "on"})
        assert DeletionRequest.objects.filter(user=me, status="pending").count() == 1

    def test_without_the_confirmation_nothing_is_recorded(self, client, me):
        client.post("/akun/hapus-data/", {"reason": "x"})
        assert not DeletionRequest.objects.exists()

    def test_erasure_removes_personal_data_and_records_who_did_it(self, client, me):
        client.post("/akun/hapus-data/", {"confirm": "on"})
        organizer = UserFactory(username="organizer", groups=["Organizer"])
        request = DeletionRequest.objects.get()

        participant_erase(deletion_request=request, by=organizer, note="Sesuai permohonan")

        me.refresh_from_db()
        assert (me.nip, me.nik, me.email, me.phone) == (None, None, "", "")
        assert me.full_name == "Peserta (data dihapus)"
        assert not me.is_active and not me.has_usable_password()
        # Statistics read the agency and group recorded with each attendance; the group stays.
        assert me.agency_id is None and me.rank == "" and me.participant_group == "pns"
        request.refresh_from_db()
        assert request.status == "done"
        assert request.handled_by == organizer and request.handled_at is not None
        assert request.requester_label == "Peserta (data dihapus)" and request.reason == ""

    def test_organizer_processes_a_request_in_the_admin(self, client, me):
        client.post("/akun/hapus-data/", {"confirm": "on"})
        request = DeletionRequest.objects.get()
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))

        response = client.post(
            f"/admin/permohonan-hapus-data/{request.pk}/proses/",
            {"decision": "erase", "note": "OK"},
        )

        assert response.status_code == 302
        assert not User.objects.filter(email="ahmad@contoh.go.id").exists()
