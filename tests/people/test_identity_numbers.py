"""NIP (civil servant number) and NIK (population number) rules, written before the code."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from content.people.identity import Gender, parse_nik, parse_nip

TODAY = datetime.date(2026, 11, 26)
UNKNOWN_REGION = "Kode wilayah NIK (6 digit pertama) tidak dikenal. Periksa kembali NIK Anda."


def _messages(excinfo):
    return excinfo.value.messages


class TestParseNipForPns:
    def test_valid_nip_gives_birth_date_appointment_and_gender(self):
        nip = parse_nip("198501012010011001", pppk=False, today=TODAY)
        assert nip.number == "198501012010011001"
        assert nip.birth_date == datetime.date(1985, 1, 1)
        assert nip.appointment == datetime.date(2010, 1, 1)
        assert nip.gender == Gender.MALE
        assert nip.sequence == "001"

    def test_women_have_gender_digit_two(self):
        assert parse_nip("199003152015032004", pppk=False, today=TODAY).gender == Gender.FEMALE

    @pytest.mark.parametrize(
        "typed", ["19850101 201001 1 001", "19850101.201001.1.001", " 198501012010011001 "]
    )
    def test_spaces_and_dots_typed_by_people_are_stripped(self, typed):
        assert parse_nip(typed, pppk=False, today=TODAY).number == "198501012010011001"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("", "NIP harus terdiri dari 18 digit angka."),
            ("19850101201001100", "NIP harus terdiri dari 18 digit angka."),
            ("1985010120100110011", "NIP harus terdiri dari 18 digit angka."),
            ("19850101201001100A", "NIP harus terdiri dari 18 digit angka."),
            ("198502302010011001", "Tanggal lahir pada NIP tidak valid."),
            ("198513012010011001", "Tanggal lahir pada NIP tidak valid."),
            ("203001012010011001", "Tanggal lahir pada NIP tidak valid."),
            ("198501012010131001", "Bulan pengangkatan (TMT) pada NIP tidak valid."),
            ("198501012010001001", "Bulan pengangkatan (TMT) pada NIP tidak valid."),
            ("198501012001121001", "TMT pada NIP lebih awal dari usia 17 tahun."),
            ("198501012027011001", "TMT pada NIP belum terjadi (di masa depan)."),
            ("198501012010013001", "Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2."),
            ("198501012010010001", "Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2."),
            ("198501012010011000", "Nomor urut pada NIP (3 digit terakhir) tidak boleh 000."),
        ],
    )
    def test_each_rule_has_its_own_indonesian_message(self, value, message):
        with pytest.raises(ValidationError) as excinfo:
            parse_nip(value, pppk=False, today=TODAY)
        assert _messages(excinfo) == [message]

    # By month, not by day: TMT is a month, so someone born late in June may be appointed in
    # the June of their 17th birthday. A birthday on the 1st cannot tell the two apart.
    @pytest.mark.parametrize("day", ["01", "15", "30"])
    def test_appointment_in_the_month_of_the_17th_birthday_is_accepted(self, day):
        nip = parse_nip(f"198506{day}2002061001", pppk=False, today=TODAY)
        assert nip.appointment == datetime.date(2002, 6, 1)

    @pytest.mark.parametrize("day", ["01", "15", "30"])
    def test_appointment_the_month_before_the_17th_birthday_is_refused(self, day):
        with pytest.raises(ValidationError) as excinfo:
            parse_nip(f"198506{day}2002051001", pppk=False, today=TODAY)
        assert _messages(excinfo) == ["TMT pada NIP lebih awal dari usia 17 tahun."]

    def test_appointment_this_month_is_accepted(self):
        assert parse_nip("199001012026111001", pppk=False, today=TODAY)

    def test_several_problems_are_all_reported(self):
        with pytest.raises(ValidationError) as excinfo:
            parse_nip("198502302010013000", pppk=False, today=TODAY)
        assert _messages(excinfo) == [
            "Tanggal lahir pada NIP tidak valid.",
            "Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2.",
            "Nomor urut pada NIP (3 digit terakhir) tidak boleh 000.",
        ]


class TestParseNipForPppk:
    def test_digits_nine_to_fourteen_are_not_a_month(self):
        nip = parse_nip("198501012021212001", pppk=True, today=TODAY)
        assert nip.appointment is None
        assert nip.gender == Gender.FEMALE

    def test_the_same_number_is_refused_for_a_pns(self):
        with pytest.raises(ValidationError) as excinfo:
            parse_nip("198501012021212001", pppk=False, today=TODAY)
        assert _messages(excinfo) == ["Bulan pengangkatan (TMT) pada NIP tidak valid."]

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("198502302021211001", "Tanggal lahir pada NIP tidak valid."),
            ("198501012021213001", "Kode jenis kelamin pada NIP (digit ke-15) harus 1 atau 2."),
            ("198501012021211000", "Nomor urut pada NIP (3 digit terakhir) tidak boleh 000."),
        ],
    )
    def test_birth_date_gender_and_sequence_are_still_checked(self, value, message):
        with pytest.raises(ValidationError) as excinfo:
            parse_nip(value, pppk=True, today=TODAY)
        assert _messages(excinfo) == [message]


class TestParseNik:
    def test_valid_nik_of_a_man(self):
        nik = parse_nik("3471011201900003", today=TODAY)
        assert nik.number == "3471011201900003"
        assert nik.birth_date == datetime.date(1990, 1, 12)
        assert nik.gender == Gender.MALE
        assert nik.region_code == "347101"

    def test_women_have_forty_added_to_the_day(self):
        nik = parse_nik("3471015201900003", today=TODAY)
        assert nik.birth_date == datetime.date(1990, 1, 12)
        assert nik.gender == Gender.FEMALE

    def test_two_digit_years_after_this_year_belong_to_the_last_century(self):
        assert parse_nik("3471011201270003", today=TODAY).birth_date.year == 1927
        assert parse_nik("3471011201050003", today=TODAY).birth_date.year == 2005

    def test_a_day_still_to_come_this_year_belongs_to_the_last_century(self):
        # Today is 6 December 2026: 7 December '26 is 1926, 6 December '26 is today.
        today = datetime.date(2026, 12, 6)
        woman_born_1926 = parse_nik("3471014712260003", today=today)
        assert woman_born_1926.birth_date == datetime.date(1926, 12, 7)
        assert woman_born_1926.gender == Gender.FEMALE
        assert parse_nik("3471013112260003", today=today).birth_date == datetime.date(1926, 12, 31)
        assert parse_nik("3471010612260003", today=today).birth_date == datetime.date(2026, 12, 6)

    def test_a_date_no_century_has_is_still_refused(self):
        # 29 February: 1900 was not a leap year, 2000 was; '01 has none in either century.
        assert parse_nik("3471012902000003", today=TODAY).birth_date == datetime.date(2000, 2, 29)
        with pytest.raises(ValidationError):
            parse_nik("3471012902010003", today=TODAY)

    def test_spaces_and_dots_are_stripped(self):
        assert parse_nik("3471 0112 0190 0003", today=TODAY).number == "3471011201900003"

    @pytest.mark.parametrize(
        ("value", "message"),
        [
            ("347101120190000", "NIK harus terdiri dari 16 digit angka."),
            ("34710112019000031", "NIK harus terdiri dari 16 digit angka."),
            ("3471013201900003", "Tanggal lahir pada NIK tidak valid."),
            ("3471017201900003", "Tanggal lahir pada NIK tidak valid."),
            ("3471011213900003", "Tanggal lahir pada NIK tidak valid."),
            ("0000001201900003", UNKNOWN_REGION),
            ("3471001201900003", UNKNOWN_REGION),
            ("1199011201900003", UNKNOWN_REGION),
            ("3471011201900000", "Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000."),
        ],
    )
    def test_each_rule_has_its_own_indonesian_message(self, value, message):
        with pytest.raises(ValidationError) as excinfo:
            parse_nik(value, today=TODAY)
        assert _messages(excinfo) == [message]

    @pytest.mark.parametrize(
        "value",
        [
            "6501011201900003",  # Tanjung Palas, Kab. Bulungan, Kalimantan Utara (since 2012)
            "9301015201900003",  # Merauke, Papua Selatan (since 2022)
            "9101015201900003",  # Merauke's code before 2022: a NIK keeps it for life
            "3207201201900003",  # a district Kab. Ciamis gave to Kab. Pangandaran in 2012
        ],
    )
    def test_real_regions_new_and_retired_are_accepted(self, value):
        assert parse_nik(value, today=TODAY).region_code == value[0:6]

    def test_a_region_the_registry_lacks_passes_when_the_registry_is_not_asked(self):
        # For the NIK an account already has (User.clean); the other rules still apply.
        assert parse_nik("1199011201900003", today=TODAY, check_region=False)
        with pytest.raises(ValidationError) as excinfo:
            parse_nik("1100011201900003", today=TODAY, check_region=False)
        assert _messages(excinfo) == [UNKNOWN_REGION]
