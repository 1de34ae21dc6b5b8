"""Open data's yearly data set `indeks-literasi`: the aggregates of the latest finished run for
one calendar year, in that year's fourth-quarter release only, with withheld cells empty and no
person's score; read back with the readers the other open-data tests use (csv, frictionless,
the DCAT-US schema)."""

import csv
import datetime
import io
import json
from decimal import Decimal

import pytest
from frictionless import Resource, Schema

from content.articles.pillars import Pillar
from content.stats import open_data, services
from content.stats.literacy import method
from content.stats.models import OVERALL, OpenDataFile, Phase
from tests.factories.literacy import cell, finished_run, person_scores, pillar_cells
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.stats.test_open_data import fetch
from tests.stats.test_open_data_dcat import _errors, _non_federal, _schemas, _validator

pytestmark = pytest.mark.django_db
SLUG = open_data.LITERACY
Q3, Q4 = open_data.Period(2025, 3), open_data.Period(2025, 4)
LATER = datetime.date(2026, 3, 1)  # both quarters closed
FORMULA = '=HYPERLINK("http://contoh.invalid/x","klik")'


@pytest.fixture(autouse=True)
def _csv_field_size_limit():
    # frictionless raises the csv module's limit for the whole process (test_csv_readers.py).
    limit = csv.field_size_limit()
    yield
    csv.field_size_limit(limit)


@pytest.fixture
def run():
    found = finished_run()
    agency = AgencyFactory(name="Dinas Arsip")
    formula = AgencyFactory(name=FORMULA)
    pillar_cells(found, {Pillar.KECAKAPAN: 3.214, Pillar.ETIKA: 3.5, Pillar.KEAMANAN: 2.8,
                         Pillar.BUDAYA: 3.6}, year=2025, people=120)  # fmt: skip
    cell(found, index=3.7, year=2025, phase=Phase.AFTER, people=90)
    cell(found, index=-0.125, year=2025, phase=Phase.CHANGE, people=40, pillar=Pillar.ETIKA)
    cell(found, index=2.9, year=2025, agency=agency, people=12, group="asn")
    cell(found, index=None, year=2025, agency=agency, group="ptt")
    cell(found, index=3.1, year=2025, agency=formula, people=30)
    # Another year and all years: not in 2025's data set.
    cell(found, index=1.91, year=2024, people=77)
    cell(found, index=1.92, year=None, people=777)
    someone = ParticipantFactory(full_name="Rahasiawan Literasi", nip="198001012010011234")
    person_scores(found, someone, dict.fromkeys(Pillar, 4.321), year=2025)
    return {"run": found, "agency": agency, "someone": someone}


def publish(period):
    release, created = services.open_data_release_publish(period=period, today=LATER)
    assert created
    return release


def published(client, period=Q4):
    return json.loads(fetch(client, "dataset_json", periode=period.slug, slug=SLUG).content)


def test_only_the_fourth_quarter_carries_the_year_s_index(client, run):
    assert SLUG not in set(publish(Q3).files.values_list("dataset", flat=True))
    assert SLUG in set(publish(Q4).files.values_list("dataset", flat=True))
    document = published(client)
    assert document["period"] == "2025" and document["temporal"] == "2025-01-01/2025-12-31"
    assert document["title"].endswith("Tahun 2025")
    assert {row["tahun"] for row in document["data"]} == {2025}


