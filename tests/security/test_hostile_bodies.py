"""Bodies no browser of ours sends: JSON numbers out of range, deep nesting, broken encodings,
Unicode digits in posted names. Each is refused with an Indonesian message and changes nothing;
none is a 500 (on SQLite here, on PostgreSQL in CI's second pass)."""

import json

import pytest
from django.urls import reverse

from content.base import request_json
from content.base.input_rules import ascii_int
from content.quizzes.models import Answer, Attempt
from content.stats import headcount_import
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz
from tests.factories.spreadsheets import xlsx_bytes
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

INDONESIAN_REFUSALS = {request_json.UNREADABLE, request_json.TOO_LARGE}


@pytest.fixture
def attempt(client):
    client.force_login(ParticipantFactory())
    quiz = make_quiz(count=2)
    response = client.post(f"/kuis/{quiz.slug}/")
    return Attempt.objects.get(key=response["Location"].split("/")[-2])


def _key(attempt):
    return json.dumps(correct_keys(attempt)[1])


HOSTILE_BODIES = {
    "Infinity": '{"position": Infinity, "options": []}',
    "-Infinity": '{"position": -Infinity, "options": []}',
    "NaN": '{"position": NaN, "options": []}',
    "1e999": '{"position": 1e999, "options": []}',
    "-1e999": '{"position": -1e999, "options": []}',
    "1e308 as a float": '{"position": 1e308, "options": []}',
    "1.0": '{"position": 1.0, "options": []}',
    "10**400": '{"position": ' + str(10**400) + ', "options": []}',
    "10**20": '{"position": ' + str(10**20) + ', "options": []}',
    "a position of 0": '{"position": 0, "options": []}',
    "a negative position": '{"position": -1, "options": []}',
    "5000-deep arrays": '{"position": 1, "options": ' + "[" * 5000 + "]" * 5000 + "}",
    "5000-deep objects": '{"position": 1, "options": []}' + '{"a":' * 5000 + "1" + "}" * 5000,
    "2000-deep arrays, within the size limit": "[" * 2000 + "]" * 2000,
    "deep nesting, unclosed": "[" * 100_000,
    "nesting in a string is no nesting, but a string is no list": (
        '{"position": 1, "options": "' + "[" * 3000 + '"}'
    ),
    "a huge array": '{"position": 1, "options": [' + ",".join(["1"] * 1500) + "]}",
    "a huge object": "{" + ",".join(f'"k{i}": 1' for i in range(600)) + "}",
    "duplicate keys": '{"position": 1, "position": 2, "options": []}',
    "a position as a string": '{"position": "1", "options": []}',
    "a position in Arabic-Indic digits": '{"position": "\\u0661", "options": []}',
    "a position as true": '{"position": true, "options": []}',
    "a position as null": '{"position": null, "options": []}',
    "options as an object": '{"position": 1, "options": {"a": 1}}',
    "options of numbers": '{"position": 1, "options": [1, 2]}',
    "an option with NUL": '{"position": 1, "options": ["a\\u0000b"]}',
    "a key with NUL": '{"position": 1, "options": [], "\\u0000": 1}',
    "an option with a lone surrogate": '{"position": 1, "options": ["\\ud800"]}',
    "a list": "[1, []]",
    "a number": "1",
    "empty": "",
    "whitespace": "   ",
    "trailing garbage": '{"position": 1, "options": []} x',
}
RAW_BODIES = {
    "Latin-1, not UTF-8": '{"position": 1, "options": ["é"]}'.encode("latin-1"),
    "a BOM": b'\xef\xbb\xbf{"position": 1, "options": []}',
    "UTF-16": '{"position": 1, "options": []}'.encode("utf-16"),
    "an invalid UTF-8 byte": b'{"position": 1, "options": ["\xff"]}',
    "an encoded surrogate": b'{"position": 1, "options": ["\xed\xa0\x80"]}',
    "a NUL byte": b'{"position": 1,\x00 "options": []}',
    "more than the limit": b'{"position": 1, "options": ["' + b"a" * 5000 + b'"]}',
}


def _post(client, attempt, body):
    return client.post(
        reverse("quizzes:answer", args=[attempt.key]), data=body, content_type="application/json"
    )


def _nothing_saved(attempt):
    return not Answer.objects.filter(attempt=attempt, answered_at__isnull=False).exists()


class TestTheAnswerEndpoint:
    @pytest.mark.parametrize("name", sorted(HOSTILE_BODIES) + sorted(RAW_BODIES))
    def test_a_hostile_or_non_utf8_body_is_refused_in_indonesian(self, client, attempt, name):
        response = _post(client, attempt, HOSTILE_BODIES.get(name, RAW_BODIES.get(name)))
        assert response.status_code == 400, name
        assert response.json()["error"] in INDONESIAN_REFUSALS
        assert _nothing_saved(attempt)

    def test_the_body_our_page_sends_is_still_saved(self, client, attempt):
        body = '{"position": 1, "options": ' + _key(attempt) + "}"
        response = _post(client, attempt, body)
        assert response.status_code == 200 and response.json()["saved"]
        assert not _nothing_saved(attempt)


class TestTheAttemptForm:
    @pytest.mark.parametrize("digit", ["²", "٣", "１", "𝟏", "¹", "߁", "1\x00", " 1", "+1", "01a"])
    def test_a_field_name_with_other_digits_is_no_answer(self, client, attempt, digit):
        keys = correct_keys(attempt)
        response = client.post(
            reverse("quizzes:submit", args=[attempt.key]), {f"q{digit}": keys[1], "q2": keys[2]}
        )
        assert response.status_code == 302
        attempt.refresh_from_db()
        assert attempt.is_finished
        # Only q2 was read as an answer: q1's correct keys under a name that is not q1 count
        # for nothing.
        chosen = {answer.position: answer.chosen for answer in attempt.answers.all()}
        assert not chosen[1] and chosen[2]


class TestAsciiInt:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("7", 7),
            ("007", 7),
            ("9999", 9999),
            ("10000", None),
            ("0", None),
            ("²", None),
            ("٣", None),
            ("１", None),
            ("-1", None),
            ("+1", None),
            (" 1", None),
            ("1 ", None),
            ("1\x00", None),
            ("1e3", None),
            ("1_000", None),
            ("", None),
            ("9" * 5000, None),
            (None, None),
            (3, None),
        ],
    )
    def test_only_ascii_digits_within_bounds_are_a_number(self, text, expected):
        assert ascii_int(text, 1, 9999) == expected


class TestNumbersTypedIntoTheHeadcountImport:
    @pytest.mark.parametrize("year", ["²⁰²⁶", "٢٠٢٦", "２０２６", "2026\x00", "9" * 40, "-2026"])
    def test_a_template_year_in_other_digits_is_this_year(self, client, year):
        client.force_login(UserFactory(username="analyst", groups=["Analyst"]))
        response = client.get("/admin/statistik/jumlah-pegawai-impor/templat/", {"tahun": year})
        assert response.status_code == 200

    @pytest.mark.parametrize("year", ["²⁰²⁶", "٢٠٢٦", "２０２６", "9" * 40])
    def test_a_year_or_count_in_other_digits_is_a_row_error(self, year):
        agency = AgencyFactory()
        table = xlsx_bytes([[agency.name, year, year, "1" * 40]], ["OPD", "Tahun", "ASN", "PTT"])
        preview = headcount_import.preview_headcount_import(
            headcount_import.read_table(table, "jumlah.xlsx")
        )
        (row,) = preview.rows_with_errors
        assert len(row.errors) == 3 and all("'" in error for error in row.errors)
