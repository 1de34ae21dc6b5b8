"""The attacker's side of identity changes: a session left open at a venue, a stranger with the
victim's name and OPD, a forged or replayed link. Every change of a login identifier (email,
NIP, NIK, merge) needs proof of control of the account it moves, a new email is set only by its
owner's link, and a merge never hands the kept account a credential nobody confirmed."""

import base64

import pytest
from django.core import mail
from django.test import Client

from content.people import selectors
from content.people.models import (
    IdentityChange,
    MergeRecord,
    MergeRequest,
    ParticipantGroup,
    PendingIdentityChange,
    User,
)
from tests.factories.people import (
    PASSWORD,
    AgencyFactory,
    ParticipantFactory,
    confirmation_links,
    edit_form_data,
    follow_confirmation_links,
    ptt,
)
from tests.factories.users import UserFactory
from tests.people.test_merging import _world

pytestmark = pytest.mark.django_db
VICTIM = "korban@contoh.go.id"
ATTACKER = "penyerang@contoh.go.id"
NIP = "198501012010011001"


@pytest.fixture
def open_session(client):
    """The victim's account, logged in on a venue's shared laptop and left there."""
    victim = ParticipantFactory(full_name="Siti Korban", nip=NIP, email=VICTIM)
    client.force_login(victim)
    return victim


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run a request's after-commit work (the emails go out from the task worker)."""

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run


def _reset_reaches(address):
    """Whether "Lupa kata sandi" for `address` sends a reset link to anyone."""
    mail.outbox.clear()
    Client().post("/akun/sandi/lupa/", {"email": address})
    return [email.to for email in mail.outbox if "/akun/sandi/atur/" in email.body]


class TestASessionLeftOpen:
    def test_the_login_email_cannot_be_changed_without_the_password(self, client, open_session):
        for data in (
            {"email": ATTACKER, "phone": "", "position": "Staf"},  # the contact form
            {"email": ATTACKER, "password": ""},
            {"email": ATTACKER, "password": "tebakan-salah"},
        ):
            client.post("/akun/", data)
            client.post("/akun/email/", data)
        open_session.refresh_from_db()
        assert open_session.email == VICTIM
        assert not PendingIdentityChange.objects.exists()
        assert not IdentityChange.objects.exists()
        assert _reset_reaches(ATTACKER) == []

    def test_a_nip_cannot_be_added_without_the_password(self, client):
        victim = ptt(full_name="Rina Korban", email=VICTIM)
        client.force_login(victim)
        client.post("/akun/nip-baru/", {"nip": "199001012024211001", "participant_group": "pppk"})
        victim.refresh_from_db()
        assert (victim.nip, victim.participant_group) == (None, ParticipantGroup.PTT)

    def test_guessing_the_password_is_cut_off_per_account(self, client, open_session):
        for attempt in range(5):
            client.post("/akun/email/", {"email": ATTACKER, "password": f"salah-{attempt}"})
        response = client.post("/akun/email/", {"email": ATTACKER, "password": PASSWORD})
        assert "Terlalu banyak percobaan kata sandi" in response.content.decode()
        assert not PendingIdentityChange.objects.exists()


class TestTheOwnersEmailChange:
    def test_the_new_address_waits_for_its_link_then_the_old_one_is_told(
        self, client, open_session, send
    ):
        response = send(client.post, "/akun/email/", {"email": ATTACKER, "password": PASSWORD})
        assert response.status_code == 302
        open_session.refresh_from_db()
        assert open_session.email == VICTIM  # nothing set yet
        page = client.get("/akun/").content.decode()
        assert "Menunggu konfirmasi" in page and ATTACKER in page
        [link_email] = mail.outbox
        assert link_email.to == [ATTACKER]
        [link] = confirmation_links([link_email])

        # A mail scanner opening the link changes nothing; the owner's button does.
        assert Client().get(link).status_code == 200
        assert User.objects.get(pk=open_session.pk).email == VICTIM
        mail.outbox.clear()
        send(Client().post, link, {"keputusan": "terima"})
        open_session.refresh_from_db()
        assert open_session.email == ATTACKER
        [change] = IdentityChange.objects.all()
        assert (change.changed_by, change.proof, change.identifier) == (
            open_session,
            "sandi",
            "email",
        )
        [notice] = mail.outbox
        assert notice.to == [VICTIM] and "diubah" in notice.body and NIP not in notice.body

        # Single use: the same link again changes nothing and says so.
        again = Client().post(link, {"keputusan": "terima"})
        assert "tidak berlaku lagi" in again.content.decode()
        assert IdentityChange.objects.count() == 1

    def test_the_owner_cancels_a_pending_change(self, client, open_session, send):
        send(client.post, "/akun/email/", {"email": ATTACKER, "password": PASSWORD})
        [link] = confirmation_links(mail.outbox)
        client.post("/akun/email/batal/")
        assert selectors.pending_identity_change(open_session) is None
        Client().post(link, {"keputusan": "terima"})
        open_session.refresh_from_db()
        assert open_session.email == VICTIM

    def test_a_forged_tampered_or_expired_link_changes_nothing(
        self, client, open_session, send, settings
    ):
        send(client.post, "/akun/email/", {"email": ATTACKER, "password": PASSWORD})
        [link] = confirmation_links(mail.outbox)
        token = link.rsplit("/", 2)[-2]
        payload, stamp, signature = token.split(":")
        # The same signature on the other side's payload (the old address's link).
        data = base64.urlsafe_b64decode(payload + "==").replace(b'"email"', b'"akun"')
        other_side = base64.urlsafe_b64encode(data).decode().rstrip("=")
        forged = [
            f"/akun/konfirmasi/{payload}:{stamp}:bukan-tanda-tangan/",
            f"/akun/konfirmasi/{token[:-2]}xx/",
            f"/akun/konfirmasi/{other_side}:{stamp}:{signature}/",
            "/akun/konfirmasi/%2e%2e/",
        ]
        for path in forged:
            assert Client().post(path, {"keputusan": "terima"}).status_code == 404
        settings.IDENTITY_CONFIRMATION_TIMEOUT = 0
        assert Client().post(link, {"keputusan": "terima"}).status_code == 404
        open_session.refresh_from_db()
        assert open_session.email == VICTIM


