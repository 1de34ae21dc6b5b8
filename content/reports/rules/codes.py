"""Tracking codes: 128 random bits shown as readable groups (Crockford's base32, no I/L/O/U).

The code is derived from the form's one-time token with a keyed hash, so a doubled submission
of the same form shows the same code again, and the database stores only the code's digest.
"""

import base64
import hashlib
import hmac
import re
import secrets

from django.conf import settings

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_CROCKFORD = str.maketrans(_STANDARD, _ALPHABET)
# 128 bits in base32 is 26 characters (the last carries 3 bits): groups of 4, 4, ... , 2.
CODE_CHARACTERS = 26
_SHAPE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")
# What people mistype when they copy a code by hand.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_form_token():
    return secrets.token_urlsafe(32)


def code_for_token(form_token):
    key = hmac.new(settings.SECRET_KEY.encode(), b"lentera.reports.code", hashlib.sha256).digest()
    raw = hmac.new(key, form_token.encode(), hashlib.sha256).digest()[:16]
    return base64.b32encode(raw).decode().rstrip("=").translate(_TO_CROCKFORD)


def readable(code):
    return "-".join(code[index : index + 4] for index in range(0, len(code), 4))


def canonical(text):
    """The code as stored, from what someone typed (spaces, dashes, lower case, look-alikes);
    None if it cannot be a code. Every malformed code is then treated as an unknown one."""
    if not isinstance(text, str) or len(text) > 64:
        return None
    cleaned = re.sub(r"[\s\-]", "", text).upper().translate(_READ_AS)
    return cleaned if _SHAPE.match(cleaned) else None


def digest(code):
    return hashlib.sha256(code.encode()).hexdigest()
