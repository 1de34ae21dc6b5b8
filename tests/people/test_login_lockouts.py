"""Whoever knows a participant's NIP must not be able to keep them out: failed logins lock one
(address, identifier) pair, a higher ceiling locks the identifier from every address, and a
reset link the owner was sent always gets them back in."""

import re

import pytest
from django.core import mail
from django.test import Client

from tests.factories.people import PASSWORD, ParticipantFactory

pytestmark = pytest.mark.django_db
NIP = "198501012010011001"
EMAIL = "ahmad@contoh.go.id"
VENUE = "10.20.30.40"  # the hall's Wi-Fi: everyone there shares this address
NEW_PASSWORD = "Sandi-Baru-Aman-2026!"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.LOGIN_FAILURES_PER_IDENTIFIER = 12


@pytest.fixture
def owner():
    return ParticipantFactory(nip=NIP, email=EMAIL)


def _login(client, identifier=NIP, password=PASSWORD):
    return client.post("/akun/masuk/", {"username": identifier, "password": password})


def _attack_from(address, times, identifier=NIP):
    attacker = Client(REMOTE_ADDR=address)
    return [_login(attacker, identifier, "tebakan-salah").status_code for _ in range(times)]


def _reset_link():
    """The path of the newest reset link in the outbox."""
    link = re.findall(r"https?://localhost(/akun/sandi/atur/\S+/)", mail.outbox[-1].body)[-1]
    return link


def _use_link(client, path, password=NEW_PASSWORD):
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "new_password1" in form_page.content.decode()
    return client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def _logged_in(client):
    return "_auth_user_id" in client.session


class TestAtTheVenue:
    def test_an_attacker_locks_only_their_pair_of_address_and_identifier(self, owner):
        assert _attack_from(VENUE, 6)[-1] == 429
        # The owner at home, and the owner's email at the venue, are not locked.
        assert _login(Client(REMOTE_ADDR="10.99.0.1")).status_code == 302
        assert _login(Client(REMOTE_ADDR=VENUE), EMAIL).status_code == 302

    def test_the_owner_on_the_same_address_gets_in_with_a_link_sent_before(self, owner):
        phone = Client(REMOTE_ADDR=VENUE)
        phone.post("/akun/sandi/lupa/", {"email": EMAIL})
        link = _reset_link()
        assert _attack_from(VENUE, 6)[-1] == 429
        assert _login(phone).status_code == 429

        page = _use_link(phone, link)

        assert page.status_code == 200 and _logged_in(phone)
        assert "Anda sudah masuk" in page.content.decode()
        # After the reset, the same address logs in with the new password: the lockout of
        # every identifier of the account was cleared.
        again = Client(REMOTE_ADDR=VENUE)
        assert _login(again, NIP, NEW_PASSWORD).status_code == 302

    def test_a_link_sent_while_locked_out_works_too(self, owner):
        assert _attack_from(VENUE, 6)[-1] == 429
        phone = Client(REMOTE_ADDR=VENUE)
        phone.post("/akun/sandi/lupa/", {"email": EMAIL})
        assert _use_link(phone, _reset_link()).status_code == 200 and _logged_in(phone)


class TestManyAddresses:
    def test_together_they_reach_the_per_identifier_ceiling(self, owner):
        # Five from one address lock only that pair (AXES_FAILURE_LIMIT)...
        assert _attack_from("10.1.0.0", 5) == [200] * 4 + [429]
        assert _login(Client(REMOTE_ADDR="10.1.0.1"), NIP, "tebakan-salah").status_code == 200
        # ...the twelfth failure from all addresses together locks the NIP everywhere.
        answers = [_attack_from(f"10.1.0.{n}", 1)[0] for n in range(2, 8)]
        assert answers == [200] * 5 + [429]
        assert _login(Client(REMOTE_ADDR="10.1.1.1")).status_code == 429
        # The owner's other identifiers stay open.
        assert _login(Client(REMOTE_ADDR="10.1.1.1"), EMAIL).status_code == 302

    def test_an_unknown_identifier_reaches_the_same_ceiling(self, owner):
        stranger = "199001012015011002"
        answers = [_attack_from(f"10.2.0.{n}", 1, stranger)[0] for n in range(13)]
        assert answers == [200] * 11 + [429, 429]

    def test_a_reset_link_opens_the_account_again_for_every_address(self, owner):
        Client(REMOTE_ADDR="10.3.0.1").post("/akun/sandi/lupa/", {"email": EMAIL})
        link = _reset_link()
        for n in range(12):
            _attack_from(f"10.1.0.{n}", 1)
        assert _login(Client(REMOTE_ADDR="10.3.0.1")).status_code == 429

        phone = Client(REMOTE_ADDR="10.3.0.1")
        assert _use_link(phone, link).status_code == 200 and _logged_in(phone)
        assert _login(Client(REMOTE_ADDR="10.4.0.1"), NIP, NEW_PASSWORD).status_code == 302


class TestResetRequestsCannotBeUsedUp:
    def test_requests_beyond_every_ceiling_never_retire_a_link_already_sent(self, owner):
        Client(REMOTE_ADDR=VENUE).post("/akun/sandi/lupa/", {"email": EMAIL})
        first_link = _reset_link()
        answers = [
            Client(REMOTE_ADDR=f"10.5.0.{n % 4}").post("/akun/sandi/lupa/", {"email": EMAIL})
            for n in range(20)
        ]
        assert {answer.status_code for answer in answers} == {302, 429}
        phone = Client(REMOTE_ADDR=VENUE)
        assert _use_link(phone, first_link).status_code == 200 and _logged_in(phone)

    def test_an_attacker_at_the_venue_still_sends_the_owner_working_links(self, owner):
        """Per (email, address), the attacker's requests use up the venue's share, but every
        one of them that went out is a link in the owner's inbox."""
        attacker = Client(REMOTE_ADDR=VENUE)
        codes = [attacker.post("/akun/sandi/lupa/", {"email": EMAIL}).status_code for _ in range(5)]
        assert codes == [302, 302, 302, 429, 429]
        assert len(mail.outbox) == 3
        phone = Client(REMOTE_ADDR=VENUE)
        assert phone.post("/akun/sandi/lupa/", {"email": EMAIL}).status_code == 429
        assert _use_link(phone, _reset_link()).status_code == 200 and _logged_in(phone)
