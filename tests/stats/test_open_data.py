"""Open data (/data-terbuka/) on a small hand-made data set: every expected figure below is
worked out by hand from the records the fixture states, suppression included."""

import csv
import datetime
import io
import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.people.models import ParticipantGroup
from content.quizzes.models import Purpose
from content.stats import open_data
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db
FORMULA_AGENCY = '=HYPERLINK("http://contoh.invalid/x","klik")'
SLUGS = [dataset.slug for dataset in open_data.DATASETS]


def person(code, agency, group=ParticipantGroup.PNS, number=1):
    """Someone with a name, NIP, NIK, email and phone found nowhere else, to look for later."""
    nip = None if group == ParticipantGroup.PTT else f"1980010120100{number:05d}"
    return ParticipantFactory(
        username=f"akun-rahasia-{code.lower()}",
        full_name=f"Zulkarnaen Rahasiawan {code}",
        email=f"rahasia.{code.lower()}@surel-pribadi.test",
        phone=f"0812999{number:05d}",
        nik=f"3578019{number:09d}",
        nip=nip,
        participant_group=group,
        agency=agency,
    )


@pytest.fixture
def world(sessions):
    """Thirteen people in three agencies (one with a formula for a name); five sessions on two
    topics, three in 2025 and two in 2026; pre- and post-tests at two of them."""
    dinas = AgencyFactory(name="Dinas Kominfo")
    formula = AgencyFactory(name=FORMULA_AGENCY)
    kecamatan = AgencyFactory(name="Kecamatan Utara")
    literacy = TopicFactory(name="Literasi Digital", slug="literasi-digital")
    neutrality = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
    groups = [ParticipantGroup.PNS] * 4 + [ParticipantGroup.PPPK, ParticipantGroup.PTT]
    a = [person(f"A{i}", dinas, group, i) for i, group in enumerate(groups, start=1)]
    b = [person(f"B{i}", formula, ParticipantGroup.PTT, 10 + i) for i in (1, 2)]
    c = [person(f"C{i}", kecamatan, ParticipantGroup.PNS, 20 + i) for i in range(1, 6)]

    def session(slug, date, topic, attendees, absent=()):
        page = SessionPageFactory(parent=sessions, slug=slug, date=date, topic=topic)
        for attendee in attendees:
            mark_attendance(page, attendee, "terlambat" if attendee is a[0] else "hadir")
        for attendee in absent:
            mark_attendance(page, attendee, "tidak_hadir")
        return page

    s1 = session("s1", datetime.date(2025, 3, 10), literacy, [*a, b[0]], absent=[c[0]])
    s2 = session("s2", datetime.date(2025, 3, 20), neutrality, [a[0], a[1], c[0]])
    s3 = session("s3", datetime.date(2025, 4, 5), literacy, c)
    s4 = session("s4", datetime.date(2026, 2, 10), neutrality, [*a[:4], *b])
    s5 = session("s5", datetime.date(2026, 5, 1), literacy, c[:2])

    pre, post = make_quiz(count=1, self_paced=False), make_quiz(count=1, self_paced=False)
    for page in (s1, s2, s4):
        use_in_session(pre, page, Purpose.PRE)
        use_in_session(post, page, Purpose.POST)

    def tests(page, pre_scores, post_scores):
        for someone, score in pre_scores:
            attempt(someone, pre, session=page, purpose=Purpose.PRE, score=score, on=page.date)
        for someone, score in post_scores:
            attempt(someone, post, session=page, purpose=Purpose.POST, score=score, on=page.date)

    pre_s1 = zip([*a, b[0]], [40, 50, 60, 50, 40, 60, 30], strict=True)
    tests(s1, pre_s1, zip(a[:5], [80, 70, 90, 60, 50], strict=True))
    attempt(a[5], post, session=s1, purpose=Purpose.POST, on=s1.date)  # still open
    tests(s2, [], [(a[0], 90), (a[1], 40)])
    tests(
        s4,
        zip(a[:3], [20, 30, 40], strict=True),
        zip([*a[:4], b[0]], [100, 90, 80, 70, 60], strict=True),
    )
    # A self-paced quiz is no session's test.
    attempt(c[0], make_quiz(count=1), score=100, on=datetime.date(2026, 5, 2))
    return locals()


def fetch(client, name, **kwargs):
    response = client.get(reverse(f"stats_open_data:{name}", kwargs=kwargs))
    assert response.status_code == 200, response
    return response