@pytest.fixture
def organizer(client):
    user = UserFactory(username="penyelenggara", groups=["Organizer"])
    client.force_login(user)
    return user


class TestAnOrganizersEdit:
    def test_an_account_with_a_password_is_changed_only_by_its_owners_link(
        self, client, organizer, send
    ):
        person = ParticipantFactory(email=VICTIM)
        response = send(
            client.post,
            f"/admin/participant/edit/{person.pk}/",
            edit_form_data(person, email=ATTACKER, nik="3471011201900003"),
        )
        assert response.status_code == 302
        person.refresh_from_db()
        assert (person.email, person.nik) == (VICTIM, None)
        # The owner refuses at the link sent to the address on file: nothing ever changes.
        owners = [email for email in mail.outbox if email.to == [VICTIM]]
        follow_confirmation_links(Client(), owners, decision="tolak")
        follow_confirmation_links(Client(), mail.outbox)
        person.refresh_from_db()
        assert (person.email, person.nik) == (VICTIM, None)
        assert not IdentityChange.objects.exists()

    def test_an_account_without_password_or_email_needs_a_recorded_in_person_check(
        self, client, organizer, send
    ):
        person = ParticipantFactory(email="", password=None)
        url = f"/admin/participant/edit/{person.pk}/"
        refused = client.post(url, edit_form_data(person, nik="3471011201900003"))
        assert refused.status_code == 200
        assert "Periksa KTP atau SK orangnya" in refused.content.decode()
        without_note = client.post(
            url, edit_form_data(person, nik="3471011201900003", in_person_check="ktp")
        )
        assert without_note.status_code == 200
        person.refresh_from_db()
        assert person.nik is None

        data = edit_form_data(
            person,
            nik="3471011201900003",
            email=ATTACKER,
            in_person_check="ktp",
            proof_note="KTP asli diperiksa di meja registrasi",
        )
        assert send(client.post, url, data).status_code == 302
        person.refresh_from_db()
        # The NIK holds now; the email only once its owner follows the link sent to it.
        assert (person.nik, person.email) == ("3471011201900003", "")
        [change] = IdentityChange.objects.all()
        assert (change.identifier, change.proof, change.in_person_check) == (
            "nik",
            "langsung",
            "ktp",
        )
        assert change.changed_by == organizer and "meja registrasi" in change.proof_note
        assert change.new_value == "3471•••••••••003"
        assert [email.to for email in mail.outbox] == [[ATTACKER]]

    def test_an_in_person_check_is_refused_where_the_owner_can_confirm(self, client, organizer):
        person = ParticipantFactory(email=VICTIM)
        data = edit_form_data(
            person, email=ATTACKER, in_person_check="ktp", proof_note="katanya pemiliknya"
        )
        response = client.post(f"/admin/participant/edit/{person.pk}/", data)
        assert response.status_code == 200
        assert "Pemeriksaan langsung hanya untuk akun tanpa email" in response.content.decode()
        assert not PendingIdentityChange.objects.exists()


