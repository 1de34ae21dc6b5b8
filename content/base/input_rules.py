"""What the site accepts from a person's input, wherever it arrives: the characters no field may
hold, and the one way a number is read from text someone typed or posted.

Control characters: NUL cannot be stored in a PostgreSQL text column at all (the database
refuses the query, which would be a 500), and the others (C0 but tab, newline and carriage
return; DEL; C1) and lone surrogates are never typed by a person, only by a tool probing the
site. They are refused, with one message, before any field is cleaned (content/base/forms_guard.py
for every Django form, content/base/request_json.py for JSON bodies).

Numbers: Python's int() reads every Unicode decimal digit ("٣" is 3, and "²".isdigit() is true
though int("²") fails), and float() reads "inf" and "1e999". A number someone typed or posted is
read with ascii_int: ASCII digits only, within the bounds the caller gives, else None.
"""

import re

INVALID_CHARACTERS_MESSAGE = "Isian berisi karakter yang tidak diizinkan."

# C0 controls but \t \n \r, DEL, C1 controls, and surrogates (only a lone one can reach a str).
FORBIDDEN_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# The longest run of digits worth reading as a number: more than any id, position or year.
MAX_DIGITS = 15
_ASCII_DIGITS = re.compile(f"[0-9]{{1,{MAX_DIGITS}}}")


def has_forbidden_characters(value):
    """Whether a posted value holds a character no field accepts: in a string, or anywhere in a
    list, tuple or dict (keys too) of them. Other values (files, parsed objects) pass."""
    if isinstance(value, str):
        return FORBIDDEN_CHARACTERS.search(value) is not None
    if isinstance(value, list | tuple):
        return any(has_forbidden_characters(item) for item in value)
    if isinstance(value, dict):
        return any(
            has_forbidden_characters(key) or has_forbidden_characters(item)
            for key, item in value.items()
        )
    return False


def ascii_digits(text, length):
    """Whether `text` is exactly `length` ASCII digits (an identifier such as a NIP)."""
    return isinstance(text, str) and len(text) == length and text.isascii() and text.isdigit()


def ascii_int(text, low, high):
    """The whole number `text` spells in ASCII digits (no sign, no spaces, no Unicode digits),
    if it lies in [low, high]; None otherwise, whatever `text` is."""
    if not isinstance(text, str) or not _ASCII_DIGITS.fullmatch(text):
        return None
    number = int(text)
    return number if low <= number <= high else None