def data(client, slug):
    return json.loads(fetch(client, "dataset_json", slug=slug).content)["data"]


def csv_rows(client, slug):
    text = fetch(client, "dataset_csv", slug=slug).content.decode("utf-8")
    return list(csv.reader(io.StringIO(text)))


def test_participation_per_month(client, world):
    # 2025-03: S1 (A1-A6, B1; C1 absent) and S2 (A1, A2, C1): 10 attendances by 8 people, 6 ASN
    # and 2 PTT (A6, B1). PTT is withheld (2), and ASN with it: 8 - 6 would give it away.
    # 2025-04: S3, the five of C, all PNS: nothing withheld (a 0 is shown).
    # 2026-02: S4, A1-A4 and B1-B2: 6 people, 4 ASN and 2 PTT, both withheld.
    # 2026-05: S5, two people: every figure about people withheld; and since 2026 then has one
    # attendance cell withheld, February's goes too (the year's total is in the other sets).
    assert data(client, "partisipasi-bulanan") == [
        _month("2025-03", 2, 10, 8, None, None),
        _month("2025-04", 1, 5, 5, 5, 0),
        _month("2026-02", 1, None, 6, None, None),
        _month("2026-05", 1, None, None, None, None),
    ]


def _month(month, held, attendances, participants, asn, ptt):
    return {
        "bulan": month,
        "tahun": int(month[:4]),
        "sosialisasi_terlaksana": held,
        "kehadiran": attendances,
        "peserta": participants,
        "peserta_asn": asn,
        "peserta_ptt": ptt,
    }


def test_participation_per_agency_per_year(client, world):
    # 2025: Dinas Kominfo S1 six, S2 two (8 attendances, 6 people); the formula agency B1 once
    # (withheld); Kecamatan Utara C1 at S2 and all five at S3 (6, 5): the smaller attendance
    # cell of the year goes too, or the year's total would give B's away. 2026: all under 5.
    expected = [
        (2025, FORMULA_AGENCY, None, None),
        (2025, "Dinas Kominfo", 8, 6),
        (2025, "Kecamatan Utara", None, 5),
        (2026, FORMULA_AGENCY, None, None),
        (2026, "Dinas Kominfo", None, None),
        (2026, "Kecamatan Utara", None, None),
    ]
    keys = ("tahun", "opd", "kehadiran", "peserta")
    assert data(client, "partisipasi-opd-tahunan") == [
        dict(zip(keys, row, strict=True)) for row in expected
    ]


def test_an_agency_is_the_one_recorded_at_the_time(client, world):
    before = data(client, "partisipasi-opd-tahunan")
    for someone in world["a"]:
        someone.agency = world["kecamatan"]
        someone.save()
    cache.clear()
    assert data(client, "partisipasi-opd-tahunan") == before


def test_participation_per_topic_per_year(client, world):
    # 2025: Literasi Digital S1 (7) and S3 (5), 12 people; Netralitas ASN S2, 3 people: withheld,
    # and Literasi's attendances with it. 2026: Literasi S5 2 people (withheld); Netralitas S4
    # 6 attendances by 6 people, its attendances withheld as the complement.
    expected = [
        (2025, "Literasi Digital", 2, None, 12),
        (2025, "Netralitas ASN", 1, None, None),
        (2026, "Literasi Digital", 1, None, None),
        (2026, "Netralitas ASN", 1, None, 6),
    ]
    keys = ("tahun", "topik", "sosialisasi_terlaksana", "kehadiran", "peserta")
    assert data(client, "partisipasi-topik-tahunan") == [
        dict(zip(keys, row, strict=True)) for row in expected
    ]


def test_quiz_results_per_topic_per_year(client, world):
    # 2025 Literasi (S1): pre-tests by seven people, average 330 / 7 = 47.1; five finished
    # post-tests (A6's is open), 3 passed (60.0 %), average 350 / 5 = 70.0; 12 finished
    # attempts, withheld as the complement of Netralitas's (S2: two people, all withheld).
    # 2026 Netralitas (S4): post-tests by five, 4 passed, average 80.0; pre-tests by three only.
    # The self-paced quiz counts nowhere.
    expected = [
        (2025, "Literasi Digital", 7, None, 60.0, 47.1, 70.0),
        (2025, "Netralitas ASN", None, None, None, None, None),
        (2026, "Netralitas ASN", 5, 8, 80.0, None, 80.0),
    ]
    keys = [column.name for column in open_data.BY_SLUG["hasil-kuis-topik-tahunan"].columns]
    assert data(client, "hasil-kuis-topik-tahunan") == [
        dict(zip(keys, row, strict=True)) for row in expected
    ]


