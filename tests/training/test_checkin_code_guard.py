"""Typed check-in codes cannot be guessed (content/training/checkin_limits.py): wrong codes are
counted per account and site-wide, never per address, so thousands typing the right code from
one address (an online session, an office behind one NAT) all get in."""

import pytest

from content.training import checkin_limits, checkin_tokens
from content.training.checkin_tokens import Window
from content.training.models import Attendance
from tests.factories.people import ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = pytest.mark.django_db

ONE_ADDRESS = {"REMOTE_ADDR": "203.0.113.7"}


@pytest.fixture
def session(sessions):
    return session_under_way(sessions)


def _right(session):
    return checkin_tokens.make_code(session.pk, Window.at())


def _wrong(session):
    right = _right(session)
    return ("A" if right[0] != "A" else "B") + right[1:]


def _type(client, person, code):
    client.force_login(person)
    return client.post("/presensi/", {"code": code}, **ONE_ADDRESS)


def test_an_account_that_keeps_guessing_is_refused_even_the_right_code(client, session):
    guesser = ParticipantFactory()
    for _ in range(checkin_limits.WRONG_CODES_PER_ACCOUNT):
        assert _type(client, guesser, _wrong(session)).status_code == 403
    response = _type(client, guesser, _right(session))
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Terlalu banyak kode presensi yang salah" in response.content.decode()
    assert not Attendance.objects.exists()


def test_a_few_typos_do_not_lock_anyone_out(client, session):
    person = ParticipantFactory()
    for _ in range(checkin_limits.WRONG_CODES_PER_ACCOUNT - 1):
        _type(client, person, _wrong(session))
    assert "Presensi tercatat" in _type(client, person, _right(session)).content.decode()


def test_one_address_is_never_refused_as_such(client, session):
    """Someone locked out, then many people from the same address, each after a typo: all in."""
    guesser = ParticipantFactory()
    for _ in range(checkin_limits.WRONG_CODES_PER_ACCOUNT + 2):
        _type(client, guesser, _wrong(session))
    people = [ParticipantFactory() for _ in range(25)]
    for person in people:
        _type(client, person, _wrong(session))
        assert _type(client, person, _right(session)).status_code == 200
    assert Attendance.objects.filter(session=session).count() == len(people)


class TestSiteWideCeiling:
    @pytest.fixture(autouse=True)
    def low_ceiling(self, monkeypatch):
        monkeypatch.setattr(checkin_limits, "WRONG_CODES_SITE", 3)

    def test_once_reached_it_stops_those_who_guessed(self, client, session):
        guessers = [ParticipantFactory() for _ in range(3)]
        for guesser in guessers:
            assert _type(client, guesser, _wrong(session)).status_code == 403
        response = _type(client, guessers[0], _right(session))
        assert response.status_code == 429
        assert not Attendance.objects.exists()

    def test_whoever_types_the_right_code_first_still_gets_in(self, client, session):
        for guesser in [ParticipantFactory() for _ in range(5)]:
            _type(client, guesser, _wrong(session))
        person = ParticipantFactory()
        assert "Presensi tercatat" in _type(client, person, _right(session)).content.decode()


def test_the_counts_start_again_in_the_next_window(client, session, monkeypatch):
    guesser = ParticipantFactory()
    for _ in range(checkin_limits.WRONG_CODES_PER_ACCOUNT):
        _type(client, guesser, _wrong(session))
    assert _type(client, guesser, _right(session)).status_code == 429
    later = checkin_limits.throttle.clock() + checkin_limits.WINDOW_SECONDS
    monkeypatch.setattr(checkin_limits.throttle, "clock", lambda: later)
    assert "Presensi tercatat" in _type(client, guesser, _right(session)).content.decode()
