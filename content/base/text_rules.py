"""What counts as written text: one rule for every free-text field and every reason or note a
service takes.

A reason made only of invisible characters (a zero-width space, a Hangul filler) once passed as
an organizer's reason to set the check-in rules aside: it was not empty, so the rules were
skipped, and the record showed nothing. Text counts when it has at least one character a reader
can see: a letter, a digit, punctuation or a symbol. Format characters (zero-width spaces and
joiners, the byte-order mark, bidirectional marks), separators (spaces, line and paragraph
separators), control characters, combining marks on their own, and the letters that are drawn
as blanks (Hangul fillers, the braille blank, the Mongolian vowel separator, Khmer inherent
vowels) do not.

`install()` (called once from BaseConfig.ready) puts the rule on every Django form CharField:
a value that is not empty must have visible text, so a required field can never be satisfied by
invisible characters, and an optional one holds either nothing or something readable. Password
fields are left alone: a password is a secret, never shown. Services that take a reason or a
note check it again with `visible_reason`, so no path around the forms (the API, the shell, a
script) skips the rule.
"""

import unicodedata

from django import forms
from django.core.exceptions import ValidationError

from content.base.errors import NotAllowed

INVISIBLE_TEXT = "Isian harus berisi huruf atau angka yang terlihat."

# Letters, digits, punctuation and symbols are visible; these few are classified so, yet draw
# nothing (most are Unicode's Default_Ignorable_Code_Point letters).
BLANK_CHARACTERS = frozenset(
    {
        "\u115f",  # HANGUL CHOSEONG FILLER
        "\u1160",  # HANGUL JUNGSEONG FILLER
        "\u17b4",  # KHMER VOWEL INHERENT AQ
        "\u17b5",  # KHMER VOWEL INHERENT AA
        "\u180e",  # MONGOLIAN VOWEL SEPARATOR
        "\u2800",  # BRAILLE PATTERN BLANK
        "\u3164",  # HANGUL FILLER
        "\uffa0",  # HALFWIDTH HANGUL FILLER
        "\U0001d159",  # MUSICAL SYMBOL NULL NOTEHEAD
    }
)
VISIBLE_CATEGORIES = ("L", "N", "P", "S")


def is_visible(char):
    return char not in BLANK_CHARACTERS and unicodedata.category(char).startswith(
        VISIBLE_CATEGORIES
    )


def has_visible_text(value):
    """Whether `value` has at least one character a reader can see."""
    return isinstance(value, str) and any(is_visible(char) for char in value)


def visible_reason(value, *, required=True, message=INVISIBLE_TEXT):
    """A reason or note as a service keeps it: stripped, and with visible text. NotAllowed
    (`message`) when it has none; with `required=False` an empty value is allowed and returns
    "", but one of only invisible characters is still refused, never read as empty or as
    given."""
    value = (value or "").strip()
    if not value and not required:
        return ""
    if not has_visible_text(value):
        raise NotAllowed(message)
    return value


def _validate(self, value):
    forms.Field.validate(self, value)
    # An optional field may be left empty (spaces only are empty); whatever is given is judged.
    given = isinstance(value, str) and (value.strip() if not self.required else value)
    if given and self._checks_visible_text and not has_visible_text(value):
        raise ValidationError(INVISIBLE_TEXT, code="invisible")


def _checks_visible_text(field):
    return not isinstance(field.widget, forms.PasswordInput)


def install():
    """Every form CharField (and its subclasses: email, slug, URL, regex fields, the admin's
    model form fields and block fields) refuses a value without visible text."""
    if getattr(forms.CharField, "_visible_text_rule", False):
        return
    forms.CharField.validate = _validate
    forms.CharField._checks_visible_text = property(_checks_visible_text)
    forms.CharField._visible_text_rule = True
