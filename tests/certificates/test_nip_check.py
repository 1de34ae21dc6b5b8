"""The verification page shows no digit of the holder's NIP. A verifier holding the paper types
the NIP printed on it ("Cocokkan NIP") and is told whether it matches; checks are limited per
certificate and per client address, and once a limit is reached the answer is the same
whatever was typed."""

import re

import pytest
from django.urls import reverse

from content.certificates import views
from content.certificates.services import certificate_issue
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

NIP = "198703152010011002"
FULLWIDTH_NIP = NIP.translate({ord(digit): ord(digit) + 0xFEE0 for digit in "0123456789"})
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def session(sessions):
    session = HeldSessionPageFactory(parent=sessions, title="Netralitas ASN", training_hours=6)
    issues_for(session)
    return session


def _certificate(session, **person):
    holder = ParticipantFactory(**person) if "participant_group" not in person else ptt()
    mark_attendance(session, holder)
    return certificate_issue(participant=holder, session=session)[0]


@pytest.fixture
def certificate(session):
    return _certificate(session, full_name="Rina Wulandari", nip=NIP)


def _check(client, certificate, typed, address="10.0.0.1"):
    return client.post(
        reverse("certificates:verify_nip", args=[certificate.code]),
        {"nip": typed},
        REMOTE_ADDR=address,
    )


def _html(response):
    # The CSRF token is random letters and digits: it could hold a run of digits by chance.
    return CSRF.sub("", response.content.decode())


def _nip_pieces(nip):
    """Every run of four digits of the NIP, and its birth date and appointment month."""
    return {nip[i : i + 4] for i in range(len(nip) - 3)} | {nip[:8], nip[8:14]}


def _digits_shown(html, nip):
    return sorted(piece for piece in _nip_pieces(nip) if piece in html)


class TestThePageShowsNoDigitOfTheNip:
    def test_the_code_page_names_the_holder_and_says_a_nip_is_recorded(self, client, certificate):
        response = client.get(reverse("certificates:verify_code", args=[certificate.code]))
        html = _html(response)
        assert response.status_code == 200 and "Rina Wulandari" in html
        assert "Cocokkan NIP" in html and "tidak ditampilkan" in html
        assert _digits_shown(html, NIP) == []

    @pytest.mark.parametrize("typed", [NIP, "199001012015031001", "123456789"])
    def test_no_answer_repeats_any_digit_of_it(self, client, certificate, typed):
        html = _html(_check(client, certificate, typed))
        assert _digits_shown(html, NIP) == []
        assert typed not in html  # what was typed is not echoed either

    def test_a_certificate_without_a_nip_offers_no_check(self, client, session):
        certificate = _certificate(session, participant_group="ptt")
        html = _html(client.get(reverse("certificates:verify_code", args=[certificate.code])))
        assert "Cocokkan NIP" not in html and "<dt>NIP</dt>" not in html
        response = _check(client, certificate, NIP)
        assert response.status_code == 200 and "cocok</strong>" not in _html(response)


class TestCocokkanNip:
    @pytest.mark.parametrize(
        "typed",
        [NIP, "19870315 201001 1 002", "19870315.201001.1.002", FULLWIDTH_NIP],
    )
    def test_the_nip_on_the_paper_matches_however_it_is_typed(self, client, certificate, typed):
        response = _check(client, certificate, typed)
        assert response.status_code == 200
        assert "<strong>cocok</strong>" in _html(response)

    def test_another_nip_does_not_match(self, client, certificate):
        response = _check(client, certificate, "198703152010011003")
        assert response.status_code == 200
        html = _html(response)
        assert "<strong>tidak cocok</strong>" in html and "<strong>cocok</strong>" not in html

    @pytest.mark.parametrize("typed", ["", "1987", "19870315201001100A", "x" * 41])
    def test_what_cannot_be_a_nip_gets_a_message_and_costs_no_check(
        self, client, certificate, monkeypatch, typed
    ):
        monkeypatch.setattr(views, "NIP_CHECKS_PER_CERTIFICATE", 1)
        for _ in range(3):
            response = _check(client, certificate, typed)
            assert response.status_code == 200
            assert "cocok</strong>" not in _html(response)
        assert 'alert--error" role="alert"' in _html(response)
        assert "<strong>cocok</strong>" in _html(_check(client, certificate, NIP))

    def test_an_unknown_code_is_not_found(self, client):
        response = client.post(reverse("certificates:verify_nip", args=["0" * 32]), {"nip": NIP})
        assert response.status_code == 404 and "cocok</strong>" not in _html(response)

    def test_it_answers_only_post(self, client, certificate):
        url = reverse("certificates:verify_nip", args=[certificate.code])
        assert client.get(url, {"nip": NIP}).status_code == 405


class TestGuessingIsLimited:
    def test_a_certificate_takes_a_days_share_of_checks_from_all_addresses_together(
        self, client, certificate, session
    ):
        limit = views.NIP_CHECKS_PER_CERTIFICATE
        for attempt in range(limit):
            wrong = f"1987031520100110{attempt + 10:02d}"
            response = _check(client, certificate, wrong, address=f"10.1.0.{attempt}")
            assert "<strong>tidak cocok</strong>" in _html(response)
        # The next guess, even the right one and from a new address, learns nothing.
        right = _check(client, certificate, NIP, address="10.2.0.1")
        wrong = _check(client, certificate, "198703152010011099", address="10.2.0.2")
        assert right.status_code == wrong.status_code == 429
        assert _html(right) == _html(wrong)
        assert "terlalu banyak percobaan" in _html(right) and "cocok</strong>" not in _html(right)
        # Another certificate is checked as usual from the same address.
        other = _certificate(session, nip="199001012015031001")
        assert "<strong>cocok</strong>" in _html(
            _check(client, other, "199001012015031001", address="10.2.0.1")
        )

    def test_an_address_takes_its_share_across_certificates(self, client, session, monkeypatch):
        monkeypatch.setattr(views, "NIP_CHECKS_PER_ADDRESS", 3)
        certificates = [_certificate(session) for _ in range(4)]
        answers = [
            _check(client, certificate, certificate.holder_nip).status_code
            for certificate in certificates
        ]
        assert answers == [200, 200, 200, 429]
        right = _check(client, certificates[3], certificates[3].holder_nip)
        wrong = _check(client, certificates[3], "199001012015031001")
        assert _html(right) == _html(wrong)
        elsewhere = _check(client, certificates[3], certificates[3].holder_nip, "10.9.9.9")
        assert "<strong>cocok</strong>" in _html(elsewhere)
