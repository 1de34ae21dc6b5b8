"""The literacy index screen and the dashboard's card: what they show is what the cells hold,
a withheld cell never shows a number, and the page reads a fixed handful of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.articles.pillars import Pillar
from content.stats.literacy import method
from content.stats.models import LiteracyRun, Phase, RunStatus
from tests.factories.literacy import cell, finished_run, pillar_cells
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/statistik/literasi/"
K, E, S, B = Pillar.KECAKAPAN, Pillar.ETIKA, Pillar.KEAMANAN, Pillar.BUDAYA


@pytest.fixture
def analyst(client):
    user = UserFactory(username="analis", groups=["Analyst"])
    client.force_login(user)
    return user


@pytest.fixture
def world():
    run = finished_run(people=321)
    dinas = AgencyFactory(name="Dinas Kesehatan")
    camat = AgencyFactory(name="Kecamatan Selatan")
    AgencyFactory(name="Kelurahan Satu", parent=camat)
    small = AgencyFactory(name="Badan Kecil")
    for year in (2025, 2026):
        pillar_cells(run, {K: 3.11, E: 3.22, S: 2.83, B: 3.44}, year=year)
    pillar_cells(run, {K: 3.61, E: 3.72, S: 3.33, B: 3.94}, year=2026, phase=Phase.AFTER)
    pillar_cells(run, {K: 0.5, E: 0.5, S: 0.5, B: 0.5}, year=2026, phase=Phase.CHANGE)
    pillar_cells(run, {K: 2.71, E: 3.17, S: 2.59, B: 3.33}, year=2026, agency=dinas, people=41)
    pillar_cells(run, {K: 3.91, E: 3.87, S: 3.19, B: 3.63}, year=2026, agency=camat, people=23)
    for pillar in ("", K, E, S, B):
        cell(run, index=None, pillar=pillar, year=2026, agency=small)
    return {"run": run, "dinas": dinas, "camat": camat, "small": small}


def test_the_selection_shows_its_cells_with_interval_and_people(client, analyst, world):
    response = client.get(URL, {"agency": world["dinas"].pk})
    html = response.content.decode()
    assert response.status_code == 200
    # Dinas Kesehatan 2026 (the latest year by default), before training: kecakapan 2.71 with
    # its interval (the factory's spread of 0.1) and 41 people.
    assert "2,71" in html and "(2,61 - 2,81)" in html and "41 orang" in html
    # The city beside it, and the national figures labelled as another instrument.
    assert "3,11" in html
    assert "instrumen dan populasi berbeda" in html and method.INSTRUMENT_NOTE in html
    assert "Nasional 2022" in html and "3,84" in html  # budaya 2022
    screen = response.context["screen"]
    assert [round(f.index, 2) for f in screen.figures[1:]] == [2.71, 3.17, 2.59, 3.33]


def test_before_after_and_the_change_for_people_measured_twice(client, analyst, world):
    html = client.get(URL).content.decode()
    assert "3,61" in html  # kecakapan after training (city 2026)
    assert "+0,50" in html  # the change, with its sign
    comparison = client.get(URL).context["screen"].comparison
    label, before, after, change = comparison[1]
    assert (label, before.index, after.index, change.index) == (
        "Kecakapan digital",
        3.11,
        3.61,
        0.5,
    )


def test_a_withheld_agency_never_shows_a_number(client, analyst, world):
    response = client.get(URL, {"agency": world["small"].pk})
    html = response.content.decode()
    main = html.split('id="indeks-pilihan"')[1].split("</table>")[0]
    rows = main.split("<tbody>")[1].split("</tr>")[:-1]
    assert len(rows) == 5
    for row in rows:
        # The agency's own column (the first <td>) says why and holds no number; the city's
        # and the national columns beside it do.
        own = row.split("<td>")[1].split("</td>")[0]
        assert f"disembunyikan: kurang dari {method.MIN_PEOPLE} orang" in own
        assert not re.search(r"\d", own.replace(str(method.MIN_PEOPLE), ""))
        assert re.search(r"\d,\d\d", row.split("<td>")[2])


def test_the_ranking_lists_top_level_agencies_withheld_last(client, analyst, world):
    response = client.get(URL)
    ranking = response.context["screen"].ranking
    assert [row.agency.name for row in ranking] == [
        "Kecamatan Selatan",
        "Dinas Kesehatan",
        "Badan Kecil",
    ]
    assert ranking[0].units == 1 and ranking[2].figure.suppressed
    html = response.content.decode().split('id="peringkat"')[1].split("</table>")[0]
    withheld_row = html.split("Badan Kecil")[1].split("</tr>")[0]
    assert "disembunyikan" in withheld_row
    assert not re.search(r"\d", withheld_row.replace(f"{method.MIN_PEOPLE} orang", ""))
    # Ranked by a pillar: keamanan (camat 3.19 > dinas 2.59).
    by_pillar = client.get(URL, {"rank": "keamanan"}).context["screen"].ranking
    assert [round(row.figure.index, 2) for row in by_pillar[:2]] == [3.19, 2.59]


def test_the_trend_has_every_year(client, analyst, world):
    screen = client.get(URL).context["screen"]
    assert [year for year, _ in screen.trend] == [2025, 2026]
    html = client.get(URL).content.decode()
    assert "Tren per tahun" in html and "<svg" in html and 'role="img"' in html


def test_bad_filters_are_explained_not_a_500(client, analyst, world):
    response = client.get(
        URL, {"year": "1999", "agency": "999999", "group": "x", "phase": "y", "rank": "z"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("pilihan tidak dikenal") == 5
    selection = response.context["selection"]
    assert (selection.year, selection.agency, selection.group, selection.phase) == (
        2026,
        None,
        "",
        "sebelum",
    )
    assert client.get(URL, {"agency": "abc", "year": "semua"}).status_code == 200


def test_all_years_and_groups(client, analyst, world):
    run = world["run"]
    pillar_cells(run, {K: 3.0, E: 3.0, S: 3.0, B: 3.0}, group="ptt")
    response = client.get(URL, {"year": "semua", "group": "ptt"})
    assert response.context["selection"].year is None
    assert [f.index for f in response.context["screen"].figures] == [3.0, 3.0, 3.0, 3.0, 3.0]


def test_the_empty_state_before_any_run(client, analyst):
    LiteracyRun.objects.create(started_at="2026-01-01T00:00Z", status=RunStatus.RUNNING)
    html = client.get(URL).content.decode()
    assert "Indeks belum dihitung; dihitung otomatis oleh task worker" in html
    assert "calibrate_literacy" not in html  # for superusers only
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    assert "manage.py calibrate_literacy" in client.get(URL).content.decode()


def test_the_method_is_said(client, analyst, world):
    html = client.get(URL).content.decode()
    assert method.METHOD_TEXT in html and "321 orang" in html


def test_the_query_count_does_not_grow_with_agencies(client, analyst, world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(URL, {"rank": "etika"}).status_code == 200
        return len(queries)

    before = count()
    for n in range(15):
        agency = AgencyFactory(name=f"Dinas Tambahan {n}")
        AgencyFactory(name=f"Unit Tambahan {n}", parent=agency)
        pillar_cells(world["run"], {K: 3, E: 3, S: 3, B: 3}, year=2026, agency=agency)
    assert count() == before
    # Session, user and the screen's own: a handful.
    # Ten for the session, the user, the admin's menu and permissions; seven of the screen's
    # own (run, years, selection and city, trend, ranking, sub-agencies, national) and the
    # agency filter's options.
    assert before <= 17


def test_cached_reads_skip_the_cells(client, analyst, world):
    client.get(URL)
    with CaptureQueriesContext(connection) as queries:
        client.get(URL)
    # The latest run and the years are read; the screen itself comes from the cache.
    cell_reads = [q["sql"] for q in queries if "stats_literacycell" in q["sql"]]
    assert len(cell_reads) == 1  # the years of the filter


def test_no_personal_number_on_the_pages(client, analyst, world, site_tree):
    person = ParticipantFactory(agency=world["dinas"])
    assert person.nip
    for url, params in (
        (URL, {"agency": world["dinas"].pk}),
        (URL + "sasaran/", {}),
        ("/admin/statistik/", {}),
    ):
        html = client.get(url, params).content.decode()
        assert person.nip not in html and person.username not in html


def test_the_dashboard_card_shows_the_citys_overall_index(client, analyst, world):
    html = client.get("/admin/statistik/").content.decode()
    # City 2026 before: mean of 3.11, 3.22, 2.83, 3.44 = 3.15.
    assert "Indeks Literasi Digital kota 2026" in html and "3,15" in html
    assert "/admin/statistik/literasi/" in html


def test_no_card_without_a_run(client, analyst):
    assert "Indeks Literasi Digital kota" not in client.get("/admin/statistik/").content.decode()


def test_a_withheld_city_card_shows_no_number(client, analyst):
    run = finished_run()
    cell(run, index=None, year=2026)
    html = client.get("/admin/statistik/").content.decode()
    card = html.split('id="kartu-literasi"')[1].split("</section>")[0]
    assert "disembunyikan" in card and "literacy-people" not in card


@pytest.mark.parametrize("groups", [["Editor"], ["Organizer"], ["Moderator"]])
def test_nobody_else_opens_the_index(client, world, groups):
    client.force_login(UserFactory(username="lain", groups=groups, is_staff=True))
    assert client.get(URL).status_code in (302, 403)


def test_a_withheld_selection_still_draws_the_city_and_says_why(client, analyst, world):
    response = client.get(URL, {"agency": world["small"].pk})
    radar, intervals, _trend = response.context["charts"]
    assert not radar.empty and not intervals.empty
    assert radar.rows[0][1] == f"disembunyikan: kurang dari {method.MIN_PEOPLE} orang"
    assert radar.rows[0][2] == "3,11"  # the city's kecakapan
    assert all(row[1].startswith("disembunyikan") and row[3] == "-" for row in intervals.rows)


def test_the_radar_leaves_a_withheld_series_out_of_the_drawing(client, analyst, world):
    radar = client.get(URL, {"agency": world["small"].pk}).context["charts"][0]
    # The city and the national series are drawn; the withheld agency is only in the table.
    assert "Badan Kecil" not in radar.svg.split("<desc")[1]
    assert "Kota" in radar.svg and "Nasional 2022" in radar.svg
