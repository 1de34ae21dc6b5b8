import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from content.people.models import ParticipantGroup
from tests.factories.people import AgencyFactory, ParticipantFactory

pytestmark = pytest.mark.django_db
URL = "/akun/daftar/"


@pytest.fixture
def agency():
    return AgencyFactory(name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")


def _form(target_agency, **changes):
    data = {
        "participant_group": "pns",
        "nip": "19850101 201001 1 001",
        "nik": "",
        "full_name": "Dr. Ir. Siti Aminah, M.Si.",
        "agency": target_agency.pk,
        "position": "Analis Kebijakan",
        "rank": "III/c",
        "email": "Siti.Aminah@Contoh.go.id",
        "phone": "081234567890",
        "password1": "Lentera-2024-aman",
        "password2": "Lentera-2024-aman",
    }
    data.update(changes)
    return data


class TestRegistration:
    def test_an_asn_registers_and_is_logged_in(self, client, agency):
        response = client.post(URL, _form(agency))

        assert response.status_code == 302
        assert response["Location"] == "/akun/"
        user = get_user_model().objects.get(nip="198501012010011001")
        assert user.full_name == "Dr. Ir. Siti Aminah, M.Si."  # titles kept as typed
        assert user.participant_group == ParticipantGroup.PNS
        assert user.gender == "L"  # derived from the NIP's 15th digit
        assert user.email == "siti.aminah@contoh.go.id"
        assert user.check_password("Lentera-2024-aman")
        assert not user.is_staff
        assert client.get("/akun/").status_code == 200

    def test_a_ptt_registers_without_a_nip(self, client, agency):
        data = _form(agency, participant_group="ptt", nip="", nik="3471015201900003", rank="")
        assert client.post(URL, data).status_code == 302
        user = get_user_model().objects.get(nik="3471015201900003")
        assert user.nip is None
        assert user.gender == "P"  # from the NIK: day of birth + 40

    @pytest.mark.parametrize(
        ("changes", "message"),
        [
            ({"nip": "198502302010011001"}, "Tanggal lahir pada NIP tidak valid."),
            ({"nip": ""}, "NIP wajib diisi untuk ASN."),
            ({"nip": "12345"}, "NIP harus terdiri dari 18 digit angka."),
            (
                {"participant_group": "ptt", "nip": "", "nik": "3471017201900003", "rank": ""},
                "Tanggal lahir pada NIK tidak valid.",
            ),
            (
                {"participant_group": "ptt", "rank": ""},
                "NIP hanya diisi untuk ASN (PNS atau PPPK).",
            ),
            ({"participant_group": "pppk"}, "Pangkat/golongan hanya diisi untuk PNS."),
            ({"password2": "Lentera-2024-lain"}, "Kedua kata sandi tidak sama."),
            ({"password1": "12345678", "password2": "12345678"}, "Kata sandi ini"),
            ({"full_name": ""}, "Nama lengkap wajib diisi."),
            ({"agency": ""}, "OPD / unit kerja wajib diisi."),
            ({"email": "bukan-email"}, "Alamat email tidak valid."),
        ],
    )
    def test_bad_input_gets_a_clear_message_and_saves_nothing(
        self, client, agency, changes, message
    ):
        response = client.post(URL, _form(agency, **changes))

        assert response.status_code == 200
        assert message in response.content.decode()
        assert not get_user_model().objects.exists()
        assert "_auth_user_id" not in client.session

    def test_an_email_longer_than_the_database_holds_is_refused(self, client, agency):
        long_email = "a" * 60 + "@" + ".".join(["b" * 50] * 4) + ".go.id"  # valid, 270 long
        response = client.post(URL, _form(agency, email=long_email))
        assert response.status_code == 200
        html = response.content.decode()
        assert "254 karakter" in html or "Alamat email tidak valid" in html
        assert not get_user_model().objects.exists()

    def test_a_nip_registered_before_is_refused(self, client, agency):
        ParticipantFactory(nip="198501012010011001", email="lain@contoh.go.id")
        response = client.post(URL, _form(agency))
        assert "NIP ini sudah terdaftar" in response.content.decode()
        assert get_user_model().objects.count() == 1

    def test_an_email_registered_before_in_another_case_is_refused(self, client, agency):
        ParticipantFactory(email="siti.aminah@contoh.go.id")
        response = client.post(URL, _form(agency))
        assert "Email ini sudah terdaftar" in response.content.decode()
        assert get_user_model().objects.count() == 1

    def test_participants_never_reach_the_wagtail_admin(self, client, agency):
        client.post(URL, _form(agency))
        response = client.get("/admin/")
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]


class TestARegisteredIdentifier:
    """Sign-up cannot answer alike for a free and a registered NIP (a walk-in is logged in at
    once); it says so on the field, and tells the owner by email (content/people/lookups.py)."""

    def test_its_owner_is_told_once_a_day_with_the_way_back_in(self, client, agency):
        ParticipantFactory(nip="198501012010011001", email="pemilik@contoh.go.id")
        for n in range(3):
            response = client.post(URL, _form(agency, email=f"coba{n}@contoh.go.id"))
            assert "NIP ini sudah terdaftar" in response.content.decode()
        [notice] = mail.outbox
        assert notice.to == ["pemilik@contoh.go.id"]
        assert "mencoba membuat akun baru" in notice.body and "NIP" in notice.body
        assert "/akun/masuk/" in notice.body and "/akun/sandi/lupa/" in notice.body
        assert "198501012010011001" not in notice.body
        assert get_user_model().objects.count() == 1

    def test_the_page_says_the_same_whether_or_not_the_owner_can_be_emailed(self, client, agency):
        ParticipantFactory(nip="198501012010011001", email="")
        ParticipantFactory(nip="198501012010011002", email="ada@contoh.go.id")
        pages = [
            client.post(URL, _form(agency, nip=nip, email=f"{nip}@contoh.go.id"))
            for nip in ("198501012010011001", "198501012010011002")
        ]
        texts = [
            page.content.decode().replace(nip, "N").replace(f"{nip}@contoh.go.id", "E")
            for page, nip in zip(pages, ("198501012010011001", "198501012010011002"), strict=True)
        ]
        strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"|nonce="[^"]*"')
        assert strip.sub("", texts[0]) == strip.sub("", texts[1])
        assert [email.to for email in mail.outbox] == [["ada@contoh.go.id"]]

    def test_the_lookup_waits_until_everything_else_is_valid(self, client, agency):
        """A probe with a wrong password confirmation learns nothing about the NIP."""
        ParticipantFactory(nip="198501012010011001")
        response = client.post(URL, _form(agency, password2="Lentera-2024-lain"))
        html = response.content.decode()
        assert "Kedua kata sandi tidak sama" in html
        assert "sudah terdaftar" not in html