class TestAStrangerWithTheVictimsNameAndAgency:
    """The victim was imported (no password, no email); the attacker signs up with the same
    name and OPD, adds the victim's NIP, is refused, and asks for a merge."""

    @pytest.fixture
    def victim(self):
        agency = AgencyFactory(name="Dinas Kesehatan")
        return ParticipantFactory(
            full_name="Budi Santoso", nip=NIP, email="", password=None, agency=agency
        )

    @pytest.fixture
    def attacker(self, victim):
        return ptt(full_name="Budi Santoso", email=ATTACKER, nik=None, agency=victim.agency)

    def _ask_for_a_merge(self, attacker, send):
        stranger = Client()
        stranger.force_login(attacker)
        refused = stranger.post(
            "/akun/nip-baru/", {"nip": NIP, "participant_group": "pns", "password": PASSWORD}
        )
        assert "sudah terdaftar pada akun lain" in refused.content.decode()
        send(stranger.post, "/akun/nip-baru/minta-gabung/", {"nip": NIP, "password": PASSWORD})

    def test_one_organizer_approval_no_longer_hands_over_the_account(
        self, client, organizer, victim, attacker, send
    ):
        self._ask_for_a_merge(attacker, send)
        url = f"/admin/peserta-duplikat/{victim.pk}/{attacker.pk}/gabung/"
        screen = client.get(url).content.decode()
        assert "periksa KTP/SK orangnya langsung" in screen
        response = send(client.post, url, {"survivor": victim.pk, "confirm": "on"})
        assert response.status_code == 200  # the in-person check is missing
        assert not MergeRecord.objects.exists()
        victim.refresh_from_db()
        assert (victim.email, victim.has_usable_password()) == ("", False)
        assert _reset_reaches(ATTACKER) == [[ATTACKER]]  # the attacker's own account only
        assert User.objects.get(email=ATTACKER).pk == attacker.pk

    def test_even_after_a_merge_the_kept_account_gets_no_unconfirmed_credential(
        self, client, organizer, victim, attacker, send
    ):
        """Say the organizer did check (wrongly): the kept account still gets no email or
        password from the merge; the address waits for a link to it."""
        self._ask_for_a_merge(attacker, send)
        url = f"/admin/peserta-duplikat/{victim.pk}/{attacker.pk}/gabung/"
        mail.outbox.clear()
        response = send(
            client.post,
            url,
            {
                "survivor": victim.pk,
                "confirm": "on",
                f"in_person_check_{victim.pk}": "ktp_sk",
                f"proof_note_{victim.pk}": "KTP dan SK asli dibawa",
            },
        )
        assert response.status_code == 302
        victim.refresh_from_db()
        assert (victim.email, victim.has_usable_password()) == ("", False)
        assert _reset_reaches(ATTACKER) == []
        pending = selectors.pending_identity_change(victim)
        assert pending.changes == {"email": ATTACKER} and pending.proof == "gabung"
        record = MergeRecord.objects.get()
        assert "KTP dan SK asli dibawa" in record.summary["bukti_kendali_akun"]["dipertahankan"]

    def test_a_victim_with_an_email_is_asked_and_can_refuse(self, client, organizer, send):
        victim = ParticipantFactory(full_name="Budi Santoso", nip=NIP, email=VICTIM)
        attacker = ptt(full_name="Budi Santoso", email=ATTACKER, nik=None, agency=victim.agency)
        mail.outbox.clear()
        self._ask_for_a_merge(attacker, send)
        # The link goes to the address on file of the account holding the NIP, nowhere else.
        assert [email.to for email in mail.outbox] == [[VICTIM]]
        url = f"/admin/peserta-duplikat/{attacker.pk}/{victim.pk}/gabung/"
        refused = send(client.post, url, {"survivor": attacker.pk, "confirm": "on"})
        assert refused.status_code == 302 and not MergeRecord.objects.exists()
        follow_confirmation_links(Client(), mail.outbox, decision="tolak")
        assert MergeRequest.objects.get().status == MergeRequest.Status.CANCELLED
        send(client.post, url, {"survivor": attacker.pk, "confirm": "on"})
        assert not MergeRecord.objects.exists()
        assert User.objects.get(pk=victim.pk).is_active


class TestTheMergeScreenShowsEachAccountsOwnRecords:
    def test_certificates_and_jp_are_counted_per_account(self, client, sessions):
        world = _world(sessions)
        client.force_login(world["organizer"])
        url = f"/admin/peserta-duplikat/{world['first'].pk}/{world['second'].pk}/gabung/"
        page = client.get(url).content.decode()
        # The first account holds S1's certificate; the second S1's and S2's (2 JP each).
        assert "<td>1 berlaku (2 JP), 0 dicabut</td><td>2 berlaku (4 JP), 0 dicabut</td>" in page
        assert "<td>1 (1 aktif)</td><td>1 (1 aktif)</td>" in page  # registrations
        assert "<td>1 (1 hadir)</td><td>2 (2 hadir)</td>" in page  # attendance
        assert "<td>1 (1 selesai, 1 lulus)</td><td>1 (1 selesai, 0 lulus)</td>" in page