def test_the_rows_city_first_withheld_cells_empty(client, run):
    publish(Q4)
    rows = published(client)["data"]
    assert rows[0] == {
        "tahun": 2025, "opd": "Kota", "kelompok": "Semua", "pengukuran": "Sebelum sosialisasi",
        "pilar": "Kecakapan digital", "orang": 120, "indeks": 3.21, "batas_bawah": 3.11,
        "batas_atas": 3.31,
    }  # fmt: skip
    city = [row for row in rows if row["opd"] == "Kota"]
    assert [row["pilar"] for row in city[:5]] == [
        "Kecakapan digital", "Etika digital", "Keamanan digital", "Budaya digital", "Keseluruhan"
    ]  # fmt: skip
    change = next(row for row in rows if row["pengukuran"] == "Perubahan (diukur dua kali)")
    assert change["indeks"] == -0.12 or change["indeks"] == -0.13
    withheld = next(row for row in rows if row["kelompok"] == "PTT")
    assert withheld["opd"] == "Dinas Arsip"
    assert [withheld[name] for name in ("orang", "indeks", "batas_bawah", "batas_atas")] == [
        None, None, None, None
    ]  # fmt: skip
    assert 1.91 not in [row["indeks"] for row in rows] and 1.92 not in [r["indeks"] for r in rows]
    assert all(row["orang"] is None or row["orang"] >= method.MIN_PEOPLE for row in rows)


def test_no_person_level_value_anywhere(client, run):
    publish(Q4)
    bodies = [
        fetch(client, "dataset_json", periode=Q4.slug, slug=SLUG).content,
        fetch(client, "dataset_csv", periode=Q4.slug, slug=SLUG).content,
        fetch(client, "metadata").content,
        fetch(client, "index").content,
    ]
    for body in bodies:
        text = body.decode("utf-8")
        for secret in ("4.321", "4,321", "4.32", "Rahasiawan", run["someone"].nip):
            assert secret not in text


def test_the_csv_validates_against_its_published_column_metadata(client, run, tmp_path):
    publish(Q4)
    body = fetch(client, "dataset_csv", periode=Q4.slug, slug=SLUG).content
    stored = OpenDataFile.objects.get(dataset=SLUG)
    schema = Schema.from_descriptor(
        {"fields": [{"name": c["name"], "type": c["type"]} for c in stored.columns]}
    )
    (tmp_path / "indeks.csv").write_bytes(body)
    resource = Resource(path="indeks.csv", basepath=str(tmp_path), schema=schema)
    report = resource.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = resource.read_rows()
    assert len(rows) == len(published(client)["data"])
    assert rows[0]["indeks"] == Decimal("3.21") and rows[0]["orang"] == 120
    assert any(row["opd"] == "'" + FORMULA for row in rows)  # neutralised, stays text
    assert next(row for row in rows if row["kelompok"] == "PTT")["indeks"] is None
    assert all(column["title"] and column["description"] for column in stored.columns)
    assert [c["name"] for c in stored.columns] == [
        "tahun", "opd", "kelompok", "pengukuran", "pilar", "orang", "indeks", "batas_bawah",
        "batas_atas",
    ]  # fmt: skip


def test_the_metadata_carries_the_method_and_is_valid_dcat(client, run):
    publish(Q3), publish(Q4)
    catalog = json.loads(fetch(client, "metadata").content)
    assert _errors(_validator(_non_federal(_schemas())), catalog) == []
    entries = [entry for entry in catalog["dataset"] if entry["identifier"].endswith(SLUG)]
    assert len(entries) == 1
    [entry] = entries
    assert entry["accrualPeriodicity"] == "R/P1Y" and entry["temporal"].startswith("2025-01-01")
    assert entry["title"].endswith("Tahun 2025")
    for text in (method.METHOD_TEXT, method.MAPPING_TEXT, method.INSTRUMENT_NOTE):
        assert text in entry["description"]
    assert f"kurang dari {method.MIN_PEOPLE} orang" in entry["suppression"]


def test_published_once_a_later_run_changes_nothing(client, run):
    publish(Q4)
    before = fetch(client, "dataset_csv", periode=Q4.slug, slug=SLUG).content
    later = finished_run()
    pillar_cells(later, dict.fromkeys(Pillar, 4.4), year=2025)
    _, created = services.open_data_release_publish(period=Q4, today=LATER)
    assert not created
    assert fetch(client, "dataset_csv", periode=Q4.slug, slug=SLUG).content == before


def test_the_latest_run_is_read(client, run):
    later = finished_run()
    cell(later, index=3.99, year=2025, pillar=OVERALL, people=50)
    publish(Q4)
    assert [row["indeks"] for row in published(client)["data"]] == [3.99]