def test_csv_matches_json_with_empty_cells_for_withheld_ones(client, world):
    for slug in SLUGS:
        header, *rows = csv_rows(client, slug)
        assert header == open_data.BY_SLUG[slug].column_names
        published = data(client, slug)
        assert len(rows) == len(published)
        for row, cells in zip(rows, published, strict=True):
            for name, value in zip(header, row, strict=True):
                expected = cells[name]
                if name == "opd" and expected == FORMULA_AGENCY:
                    expected = "'" + FORMULA_AGENCY
                assert value == ("" if expected is None else str(expected))


def test_a_formula_in_an_agency_name_stays_text_in_csv(client, world):
    rows = csv_rows(client, "partisipasi-opd-tahunan")
    names = [row[1] for row in rows[1:]]
    assert "'" + FORMULA_AGENCY in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    # JSON is no spreadsheet: the name is published as it is.
    assert data(client, "partisipasi-opd-tahunan")[0]["opd"] == FORMULA_AGENCY


def test_no_personal_data_anywhere(client, world):
    people = [*world["a"], *world["b"], *world["c"]]
    secrets = set()
    for someone in people:
        secrets |= {someone.username, someone.full_name, someone.email, someone.phone}
        secrets |= {someone.nik, someone.nip} - {None}
    secrets |= {"Rahasiawan", "surel-pribadi", "akun-rahasia", "0812999", "3578019"}
    bodies = [fetch(client, "index"), fetch(client, "metadata")]
    for slug in SLUGS:
        bodies += [
            fetch(client, "dataset_json", slug=slug),
            fetch(client, "dataset_csv", slug=slug),
        ]
    for response in bodies:
        text = response.content.decode("utf-8")
        assert not [secret for secret in secrets if secret.lower() in text.lower()]


def test_metadata_describes_every_data_set_with_working_links(client, world):
    catalog = json.loads(fetch(client, "metadata").content)
    assert catalog["@type"] == "dcat:Catalog"
    described = {entry["identifier"].rsplit("#", 1)[1]: entry for entry in catalog["dataset"]}
    assert list(described) == SLUGS
    for slug, entry in described.items():
        assert entry["title"] and entry["description"]
        assert entry["publisher"]["name"] == "Dinas Komunikasi dan Informatika"
        assert entry["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "CC BY 4.0" in entry["licenseTitle"]
        assert entry["accrualPeriodicity"] == "R/P1D"
        assert "kurang dari 5" in entry["suppression"]
        names = [column["name"] for column in entry["columns"]]
        assert names == open_data.BY_SLUG[slug].column_names
        assert all(column["description"] for column in entry["columns"])
        formats = {}
        for distribution in entry["distribution"]:
            assert distribution["downloadURL"].startswith("http://testserver/data-terbuka/")
            response = client.get(distribution["downloadURL"])
            assert response.status_code == 200
            assert response["Content-Type"].startswith(distribution["mediaType"])
            formats[distribution["format"]] = response
        assert set(formats) == {"JSON", "CSV"}
    # S1, the first session, to S5, the last; quiz results from S1 to S4.
    assert described["partisipasi-bulanan"]["temporal"] == "2025-03-10/2026-05-01"
    assert described["hasil-kuis-topik-tahunan"]["temporal"] == "2025-03-10/2026-02-10"


def test_headers(client, world):
    response = fetch(client, "dataset_csv", slug="partisipasi-bulanan")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'inline; filename="partisipasi-bulanan.csv"'
    assert "max-age=900" in response["Cache-Control"]
    response = fetch(client, "dataset_json", slug="partisipasi-opd-tahunan")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Kominfo" in response.content.decode("utf-8")  # ensure_ascii=False: UTF-8 as is
    assert fetch(client, "metadata")["Content-Type"] == "application/json; charset=utf-8"


def test_non_ascii_text_is_written_as_utf8(client, sessions):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2025, 1, 6))
    agency = AgencyFactory(name="Kelurahan Sukamaju Séléksi")
    for number in range(5):
        mark_attendance(session, person(f"U{number}", agency, number=number))
    response = fetch(client, "dataset_json", slug="partisipasi-opd-tahunan")
    assert "Séléksi" in response.content.decode("utf-8")
    assert (
        "Séléksi".encode() in fetch(client, "dataset_csv", slug="partisipasi-opd-tahunan").content
    )


