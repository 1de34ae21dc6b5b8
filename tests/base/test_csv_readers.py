"""Every CSV the site serves, read by programs that did not write it (issue 19): a CSV is for
programs and for Excel alike.

- Excel needs a byte order mark to read UTF-8: without it "Dédé" showed as "DÃ©dÃ©".
- Identifiers (NIP, NIK, phone numbers) are plain quoted text. They were written ="…", which
  Excel shows as text but every program reads literally.
- Numbers are bare with a decimal point, so a reader that takes unquoted fields as numbers gets
  numbers, and text stays text.

Read with Python's csv (`utf-8-sig`, QUOTE_NONNUMERIC) and frictionless (a data-package
validator, with a Table Schema saying what each column holds), and imported again by the
site's own participant import: imports accept what exports give.
"""

import csv
import datetime
import hashlib
import io
import re

import pytest
from frictionless import Resource, Schema

from content.people import importing as people_importing
from content.quizzes.models import Purpose
from content.stats import open_data
from content.stats import services as stats_services
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.quizzes import make_question, make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory
from tests.security.test_csv_exports import fetch_every_csv, world  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

BOM = b"\xef\xbb\xbf"
NIP = "198501012010011001"
NIK = "3471011001900001"
PHONE = "081234567890"


@pytest.fixture(autouse=True)
def _csv_field_size_limit():
    """frictionless raises the csv module's field size limit for the whole process when it
    first reads a CSV; the site's import relies on the default (a cell over 131,072 characters
    is refused as such), so it is put back for the tests that run after these."""
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _rows(body):
    """The rows as a program reads them: unquoted fields are numbers, quoted ones text."""
    text = body.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC))


def test_every_csv_the_site_serves_starts_with_a_bom_and_writes_no_formula(client, request):
    # The hostile world of tests/security/test_csv_exports.py: every kind of record exported.
    every_csv = fetch_every_csv(client, request.getfixturevalue("world"))
    assert len(every_csv) > 20
    without_bom = [url for url, body in every_csv.items() if not body.startswith(BOM)]
    assert without_bom == []
    # One BOM, at the start (a report's title rows are printed after it, not before).
    assert [url for url, body in every_csv.items() if BOM in body[3:]] == []
    formulas = [
        (url, cell)
        for url, body in every_csv.items()
        for row in _rows(body)
        for cell in row
        if isinstance(cell, str) and re.fullmatch(r'="\d+"', cell)
    ]
    assert formulas == []
    # Identifiers are read as text, every digit kept.
    participants = next(
        _rows(body) for url, body in every_csv.items() if url.startswith("/admin/participant/?")
    )
    phones = {row[participants[0].index("Telepon")] for row in participants[1:]}
    assert phones - {""} == {PHONE}


@pytest.fixture
def dede(site_tree):
    """Dédé, with every identifier, a score with a fraction, in a session of a closed quarter
    among enough people for open data to show averages."""
    agency = AgencyFactory(name="Dinas Pendidikan Café")
    people = [
        ParticipantFactory(
            full_name="Dédé Sulaeman", nip=NIP, nik=NIK, phone=PHONE, agency=agency, position=""
        )
    ] + [ParticipantFactory(agency=agency) for _ in range(11)]
    question = make_question()
    quiz = make_quiz([question], title="Pre-test", slug="pre-test-dede", self_paced=False)
    session = SessionPageFactory(
        parent=site_tree.sessions, title="Sosialisasi é", date=datetime.date(2025, 2, 10)
    )
    use_in_session(quiz, session, Purpose.PRE)
    for number, someone in enumerate(people):
        mark_attendance(session, someone)
        attempt(someone, quiz, session=session, purpose=Purpose.PRE, score=62.5 + number)
    stats_services.open_data_release_publish(
        period=open_data.Period(2025, 1), today=datetime.date(2025, 5, 1)
    )
    return people[0]


def _admin(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))


