"""Rotating check-in tokens for the projector's QR code, and the short code printed under it.

Time is cut into windows of ROTATION_SECONDS. The token for a window is signed with the project's
SECRET_KEY and names the session and the window; it is accepted during its own window and the
next one, so a phone that scanned just before the QR changed still gets in. A token for another
session, an older window or with a bad signature is refused. The short code is derived from the
same secret, window and session, so people who cannot scan can type six characters instead.
"""

import hmac
import time
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

from content.base.errors import NotAllowed

ROTATION_SECONDS = 45
# Current window and the one before it: a token lives between 45 and 90 seconds.
ACCEPTED_WINDOWS = 2
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread
CODE_LENGTH = 6
_SALT = "lentera.checkin"


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


def make_token(session_id, window):
    return signing.dumps([session_id, window.number], salt=_SALT, compress=True)


def check_token(token, session_id, now=None):
    """The window of a token for `session_id` from the current or previous window; anything
    else raises InvalidToken."""
    try:
        token_session, number = signing.loads(token, salt=_SALT)
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise InvalidToken(FORGED) from error
    if token_session != session_id:
        raise InvalidToken(FORGED)
    current = Window.at(now).number
    if not current - ACCEPTED_WINDOWS < number <= current:
        raise InvalidToken(EXPIRED)
    return Window(number)


def make_code(session_id, window):
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{_SALT}:{session_id}:{window.number}".encode(), "sha256"
    ).digest()
    return "".join(CODE_ALPHABET[byte % len(CODE_ALPHABET)] for byte in digest[:CODE_LENGTH])


def check_code(code, session_id, now=None):
    """The window whose code was typed, the current or the previous one; case and spaces do
    not matter. Anything else raises InvalidToken."""
    typed = "".join(unicodedata.normalize("NFKC", code or "").split()).upper()
    if not (typed.isascii() and len(typed) == CODE_LENGTH):
        raise InvalidToken(WRONG_CODE)
    current = Window.at(now).number
    for number in range(current, current - ACCEPTED_WINDOWS, -1):
        if hmac.compare_digest(typed, make_code(session_id, Window(number))):
            return Window(number)
    raise InvalidToken(WRONG_CODE)
