"""One person, one account, one throttle: look-alike spellings of a NIP, NIK or email neither
make a second account nor step around the login throttle."""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from content.people.models import ParticipantGroup, User
from tests.factories.people import PASSWORD, AgencyFactory, ParticipantFactory, ptt
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
NIP = "198501012010011001"
NIK = "3471015201900003"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _sign_up(client, agency, **changes):
    data = {
        "participant_group": "pns",
        "nip": NIP,
        "nik": "",
        "full_name": "Peserta Baru",
        "agency": agency.pk,
        "position": "Staf",
        "rank": "III/a",
        "email": "baru@contoh.go.id",
        "phone": "",
        "password1": "Lentera-2024-aman",
        "password2": "Lentera-2024-aman",
    }
    data.update(changes)
    return client.post("/akun/daftar/", data)


def _login(client, identifier, password=PASSWORD):
    return client.post("/akun/masuk/", {"username": identifier, "password": password})


class TestSignUp:
    def test_a_nip_with_one_fullwidth_digit_is_the_nip_already_registered(self, client):
        ParticipantFactory(nip=NIP)
        response = _sign_up(client, AgencyFactory(), nip=NIP[:17] + NIP[17].translate(FULLWIDTH))
        assert "NIP ini sudah terdaftar" in response.content.decode()
        assert User.objects.filter(participant_group="pns").count() == 1

    def test_one_nik_in_three_scripts_makes_one_account(self, client):
        agency = AgencyFactory()
        for number, digits in enumerate(["", FULLWIDTH, ARABIC_INDIC]):
            client.logout()
            _sign_up(
                client,
                agency,
                participant_group="ptt",
                nip="",
                rank="",
                nik=NIK.translate(str.maketrans("", "")) if not digits else NIK.translate(digits),
                email=f"ptt{number}@contoh.go.id",
            )
        assert list(User.objects.values_list("nik", flat=True)) == [NIK]

    def test_a_stray_letter_in_a_spaced_nip_gives_one_message(self, client):
        response = _sign_up(client, AgencyFactory(), nip="19850101 201001 1 00l")
        errors = response.context["form"].errors["nip"]
        assert errors == ["NIP harus terdiri dari 18 digit angka."]

    @pytest.mark.parametrize("email", ["ahmad.fauzı@contoh.go.id", "аhmad@contoh.go.id"])
    def test_look_alike_letters_in_an_email_are_refused(self, client, email):
        response = _sign_up(client, AgencyFactory(), email=email)
        assert "huruf Latin tanpa aksen" in response.content.decode()
        assert not get_user_model().objects.exists()


class TestTheDatabaseKeepsTheCanonicalForm:
    @pytest.mark.parametrize(
        ("field", "value"),
        [
            ("nip", NIP.translate(ARABIC_INDIC)),
            ("nik", NIK[:15] + "٣"),
            ("email", "Ahmad@contoh.go.id"),
            ("email", "ahmad.fauzı@contoh.go.id"),
        ],
    )
    def test_a_spelling_that_bypassed_the_forms_is_refused(self, field, value):
        person = ParticipantFactory(nik=NIK if field == "nik" else None)
        with pytest.raises(IntegrityError), transaction.atomic():
            User.objects.filter(pk=person.pk).update(**{field: value})


@pytest.fixture
def asn():
    return ParticipantFactory(nip=NIP, nik=NIK, email="ahmad.fauzi@contoh.go.id")


class TestLogin:
    def test_a_dotless_i_does_not_log_in_as_the_ascii_address(self, client, asn):
        assert _login(client, "ahmad.fauzı@contoh.go.id").status_code == 200
        assert "_auth_user_id" not in client.session

    def test_fullwidth_digits_log_in_as_the_nip(self, client, asn):
        assert _login(client, NIP.translate(FULLWIDTH)).status_code == 302