def _frictionless(tmp_path, body, fields, name="berkas.csv"):
    """The rows frictionless reads from the served bytes, after validating them against a
    Table Schema of `fields` (only those columns are typed; the others are text)."""
    path = tmp_path / name
    path.write_bytes(body)
    place = {"path": name, "basepath": str(tmp_path)}
    with Resource(**place) as resource:
        names = list(resource.header)
    schema = Schema.from_descriptor(
        {"fields": [fields.get(column, {"name": column, "type": "string"}) for column in names]}
    )
    resource = Resource(**place, schema=schema)
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    return resource.read_rows()


def test_the_participant_export_reads_as_written_in_programs(client, dede, tmp_path):
    _admin(client)
    body = _body(client.get("/admin/participant/", {"export": "csv"}))
    assert body.startswith(BOM)

    rows = _rows(body)
    row = next(dict(zip(rows[0], row, strict=True)) for row in rows[1:] if NIP in row)
    assert row["Nama"] == "Dédé Sulaeman"
    assert row["OPD"] == "Dinas Pendidikan Café"
    assert row["NIP"] == NIP and len(row["NIP"]) == 18
    assert row["NIK"] == NIK
    assert row["Telepon"] == PHONE

    identifiers = {
        "NIP": {"name": "NIP", "type": "string", "constraints": {"pattern": "[0-9]{18}"}},
        "NIK": {"name": "NIK", "type": "string", "constraints": {"pattern": "([0-9]{16})?"}},
        "Telepon": {"name": "Telepon", "type": "string", "constraints": {"pattern": "0[0-9]+"}},
    }
    read = _frictionless(tmp_path, body, identifiers, "peserta.csv")
    assert [r["Nama"] for r in read if r["NIP"] == NIP] == ["Dédé Sulaeman"]
    assert next(r for r in read if r["NIP"] == NIP)["Telepon"] == PHONE


def test_numbers_are_numbers_with_a_decimal_point(client, dede, tmp_path):
    _admin(client)
    body = _body(client.get("/admin/attempt/", {"export": "csv"}))
    rows = _rows(body)
    scores = sorted(row[rows[0].index("Nilai")] for row in rows[1:])
    assert scores[0] == 62.5
    assert all(isinstance(score, float) for score in scores)
    read = _frictionless(tmp_path, body, {"Nilai": {"name": "Nilai", "type": "number"}})
    assert min(row["Nilai"] for row in read) == 62.5


def test_open_data_csv_has_a_bom_and_typed_figures(client, dede, tmp_path):
    response = client.get("/data-terbuka/2025-q1/hasil-kuis-topik.csv")
    body = response.content
    assert body.startswith(BOM)
    rows = _rows(body)
    assert rows[0][:2] == ["periode", "topik"]
    figures = dict(zip(rows[0], rows[1], strict=True))
    assert figures["peserta"] == 12
    assert figures["rata_rata_pre_test"] == 68.0  # 62.5 .. 73.5: their mean
    types = {
        "peserta": {"name": "peserta", "type": "integer"},
        "rata_rata_pre_test": {"name": "rata_rata_pre_test", "type": "number"},
    }
    [row] = _frictionless(tmp_path, body, types, "hasil-kuis-topik.csv")
    assert row["peserta"] == 12
    # The checksum the catalog gives is the one of the bytes served.
    catalog = client.get("/data-terbuka/metadata.json").json()
    checksums = {
        d["downloadURL"]: d["checksum"]["value"]
        for dataset in catalog["dataset"]
        for d in dataset["distribution"]
    }
    [checksum] = [v for url, v in checksums.items() if url.endswith("2025-q1/hasil-kuis-topik.csv")]
    assert checksum == hashlib.sha256(body).hexdigest()


def test_the_participant_import_takes_the_participant_export_back(client, dede):
    _admin(client)
    body = _body(client.get("/admin/participant/", {"export": "csv"}))
    rows = dict(people_importing.read_table(body, "peserta.csv"))
    [values] = [values for values in rows.values() if values["nip"] == NIP]
    assert values["full_name"] == "Dédé Sulaeman"
    assert values["nik"] == NIK
    assert values["phone"] == PHONE
    preview = people_importing.preview_import(list(rows.items()))
    assert [(row.label, row.errors) for row in preview.rows if row.errors] == []
