"""Rotating check-in tokens for the projector's QR code, and the short code printed under it.

Time is cut into windows of ROTATION_SECONDS. A token names a session and carries a MAC of the
session and the current window, keyed with the project's SECRET_KEY; it is accepted during its
own window and the next one, so a phone that scanned just before the QR changed still gets in.
A token of another session, an older window or with a bad MAC is refused.

Tokens are short and use only QR "alphanumeric" characters (digits, capitals, -), so the whole
check-in URL, written in capitals (HTTPS://HOST/P/2K-7QH4ZP9A/), fits a QR code of version 4
or less: big modules that a phone reads from the back of a hall. The typed code is derived the
same way, from another purpose of the MAC, in six characters that are hard to misread.
"""

import hmac
import re
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings

from content.base.errors import NotAllowed

ROTATION_SECONDS = 45
# Current window and the one before it: a token lives between 45 and 90 seconds.
ACCEPTED_WINDOWS = 2
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 6
TOKEN_MAC_LENGTH = 8
_SALT = "lentera.checkin"
_DIGITS36 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TOKEN = re.compile(rf"([0-9A-Z]{{1,12}})-([A-Z2-9]{{{TOKEN_MAC_LENGTH}}})", re.ASCII)


class InvalidToken(NotAllowed):
    """A QR token or typed code that does not open check-in now."""


WRONG_CODE = "Kode presensi salah atau sudah kedaluwarsa. Ketik kode yang sedang tampil di layar."
EXPIRED = "Kode QR sudah kedaluwarsa. Pindai lagi kode yang sedang tampil di layar."
FORGED = "Kode presensi tidak sah. Pindai kode QR yang tampil di layar ruangan."


@dataclass(frozen=True)
class Window:
    number: int

    @classmethod
    def at(cls, moment=None):
        return cls(int((moment if moment is not None else time.time()) // ROTATION_SECONDS))

    @property
    def ends_at(self):
        return (self.number + 1) * ROTATION_SECONDS


def _mac(purpose, session_id, window, length):
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"{_SALT}:{purpose}:{session_id}:{window.number}".encode(),
        "sha256",
    ).digest()
    return "".join(CODE_ALPHABET[byte % len(CODE_ALPHABET)] for byte in digest[:length])


def _base36(number):
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS36[digit] + text
        if not number:
            return text


def _recent_windows(now):
    current = Window.at(now).number
    return [Window(number) for number in range(current, current - ACCEPTED_WINDOWS, -1)]


def make_token(session_id, window):
    return f"{_base36(session_id)}-{_mac('qr', session_id, window, TOKEN_MAC_LENGTH)}"


def session_of(token):
    """The session a token names, whether or not it is still valid; None if it names none."""
    match = _TOKEN.fullmatch((token or "").upper())
    return int(match.group(1), 36) if match else None


def check_token(token, session_id, now=None):
    """The window of a token for `session_id` from the current or previous window; anything
    else raises InvalidToken."""
    if session_of(token) != session_id:
        raise InvalidToken(FORGED)
    mac = token.upper().rpartition("-")[2]
    for window in _recent_windows(now):
        if hmac.compare_digest(mac, _mac("qr", session_id, window, TOKEN_MAC_LENGTH)):
            return window
    for older in range(ACCEPTED_WINDOWS, ACCEPTED_WINDOWS + 40):
        window = Window(Window.at(now).number - older)
        if hmac.compare_digest(mac, _mac("qr", session_id, window, TOKEN_MAC_LENGTH)):
            raise InvalidToken(EXPIRED)
    raise InvalidToken(FORGED)


def make_code(session_id, window):
    return _mac("code", session_id, window, CODE_LENGTH)


def normalise_code(code):
    """A typed code as it is compared: NFKC, no spaces, capitals; "" if it cannot be one."""
    typed = "".join(unicodedata.normalize("NFKC", code or "").split()).upper()
    return typed if typed.isascii() and len(typed) == CODE_LENGTH else ""


def check_code(code, session_id, now=None):
    """The window whose code was typed, the current or the previous one; case and spaces do
    not matter. Anything else raises InvalidToken."""
    typed = normalise_code(code)
    if typed:
        for window in _recent_windows(now):
            if hmac.compare_digest(typed, make_code(session_id, window)):
                return window
    raise InvalidToken(WRONG_CODE)
