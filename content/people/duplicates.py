"""Telling when two accounts are probably one person, for the organizers' duplicates screen.

The same NIP, NIK or email cannot be on two accounts (unique constraints), so duplicates differ
in those. The rules, each a reason shown next to the pair:

- NAME_AND_BIRTH: the same normalised name and the same birth date, as the identity numbers
  encode it (NIP digits 1-8 YYYYMMDD; NIK digits 7-12 DDMMYY, day + 40 for women).
  The strongest: a PTT who registered again with a new NIP looks like this.
- NAME_AND_AGENCY: the same normalised name in the same OPD.
- SAME_MAILBOX: two spellings of one mailbox (identity.canonical_email), which only accounts
  stored before addresses were parsed by email-validator can have ("ptt"@x and ptt@x).
- EMAIL_LOCAL_PART: email addresses that differ only in the domain (dots and a +tag of the
  local part ignored), for local parts of at least EMAIL_MIN_LOCAL characters: "siti.aminah@
  gmail.com" and "sitiaminah@kominfo.go.id".

A normalised name is lower case without accents, academic and religious titles ("Dr.", "Hj.",
anything after the first comma: ", S.Kom., M.Si.") or punctuation. Only active participants
are compared: a merged account is inactive and drops out. A key shared by more than
MAX_SHARING accounts is not a sign of anything and is skipped.
"""

import datetime
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone

from content.base.input_rules import ascii_digits
from content.people.identity import canonical_email, nik_birth_date, normalize_number

NAME_AND_BIRTH = "Nama dan tanggal lahir (dari NIP/NIK) sama"
NAME_AND_AGENCY = "Nama dan OPD sama"
SAME_MAILBOX = "Email sama, ditulis berbeda"
EMAIL_LOCAL_PART = "Email sama kecuali domainnya"
EMAIL_MIN_LOCAL = 6
# More accounts than this sharing one key (a very common name in a large agency) say little
# about any two of them, and would list hundreds of pairs: such keys are left out.
MAX_SHARING = 6
_PREFIX_TITLES = {"dr", "dra", "drs", "ir", "h", "hj", "hc", "prof", "kh", "ns", "apt", "st"}
_NOT_LETTERS = re.compile(r"[^a-z ]+")


def normalised_name(name):
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    text = text.split(",", 1)[0]
    words = [word.strip(".") for word in text.replace(".", ". ").split()]
    words = [word for word in words if word and word not in _PREFIX_TITLES]
    return " ".join(_NOT_LETTERS.sub("", " ".join(words)).split())


def _date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def birth_date(*, nip, nik, today=None):
    """The birth date the person's NIP (else NIK) encodes, or None. Only the date is read: the
    numbers were checked when stored, and a NIK stored before a newer rule still counts."""
    nip, nik = normalize_number(nip), normalize_number(nik)
    if ascii_digits(nip, 18):
        return _date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    if ascii_digits(nik, 16):
        today = today or timezone.localdate()
        day, month, year = int(nik[6:8]), int(nik[8:10]), int(nik[10:12])
        # As identity.parse_nik reads it: a day still to come this century is last century's.
        return nik_birth_date(year, month, day - 40 if day > 40 else day, today)
    return None


def email_local_part(email):
    local, _, domain = (email or "").partition("@")
    local = local.split("+", 1)[0].replace(".", "")
    return local if len(local) >= EMAIL_MIN_LOCAL and domain else ""


@dataclass
class DuplicatePair:
    first: object
    second: object
    reasons: list = field(default_factory=list)


def find_duplicates(people):
    """[DuplicatePair] among `people` (objects with pk, full_name, nip, nik, email,
    agency_id), strongest first."""
    keys = {}
    for person in people:
        name = normalised_name(person.full_name)
        born = birth_date(nip=person.nip, nik=person.nik)
        local = email_local_part(person.email)
        if name and born:
            keys.setdefault((NAME_AND_BIRTH, name, born), []).append(person)
        if name and person.agency_id:
            keys.setdefault((NAME_AND_AGENCY, name, person.agency_id), []).append(person)
        if local:
            keys.setdefault((EMAIL_LOCAL_PART, local), []).append(person)
        if person.email and '"' in person.email:
            # Stored addresses are lower-case ASCII (a constraint): only a quoted local part
            # can be another spelling of a stored mailbox. Parsing every address would cost
            # the screen a parse per participant.
            keys.setdefault((SAME_MAILBOX, canonical_email(person.email)), []).append(person)
        elif person.email:
            keys.setdefault((SAME_MAILBOX, person.email), []).append(person)
    pairs = {}
    for key, group in keys.items():
        if len(group) > MAX_SHARING:
            continue
        for index, first in enumerate(group):
            for second in group[index + 1 :]:
                a, b = sorted((first, second), key=lambda p: p.pk)
                pair = pairs.setdefault((a.pk, b.pk), DuplicatePair(a, b))
                pair.reasons.append(key[0])
    order = [SAME_MAILBOX, NAME_AND_BIRTH, NAME_AND_AGENCY, EMAIL_LOCAL_PART]
    for pair in pairs.values():
        pair.reasons.sort(key=order.index)

    def strength(pair):
        return -len(pair.reasons), order.index(pair.reasons[0]), pair.first.full_name

    return sorted(pairs.values(), key=strength)