@pytest.fixture
def limit_of_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.mark.usefixtures("limit_of_three")
class TestThrottlePerPerson:
    def test_every_spelling_of_one_identifier_shares_one_counter(self, client, asn):
        _login(client, NIP, "salah")
        _login(client, NIP.translate(ARABIC_INDIC), "salah")
        _login(client, "19850101 201001 1 001", "salah")
        assert _login(client, NIP.translate(FULLWIDTH)).status_code == 429
        _login(client, "AHMAD.FAUZI@contoh.go.id", "salah")
        _login(client, " ahmad.fauzi@contoh.go.id", "salah")
        _login(client, "Ahmad.Fauzi@Contoh.go.id", "salah")
        assert _login(client, "ahmad.fauzi@contoh.go.id").status_code == 429

    def test_a_lockout_never_tells_which_nip_belongs_to_an_email(self, client, asn):
        """Counted per account, the lockout was an oracle: lock the email, then the one NIP
        that answered "locked" was the person's. Each identifier now counts apart."""
        for _ in range(3):
            _login(client, "ahmad.fauzi@contoh.go.id", "salah")
        assert _login(client, "ahmad.fauzi@contoh.go.id", "salah").status_code == 429
        candidates = [NIP, "198501012011011001", "198501012009121001"]
        answers = {_login(client, nip, "salah").status_code for nip in candidates}
        assert answers == {200}
        # And the owner, locked out of the email from here, still logs in with the NIP.
        assert _login(client, NIP).status_code == 302

    def test_a_look_alike_spelling_cannot_log_in_while_the_account_is_locked(self, client, asn):
        for _ in range(3):
            _login(client, "ahmad.fauzi@contoh.go.id", "salah")
        # The look-alike names nobody: the right password does not open the locked account.
        response = _login(client, "ahmad.fauzı@contoh.go.id")
        assert "_auth_user_id" not in client.session
        assert response.status_code == 200
        assert "NIP/NIK/email atau kata sandi salah" in response.content.decode()

    def test_what_is_stored_is_a_keyed_hash_not_what_was_typed(self, client, asn):
        from axes.models import AccessAttempt

        from content.people.backends import identifier_key

        _login(client, "AHMAD.FAUZI@contoh.go.id", "salah")
        _login(client, "ahmad.fauzi@contoh.go.id", "salah")
        [attempt] = AccessAttempt.objects.all()
        assert attempt.username == identifier_key("ahmad.fauzi@contoh.go.id")
        assert attempt.failures_since_start == 2
        assert "ahmad" not in attempt.username + attempt.post_data

    def test_a_participants_mistakes_do_not_lock_the_organizer_on_the_same_network(
        self, client, asn
    ):
        UserFactory(username="organizer", groups=["Organizer"])
        for _ in range(5):
            _login(client, NIP, "salah")
        response = client.post(
            "/akun/masuk/", {"username": "organizer", "password": "rahasia-uji-123"}
        )
        assert response.status_code == 302

    def test_behind_a_trusted_proxy_each_client_address_counts_apart(self, settings, asn):
        from django.test import Client

        settings.TRUSTED_PROXY_COUNT = 1
        # The load balancer (10.0.0.2) appended each client's address; the first client also
        # sent a forged entry of its own, to the left.
        mistyping = Client(
            HTTP_X_FORWARDED_FOR="198.51.100.23, 203.0.113.7", REMOTE_ADDR="10.0.0.2"
        )
        owner = Client(HTTP_X_FORWARDED_FOR="198.51.100.23", REMOTE_ADDR="10.0.0.2")
        for _ in range(3):
            _login(mistyping, NIP, "salah")
        assert _login(mistyping, NIP).status_code == 429
        assert _login(owner, NIP).status_code == 302


class TestNotAParticipant:
    def test_a_staff_account_with_a_participant_group_is_no_participant_here(self):
        from content.people.models import Participant

        admin = UserFactory(is_superuser=True, is_staff=True)
        User.objects.filter(pk=admin.pk).update(participant_group=ParticipantGroup.PTT)
        organizer = UserFactory(groups=["Organizer"])
        User.objects.filter(pk=organizer.pk).update(participant_group=ParticipantGroup.PTT)
        person = ptt()
        assert list(Participant.objects.all()) == [person]
