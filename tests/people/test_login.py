import pytest

from content.people.models import ParticipantGroup
from tests.factories.people import PASSWORD, ParticipantFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
URL = "/akun/masuk/"


@pytest.fixture
def asn():
    return ParticipantFactory(
        nip="198501012010011001", nik="3471011201900003", email="ahmad@contoh.go.id"
    )


def _login(client, identifier, password=PASSWORD):
    return client.post(URL, {"username": identifier, "password": password})


def _logged_in_as(client):
    return client.session.get("_auth_user_id")


class TestLoginByIdentifier:
    @pytest.mark.parametrize(
        "identifier",
        [
            "198501012010011001",
            "19850101 201001 1 001",
            "3471011201900003",
            "ahmad@contoh.go.id",
            "AHMAD@Contoh.go.id",
        ],
    )
    def test_nip_nik_or_email(self, client, asn, identifier):
        response = _login(client, identifier)
        assert response.status_code == 302
        assert response["Location"] == "/akun/"
        assert _logged_in_as(client) == str(asn.pk)

    def test_staff_log_in_with_their_username(self, client):
        staff = UserFactory(username="editor")
        assert _login(client, "editor", "rahasia-uji-123").status_code == 302
        assert _logged_in_as(client) == str(staff.pk)

    def test_wrong_password_says_so_in_indonesian(self, client, asn):
        response = _login(client, "198501012010011001", "salah")
        assert response.status_code == 200
        assert "NIP/NIK/email atau kata sandi salah" in response.content.decode()
        assert _logged_in_as(client) is None

    def test_unknown_identifier_is_refused_the_same_way(self, client, asn):
        response = _login(client, "199901012020011001")
        assert "NIP/NIK/email atau kata sandi salah" in response.content.decode()

    def test_inactive_accounts_cannot_log_in(self, client):
        ParticipantFactory(email="nonaktif@contoh.go.id", is_active=False)
        _login(client, "nonaktif@contoh.go.id")
        assert _logged_in_as(client) is None

    def test_logout_ends_the_session(self, client, asn):
        _login(client, "ahmad@contoh.go.id")
        client.post("/akun/keluar/")
        assert _logged_in_as(client) is None
        assert client.get("/akun/")["Location"].startswith("/akun/masuk/")


@pytest.fixture
def limit_of_three(settings):
    settings.AXES_FAILURE_LIMIT = 3


@pytest.mark.usefixtures("limit_of_three")
class TestLoginThrottle:
    def test_locks_out_after_repeated_failures_with_a_clear_message(self, client, asn):
        for _ in range(3):
            _login(client, "198501012010011001", "salah")

        response = _login(client, "198501012010011001")  # even the right password

        assert response.status_code == 429
        assert "dikunci sementara" in response.content.decode()
        assert _logged_in_as(client) is None

    def test_spelling_the_nip_differently_does_not_reset_the_count(self, client, asn):
        for typed in ("198501012010011001", "19850101 201001 1 001", "19850101.201001.1.001"):
            _login(client, typed, "salah")
        assert _login(client, "198501012010011001").status_code == 429

    def test_other_people_can_still_log_in(self, client, asn):
        other = ParticipantFactory(participant_group=ParticipantGroup.PTT, nip=None)
        for _ in range(3):
            _login(client, "198501012010011001", "salah")
        assert _login(client, other.email).status_code == 302
