"""Verification codes: 160 bits from the operating system's random source, written in
Crockford's base32 (no I, L, O or U, so nothing is misread) and printed in groups of four."""

import secrets
import unicodedata

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 32  # 32 symbols × 5 bits = 160 bits
# What people type for what they see.
LOOK_ALIKES = str.maketrans({"I": "1", "L": "1", "O": "0"})


def new_code():
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalize(text):
    """The code as stored, from what someone typed or scanned (any case, spaces, dashes,
    fullwidth characters); "" for anything that cannot be a code."""
    text = unicodedata.normalize("NFKC", text or "").upper().translate(LOOK_ALIKES)
    code = "".join(char for char in text if char not in " -–—_.")
    if len(code) != LENGTH or any(char not in ALPHABET for char in code):
        return ""
    return code


def grouped(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
