"""What an erasure looks for, and what the apps above people erase of a person.

Erasing a participant (services/erasure.py) must reach every copy of their data, not only the
account row: names printed on certificates, labels in the admin's history, refusal lists of
bulk jobs, queued emails. The service first gathers the person's *traces* (every name,
identifier and masked identifier they have been known by), then each app erases its part and
the service scrubs those traces wherever text about them is kept.

Certificates and the like belong to apps this one must not import; each registers a handler
when it is ready (its apps.py), as merges do (merging.py):

    register_erasure_handler("certificates", certificate_holders_erase, traces=holder_traces)

`traces(accounts)` returns (names, other traces): strings the app holds that identify the
person (a name and NIP as printed at issue); `erase(person=...)` erases the app's copies,
inside the service's transaction, with the ErasedPerson below.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.text import slugify

from content.people.identity import IdentifierKind, mask

# What an erased account, and every label that named it, is called from then on.
ERASED_NAME = "Peserta (data dihapus)"
# What replaces a trace found inside a longer text (a reason, a refusal, a history label).
REDACTED = "[dihapus]"
# Shorter strings are too common to be traces: they would blank unrelated text.
MIN_TRACE_LENGTH = 4
MIN_WORD_LENGTH = 3

_HANDLERS: dict[str, tuple[Callable, Callable | None]] = {}


def register_erasure_handler(label, erase, *, traces=None):
    """Register (or replace) an app's part of an erasure; handlers run in registration order."""
    _HANDLERS[label] = (erase, traces)


def erasure_handlers():
    return list(_HANDLERS.items())


def _phone_spellings(phone):
    """An Indonesian number as people write it: 0812..., 62812..., +62812..."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return set()
    local = digits[1:] if digits.startswith("0") else digits.removeprefix("62")
    return {phone, f"0{local}", f"62{local}", f"+62{local}"}


def account_names(user):
    return {user.full_name, user.get_full_name(), str(user)}


def account_traces(user):
    """Everything an account row says that identifies its person, as other rows may repeat it:
    names, identifiers, and the masked forms logs and merge records keep."""
    found = {*account_names(user), user.username, slugify(user.full_name)}
    found |= {user.email, user.nip or "", user.nik or ""}
    found |= _phone_spellings(user.phone)
    found |= identifier_traces(nip=user.nip, nik=user.nik, email=user.email)
    return found


def identifier_traces(*, nip=None, nik=None, email=None):
    """The masked forms of identifiers, as identity-change logs and merge records show them."""
    return {
        mask(IdentifierKind.NIP, nip or ""),
        mask(IdentifierKind.NIK, nik or ""),
        mask(IdentifierKind.EMAIL, email or ""),
    }


def _pattern(strings, *, words):
    strings = sorted({s for s in strings if s}, key=len, reverse=True)
    if not strings:
        return None
    body = "|".join(re.escape(s) for s in strings)
    # Whole words only: a trace inside a longer number or name is another person's.
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if words else body, re.IGNORECASE)


@dataclass(frozen=True)
class ErasedPerson:
    """The accounts being erased (the person's own and every account merged into it) and their
    traces. `traces` are distinctive enough to look for anywhere; `words` (the parts of their
    names) only in text that is known to be about them."""

    accounts: tuple
    traces: tuple
    words: tuple

    @classmethod
    def of(cls, accounts, *, traces, names):
        """`names`: the names the person has been known by. A name of one word ("Sukarno", or
        "Budi" as a slug) is too common to look for outside text about the person: it joins
        the words, not the traces."""
        words, found = set(), set()
        for name in names:
            if name and name != ERASED_NAME:
                words |= {w for w in re.split(r"[\W\d_]+", name) if len(w) >= MIN_WORD_LENGTH}
        for trace in {*traces, *names}:
            trace = (trace or "").strip()
            if len(trace) < MIN_TRACE_LENGTH or trace in (ERASED_NAME, REDACTED):
                continue
            is_identifier = "@" in trace or any(c.isdigit() for c in trace)
            if is_identifier or len([w for w in re.split(r"[\W_]+", trace) if w]) > 1:
                found.add(trace)
            else:
                words.add(trace)
        return cls(
            accounts=tuple(sorted(accounts)),
            traces=tuple(sorted(found, key=len, reverse=True)),
            words=tuple(sorted(words, key=len, reverse=True)),
        )

    def _patterns(self, own):
        patterns = [_pattern(self.traces, words=True)]
        if own:
            patterns.append(_pattern(self.words, words=True))
        return [p for p in patterns if p is not None]

    def scrub(self, value, *, own=False, max_length=None):
        """`value` (text, or JSON-ready lists and dicts of it) with every trace replaced; with
        `own`, for text about this person, the words of their names too."""
        if isinstance(value, str):
            for pattern in self._patterns(own):
                value = pattern.sub(REDACTED, value)
            return value[:max_length] if max_length else value
        if isinstance(value, list):
            return [self.scrub(item, own=own) for item in value]
        if isinstance(value, dict):
            return {key: self.scrub(item, own=own) for key, item in value.items()}
        return value

    def mentioned_in(self, value, *, own=False):
        return self.scrub(value, own=own) != value