def test_the_index_lists_every_data_set_for_anyone(client, world):
    response = fetch(client, "index")
    page = response.content.decode()
    for dataset in open_data.DATASETS:
        assert dataset.title in page
        assert reverse("stats_open_data:dataset_json", args=[dataset.slug]) in page
        assert reverse("stats_open_data:dataset_csv", args=[dataset.slug]) in page
    assert "CC BY 4.0" in page and "10 Maret 2025 s.d. 1 Mei 2026" in page
    assert reverse("stats_open_data:metadata") in page


def test_an_empty_database_publishes_empty_data_sets(client, db):
    assert fetch(client, "index").status_code == 200
    for slug in SLUGS:
        assert data(client, slug) == []
        assert len(csv_rows(client, slug)) == 1  # the header
    catalog = json.loads(fetch(client, "metadata").content)
    assert all(entry["temporal"] is None for entry in catalog["dataset"])


def test_an_unknown_data_set_is_not_found(client, db):
    assert client.get("/data-terbuka/tidak-ada.json").status_code == 404
    assert client.get("/data-terbuka/tidak-ada.csv").status_code == 404
    assert client.get("/data-terbuka/partisipasi-bulanan.xlsx").status_code == 404
    assert client.post("/data-terbuka/partisipasi-bulanan.json").status_code == 405


def test_the_figures_are_cached_for_a_while(client, world):
    before = data(client, "partisipasi-bulanan")
    mark_attendance(world["s5"], world["c"][2])
    assert data(client, "partisipasi-bulanan") == before
    cache.clear()
    assert data(client, "partisipasi-bulanan")[-1]["sosialisasi_terlaksana"] == 1
    assert data(client, "partisipasi-bulanan")[-1]["kehadiran"] is None  # still three people


@pytest.mark.parametrize("slug", SLUGS)
def test_each_data_set_is_one_query_whatever_the_data(slug, world, sessions):
    dataset = open_data.BY_SLUG[slug]
    with CaptureQueriesContext(connection) as small:
        dataset.build()
    later = SessionPageFactory(parent=sessions, date=datetime.date(2026, 7, 1))
    for someone in [*world["a"], *world["c"]]:
        mark_attendance(later, someone)
    attempt(world["c"][0], world["post"], session=later, purpose=Purpose.POST, score=75)
    with CaptureQueriesContext(connection) as large:
        dataset.build()
    assert len(small) == len(large) == 1


# The site and its root page, which every request's routing reads once per page-cache
# generation (content/base/routing.py) and a cleared cache reads again.
SITE_QUERIES = 2


def test_the_metadata_takes_one_query_per_data_set_then_none(client, world):
    with CaptureQueriesContext(connection) as cold:
        fetch(client, "metadata")
    assert len(cold) == len(open_data.DATASETS) + SITE_QUERIES
    with CaptureQueriesContext(connection) as warm:
        fetch(client, "metadata")
        for slug in SLUGS:
            fetch(client, "dataset_json", slug=slug)
            fetch(client, "dataset_csv", slug=slug)
    assert len(warm) == 0


def test_the_index_takes_as_many_queries_whatever_the_data(client, world, sessions):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            fetch(client, "index")
        return len(queries)

    count()  # Django's and Wagtail's own per-process caches filled
    before = count()
    later = SessionPageFactory(parent=sessions, date=datetime.date(2026, 7, 1))
    for someone in [*world["a"], *world["c"]]:
        mark_attendance(later, someone)
    # Besides the data sets: routing's site and root page, and the site settings the base
    # template shows, each read once per page-cache generation (a cleared cache reads them again).
    assert count() == before == len(open_data.DATASETS) + SITE_QUERIES + 1


def test_the_page_cache_keeps_a_copy_no_longer_than_the_figures(
    client, world, settings, stored_timeouts
):
    settings.PAGE_CACHE_SECONDS = 3600
    first = fetch(client, "dataset_json", slug="partisipasi-bulanan")
    assert first["X-Lentera-Cache"] == "miss"
    assert 0 < max(stored_timeouts.values()) <= open_data.CACHE_SECONDS
    again = fetch(client, "dataset_json", slug="partisipasi-bulanan")
    assert again["X-Lentera-Cache"] == "hit" and again.content == first.content