def test_no_finished_run_or_no_cell_for_the_year_publishes_no_data_set(db):
    assert SLUG not in set(publish(Q4).files.values_list("dataset", flat=True))
    found = finished_run()
    cell(found, index=3.0, year=2024, people=50)
    assert open_data.literacy_index(open_data.Period(2025, 4)) is None


def test_csv_matches_json(client, run):
    publish(Q4)
    text = fetch(client, "dataset_csv", periode=Q4.slug, slug=SLUG).content.decode("utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header == open_data.LITERACY_DATASET.column_names
    for row, cells in zip(rows, published(client)["data"], strict=True):
        for name, value in zip(header, row, strict=True):
            expected = cells[name]
            if name == "opd" and expected == FORMULA:
                expected = "'" + FORMULA
            assert value == ("" if expected is None else str(expected))


def test_the_index_lists_it_and_the_latest_link_leads_to_it(client, run):
    publish(Q3), publish(Q4)
    page = fetch(client, "index").content.decode()
    assert "Indeks literasi digital ASN dan PTT kota" in page
    assert f"/data-terbuka/{Q4.slug}/{SLUG}.csv" in page
    assert f"/data-terbuka/{Q3.slug}/{SLUG}.csv" not in page
    response = client.get(f"/data-terbuka/{SLUG}.json")
    assert response.status_code in (301, 302) and f"/{Q4.slug}/{SLUG}.json" in response["Location"]


def _withheld(rows, **where):
    [row] = [r for r in rows if all(r[k] == v for k, v in where.items())]
    return row["indeks"] is None and row["orang"] is None


def test_no_small_group_follows_from_subtracting_published_cells(db):
    """Cells the engine showed, but whose difference would describe 1 to 9 people: the
    published file withholds one more (the smallest part)."""
    found = finished_run()
    kecamatan = AgencyFactory(name="Kecamatan Utara")
    kelurahan = AgencyFactory(name="Kelurahan Satu", parent=kecamatan)
    big = AgencyFactory(name="Dinas Besar")
    # Everyone 50, ASN 45, PTT withheld: 50 - 45 would give the 5 PTT.
    cell(found, index=3.0, year=2025, people=50)
    cell(found, index=3.1, year=2025, people=45, group="asn")
    cell(found, index=None, year=2025, group="ptt")
    # A kecamatan of 30 with its kelurahan of 24: the other 6 would follow.
    cell(found, index=3.2, year=2025, people=30, agency=kecamatan, phase=Phase.AFTER)
    cell(found, index=3.3, year=2025, people=24, agency=kelurahan, phase=Phase.AFTER)
    # Everyone withheld but ASN and PTT both shown: their sum would give it.
    cell(found, index=None, year=2025, agency=big, phase=Phase.SELF)
    cell(found, index=3.4, year=2025, people=12, agency=big, phase=Phase.SELF, group="asn")
    cell(found, index=3.5, year=2025, people=40, agency=big, phase=Phase.SELF, group="ptt")
    # A safe pair: 200 everyone, 150 ASN, 50 PTT, all shown.
    cell(found, index=3.6, year=2025, people=200, phase=Phase.CHANGE)
    cell(found, index=3.7, year=2025, people=150, phase=Phase.CHANGE, group="asn")
    cell(found, index=3.8, year=2025, people=50, phase=Phase.CHANGE, group="ptt")
    rows = open_data.literacy_index(Q4).published()
    assert _withheld(rows, opd="Kota", kelompok="ASN", pengukuran="Sebelum sosialisasi")
    assert not _withheld(rows, opd="Kota", kelompok="Semua", pengukuran="Sebelum sosialisasi")
    assert _withheld(rows, opd="Kelurahan Satu")
    assert not _withheld(rows, opd="Kecamatan Utara")
    assert _withheld(rows, opd="Dinas Besar", kelompok="ASN")
    assert not _withheld(rows, opd="Dinas Besar", kelompok="PTT")
    change = [row for row in rows if row["pengukuran"] == "Perubahan (diukur dua kali)"]
    assert [row["orang"] for row in change] == [200, 150, 50]
