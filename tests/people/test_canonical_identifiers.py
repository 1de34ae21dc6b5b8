"""Every identifier used for login or uniqueness has one canonical spelling: the same number or
address typed with other characters (fullwidth or Arabic-Indic digits, a dotless ı, capitals)
is the same identifier, or it is refused. Written before the code."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from content.people.identity import (
    IdentifierKind,
    canonical_email,
    canonical_identifier,
    normalize_number,
    parse_nik,
    parse_nip,
)

TODAY = datetime.date(2026, 11, 26)
NIP = "198501012010011001"
NIK = "3471015201900003"
FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
DEVANAGARI = str.maketrans("0123456789", "०१२३४५६७८९")


class TestNumbersInOtherScripts:
    @pytest.mark.parametrize("digits", [FULLWIDTH, ARABIC_INDIC, DEVANAGARI])
    def test_a_nip_in_other_digits_is_the_same_nip(self, digits):
        assert normalize_number(NIP.translate(digits)) == NIP
        assert parse_nip(NIP.translate(digits), pppk=False, today=TODAY).number == NIP

    def test_one_fullwidth_digit_makes_no_new_number(self):
        typed = NIP[:17] + NIP[17].translate(FULLWIDTH)
        assert parse_nip(typed, pppk=False, today=TODAY).number == NIP

    @pytest.mark.parametrize("digits", [FULLWIDTH, ARABIC_INDIC])
    def test_a_nik_in_other_digits_is_the_same_nik(self, digits):
        assert parse_nik(NIK.translate(digits), today=TODAY).number == NIK

    @pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\u2212", "\uff0d"])
    def test_unicode_dashes_and_spaces_are_separators(self, dash):
        assert normalize_number(f"19850101{dash}201001\u00a01{dash}001") == NIP

    @pytest.mark.parametrize("typed", ["19850101 201001 1 00l", "198501012010011OO1", "1985⁰101"])
    def test_letters_that_look_like_digits_are_refused_with_one_message(self, typed):
        with pytest.raises(ValidationError) as excinfo:
            parse_nip(typed, pppk=False, today=TODAY)
        assert excinfo.value.messages == ["NIP harus terdiri dari 18 digit angka."]


class TestEmails:
    def test_capitals_and_fullwidth_letters_are_the_same_address(self):
        assert canonical_email(" Ahmad.Fauzi@Contoh.GO.id ") == "ahmad.fauzi@contoh.go.id"
        assert canonical_email("ａｈｍａｄ@contoh.go.id") == "ahmad@contoh.go.id"

    def test_a_dotless_i_is_not_an_i(self):
        assert canonical_email("ahmad.fauzı@contoh.go.id") != "ahmad.fauzi@contoh.go.id"


class TestIdentifiers:
    @pytest.mark.parametrize(
        ("typed", "kind", "value"),
        [
            (NIP.translate(FULLWIDTH), IdentifierKind.NIP, NIP),
            (" " + NIK.translate(ARABIC_INDIC), IdentifierKind.NIK, NIK),
            ("PTT@Contoh.go.id", IdentifierKind.EMAIL, "ptt@contoh.go.id"),
            ("organizer", IdentifierKind.USERNAME, "organizer"),
        ],
    )
    def test_each_identifier_has_one_spelling(self, typed, kind, value):
        identifier = canonical_identifier(typed)
        assert (identifier.kind, identifier.value) == (kind, value)


ASCII_NIP = re.compile(r"[0-9]{18}", re.ASCII)
ASCII_NIK = re.compile(r"[0-9]{16}", re.ASCII)


class TestAnyText:
    """Whatever is typed, a parser returns a canonical ASCII number or a ValidationError."""

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=40) | st.from_regex(r"\A[\d\s.\-]{16,24}\Z"))
    def test_parse_nip(self, text):
        for pppk in (False, True):
            try:
                nip = parse_nip(text, pppk=pppk, today=TODAY)
            except ValidationError as error:
                assert error.messages
            else:
                assert ASCII_NIP.fullmatch(nip.number)

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=40) | st.from_regex(r"\A[\d\s.\-]{14,20}\Z"))
    def test_parse_nik(self, text):
        try:
            nik = parse_nik(text, today=TODAY)
        except ValidationError as error:
            assert error.messages
        else:
            assert ASCII_NIK.fullmatch(nik.number)

    @settings(max_examples=300, deadline=None)
    @given(st.text(max_size=60))
    def test_canonical_identifier_is_stable(self, text):
        identifier = canonical_identifier(text)
        assert canonical_identifier(identifier.value) == identifier
