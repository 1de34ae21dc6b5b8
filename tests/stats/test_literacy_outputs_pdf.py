"""The PDF report's "Indeks Literasi Digital" section: what a finished run's cells say for the
report's filters, read back from the PDF by an independent reader (pypdf)."""

import datetime
import io

import pytest
from pypdf import PdfReader

from content.articles.pillars import Pillar
from content.stats import reports
from content.stats.filters import StatsFilter
from content.stats.literacy import method
from content.stats.models import OVERALL, LiteracyRun, Phase, RunStatus
from tests.factories.literacy import cell, finished_run, pillar_cells
from tests.factories.people import AgencyFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}
CITY_BEFORE = {
    Pillar.KECAKAPAN: 3.21,
    Pillar.ETIKA: 3.47,
    Pillar.KEAMANAN: 2.83,
    Pillar.BUDAYA: 3.65,
}
CITY_AFTER = {
    Pillar.KECAKAPAN: 3.58,
    Pillar.ETIKA: 3.71,
    Pillar.KEAMANAN: 3.19,
    Pillar.BUDAYA: 3.88,
}


def pdf_text(client, params):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    response = client.get("/admin/statistik/laporan.pdf", params)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    pages = PdfReader(io.BytesIO(response.content)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


def section_of(text):
    assert "Indeks Literasi Digital" in text
    return text[text.index("Indeks Literasi Digital") :]


@pytest.fixture
def run():
    """A finished run: the city in 2026 before and after, the change, one agency with a
    withheld pillar, the all-years cells, and an older run that must not be read."""
    old = finished_run(finished_at=datetime.datetime(2026, 1, 2, tzinfo=datetime.UTC))
    pillar_cells(old, dict.fromkeys(Pillar, 1.11), year=2026)
    found = finished_run(attempts=1234, responses=24680, people=321, bootstrap_samples=200,
                         calibration_sample=1234)  # fmt: skip
    pillar_cells(found, CITY_BEFORE, year=2026, people=120, spread=0.12)
    pillar_cells(found, CITY_AFTER, year=2026, phase=Phase.AFTER, people=95)
    cell(found, index=0.37, year=2026, phase=Phase.CHANGE, people=64, pillar=Pillar.KECAKAPAN)
    cell(found, index=-0.04, year=2026, phase=Phase.CHANGE, people=64, pillar=Pillar.ETIKA)
    cell(found, index=None, year=2026, phase=Phase.CHANGE, pillar=Pillar.KEAMANAN)
    agency = AgencyFactory(name="Dinas Arsip")
    cell(found, index=2.61, year=2026, agency=agency, pillar=Pillar.KEAMANAN, people=14)
    cell(found, index=None, year=2026, agency=agency, pillar=Pillar.BUDAYA)
    pillar_cells(found, dict.fromkeys(Pillar, 2.22), year=None, people=400)
    # A run still going, newer: not finished, so not read.
    LiteracyRun.objects.create(started_at=found.started_at, status=RunStatus.RUNNING)
    return {"run": found, "agency": agency}


def test_the_city_s_index_per_pillar_before_after_change_and_national(client, run):
    text = section_of(pdf_text(client, YEAR))
    assert "Tahun 2026; Kota; Semua kelompok" in text
    # Before: index, interval (index +- spread) and people, in the locale's decimals.
    assert "Keamanan digital 2,83 2,71 – 2,95 120 orang 3,19 3,09 – 3,29 95 orang" in text
    overall = sum(CITY_BEFORE.values()) / 4
    assert f"Keseluruhan {overall:.2f}".replace(".", ",") in text
    assert "+0,37" in text and "-0,04" in text and "64 orang" in text
    assert "disembunyikan" in text
    # The national figures beside, labelled as another instrument, with their source.
    assert "Nasional 2022" in text and "3,12" in text and "3,54" in text
    assert method.INSTRUMENT_NOTE[:60] in text
    assert "Katadata Insight Center" in text
    # The method and the run.
    assert method.METHOD_TEXT[:50] in text and method.MAPPING_TEXT[:50] in text
    assert "1.234 percobaan" in text and "321 orang" in text
    # Not the older run's figures, nor the all-years cells.
    assert "1,11" not in text and "2,22" not in text


def test_the_agency_filter_reads_the_agency_s_cells(client, run):
    text = section_of(pdf_text(client, {**YEAR, "agency": run["agency"].pk}))
    assert "OPD Dinas Arsip (termasuk unit di bawahnya)" in text
    assert "2,61" in text and "14 orang" in text and "disembunyikan" in text
    assert "2,83" not in text  # not the city's


def test_a_period_across_years_reads_the_all_years_cells(client, run):
    text = section_of(pdf_text(client, {"start": "2025-06-01", "end": "2026-12-31"}))
    assert "Semua tahun" in text and "2,22" in text and "400 orang" in text
    assert "lebih dari satu tahun" in text


def test_pns_alone_reads_the_asn_cells_and_says_so(run):
    pillar_cells(run["run"], dict.fromkeys(Pillar, 3.33), year=2026, group="asn")
    section = reports.literacy_section(
        StatsFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 1), group="pns")
    )
    assert section.group == "asn" and "PNS dan PPPK" in section.notes[0]
    assert {row.before.index for row in section.rows} == {3.33}


def test_no_finished_run_is_a_one_line_note(client):
    LiteracyRun.objects.create(started_at=datetime.datetime.now(datetime.UTC))
    text = section_of(pdf_text(client, YEAR))
    assert "belum dihitung" in text


def test_the_section_reads_a_bounded_number_of_queries(run, django_assert_num_queries):
    stats_filter = StatsFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    with django_assert_num_queries(3):
        section = reports.literacy_section(stats_filter)
    assert [row.pillar for row in section.rows] == [*Pillar.values, OVERALL]
