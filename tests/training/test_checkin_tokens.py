import pytest
from django.core import signing

from content.training.checkin_tokens import (
    ROTATION_SECONDS,
    InvalidToken,
    Window,
    check_code,
    check_token,
    make_code,
    make_token,
)

NOW = 1_800_000_000.0


def _token(session_id=7, seconds_ago=0):
    return make_token(session_id, Window.at(NOW - seconds_ago))


class TestCheckInToken:
    def test_a_fresh_token_is_accepted(self):
        assert check_token(_token(), 7, now=NOW) == Window.at(NOW)

    def test_a_token_from_the_previous_window_is_still_accepted(self):
        previous = Window.at(NOW - ROTATION_SECONDS)
        assert check_token(_token(seconds_ago=ROTATION_SECONDS), 7, now=NOW) == previous
        assert previous.number == Window.at(NOW).number - 1

    def test_an_older_token_has_expired(self):
        with pytest.raises(InvalidToken, match="kedaluwarsa"):
            check_token(_token(seconds_ago=2 * ROTATION_SECONDS), 7, now=NOW)

    def test_a_token_from_the_future_is_refused(self):
        with pytest.raises(InvalidToken):
            check_token(_token(seconds_ago=-2 * ROTATION_SECONDS), 7, now=NOW)

    def test_a_token_for_another_session_is_refused(self):
        with pytest.raises(InvalidToken, match="tidak sah"):
            check_token(_token(session_id=8), 7, now=NOW)

    @pytest.mark.parametrize(
        "token",
        [
            "",
            "bukan-token",
            signing.dumps([7, Window.at(NOW).number], salt="another-salt"),
            signing.dumps([7, Window.at(NOW).number], salt="lentera.checkin", key="x" * 50),
        ],
    )
    def test_forged_tokens_are_refused(self, token):
        with pytest.raises(InvalidToken, match="tidak sah"):
            check_token(token, 7, now=NOW)


class TestShortCode:
    def test_code_is_six_unambiguous_characters(self):
        code = make_code(7, Window.at(NOW))
        assert len(code) == 6
        assert not set(code) & set("01OI")

    def test_typed_code_is_accepted_in_any_case_with_spaces(self):
        code = make_code(7, Window.at(NOW))
        assert check_code(f" {code[:3].lower()} {code[3:]} ", 7, now=NOW) == Window.at(NOW)

    def test_the_previous_windows_code_is_still_accepted(self):
        previous = Window.at(NOW - ROTATION_SECONDS)
        assert check_code(make_code(7, previous), 7, now=NOW) == previous

    def test_code_differs_per_session_and_window(self):
        window = Window.at(NOW)
        assert make_code(7, window) != make_code(8, window)
        assert make_code(7, window) != make_code(7, Window(window.number + 1))

    def test_an_old_or_wrong_code_is_refused(self):
        old = make_code(7, Window.at(NOW - 3 * ROTATION_SECONDS))
        with pytest.raises(InvalidToken):
            check_code(old, 7, now=NOW)
        with pytest.raises(InvalidToken):
            check_code("ZZZZZZ", 7, now=NOW)
