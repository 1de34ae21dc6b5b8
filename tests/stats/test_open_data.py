"""Open data (/data-terbuka/) on a small hand-made data set: releases of closed quarters, stored
once; every expected figure below is worked out by hand from the records the fixture states,
suppression included."""

import csv
import datetime
import hashlib
import io
import json

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.people.models import ParticipantGroup
from content.quizzes.models import Purpose
from content.stats import open_data, services
from content.stats.models import OpenDataFile, OpenDataRelease, PublishedRecordError
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db
FORMULA_AGENCY = '=HYPERLINK("http://contoh.invalid/x","klik")'
SLUGS = [dataset.slug for dataset in open_data.DATASETS]
Q1 = "2025-q1"
# 2025-Q1 ends on 31 March; thirty days of grace later, it may be published from 1 May.
AFTER_Q1 = datetime.date(2025, 5, 1)


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
    """Nineteen people in three agencies (one with a formula for a name); three sessions in
    2025-Q1 on two topics (none in January), one in 2025-Q2; pre- and post-tests at two."""
    dinas = AgencyFactory(name="Dinas Kominfo")
    formula = AgencyFactory(name=FORMULA_AGENCY)
    kecamatan = AgencyFactory(name="Kecamatan Utara")
    literacy = TopicFactory(name="Literasi Digital", slug="literasi-digital")
    neutrality = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
    groups = [ParticipantGroup.PNS] * 10 + [ParticipantGroup.PPPK, ParticipantGroup.PTT]
    a = [person(f"A{i}", dinas, group, i) for i, group in enumerate(groups, start=1)]
    b = [person(f"B{i}", formula, ParticipantGroup.PTT, 20 + i) for i in (1, 2)]
    c = [person(f"C{i}", kecamatan, ParticipantGroup.PNS, 30 + i) for i in range(1, 6)]

    def session(slug, date, topic, attendees, absent=()):
        page = SessionPageFactory(parent=sessions, slug=slug, date=date, topic=topic)
        for attendee in attendees:
            mark_attendance(page, attendee, "terlambat" if attendee is a[0] else "hadir")
        for attendee in absent:
            mark_attendance(page, attendee, "tidak_hadir")
        return page

    s1 = session("s1", datetime.date(2025, 2, 10), literacy, [*a, b[0]], absent=[c[0]])
    s2 = session("s2", datetime.date(2025, 3, 20), neutrality, [a[0], a[1], c[0]])
    s3 = session("s3", datetime.date(2025, 3, 25), literacy, c)
    s4 = session("s4", datetime.date(2025, 5, 5), literacy, a[:6])

    pre, post = make_quiz(count=1, self_paced=False), make_quiz(count=1, self_paced=False)
    for page in (s1, s2, s4):
        use_in_session(pre, page, Purpose.PRE)
        use_in_session(post, page, Purpose.POST)

    def tests(page, pre_scores, post_scores):
        for someone, score in pre_scores:
            attempt(someone, pre, session=page, purpose=Purpose.PRE, score=score, on=page.date)
        for someone, score in post_scores:
            attempt(someone, post, session=page, purpose=Purpose.POST, score=score, on=page.date)

    pre_scores = [40, 50, 60, 50, 40, 60, 30, 20, 70, 45, 55, 36]
    post_scores = [80, 70, 90, 60, 50, 75, 85, 40, 65, 95, 30]
    tests(
        s1,
        zip([*a[:11], b[0]], pre_scores, strict=True),
        zip([*a[:10], b[0]], post_scores, strict=True),
    )
    attempt(a[11], post, session=s1, purpose=Purpose.POST, on=s1.date)  # still open
    tests(s2, [], [(a[0], 90), (a[1], 40)])
    tests(s4, [], [(someone, 100) for someone in a[:6]])
    # A self-paced quiz is no session's test.
    attempt(c[0], make_quiz(count=1), score=100, on=datetime.date(2025, 3, 2))
    return locals()


@pytest.fixture
def released(world):
    """2025-Q1 published (2025-Q2 has not closed yet)."""
    return services.open_data_publish_due(today=AFTER_Q1)


def fetch(client, name, **kwargs):
    response = client.get(reverse(f"stats_open_data:{name}", kwargs=kwargs))
    assert response.status_code == 200, response
    return response


def data(client, slug, periode=Q1):
    return json.loads(fetch(client, "dataset_json", periode=periode, slug=slug).content)["data"]


def csv_rows(client, slug, periode=Q1):
    response = fetch(client, "dataset_csv", periode=periode, slug=slug)
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def table(keys, rows):
    return [dict(zip(keys, row, strict=True)) for row in rows]


class TestWhatIsReleasedAndWhen:
    @pytest.mark.parametrize(
        "today, expected",
        [
            (datetime.date(2025, 3, 31), []),  # the quarter has not ended
            (datetime.date(2025, 4, 30), []),  # grace period
            (AFTER_Q1, [Q1]),
            (datetime.date(2025, 7, 30), []),  # Q2's grace period: nothing more
            (datetime.date(2025, 7, 31), ["2025-q2"]),
        ],
    )
    def test_only_closed_quarters_after_their_grace_period(self, world, today, expected):
        if today > AFTER_Q1:
            services.open_data_publish_due(today=AFTER_Q1)
        published = services.open_data_publish_due(today=today)
        assert [release.slug for release in published] == expected

    def test_a_period_that_has_not_closed_cannot_be_released_by_hand(self, world):
        period = open_data.Period(2025, 2)
        with pytest.raises(services.PeriodNotClosed):
            services.open_data_release_publish(period=period, today=datetime.date(2025, 7, 1))
        assert not OpenDataRelease.objects.exists()

    def test_publishing_again_changes_nothing_even_after_corrections(self, client, world, released):
        files = {
            (stored.dataset, kind): fetch(
                client, f"dataset_{kind}", periode=Q1, slug=stored.dataset
            ).content
            for stored in OpenDataFile.objects.all()
            for kind in ("json", "csv")
        }
        # A late paper list and a late post-test for Q1 sessions, after Q1 was published.
        late = person("L1", world["kecamatan"], number=90)
        mark_attendance(world["s3"], late)
        attempt(world["a"][11], world["post"], session=world["s1"], purpose=Purpose.POST, score=99)
        assert services.open_data_publish_due(today=AFTER_Q1) == []
        call_command("publish_open_data", stdout=io.StringIO())
        cache.clear()
        for (slug, kind), body in files.items():
            assert fetch(client, f"dataset_{kind}", periode=Q1, slug=slug).content == body
        assert OpenDataRelease.objects.filter(slug=Q1).count() == 1

    def test_a_published_release_cannot_be_changed(self, released):
        release = OpenDataRelease.objects.get()
        release.suppression = "tanpa supresi"
        with pytest.raises(PublishedRecordError):
            release.save()
        stored = OpenDataFile.objects.first()
        stored.csv = "peserta\r\n1\r\n"
        with pytest.raises(PublishedRecordError):
            stored.save()

    def test_the_command_says_what_it_published(self, world, settings):
        out = io.StringIO()
        call_command("publish_open_data", stdout=out)
        # Today is long after 2025: both quarters of the fixture, and every one after them.
        assert "Rilis data terbuka 2025-q1 diterbitkan." in out.getvalue()
        out = io.StringIO()
        call_command("publish_open_data", stdout=out)
        assert out.getvalue() == "Tidak ada rilis data terbuka yang jatuh tempo.\n"

    def test_the_task_publishes_too(self, world):
        from content.stats import tasks

        assert Q1 in tasks.publish_open_data.call()
        assert tasks.publish_open_data.call() == []


MONTH_KEYS = [column.name for column in open_data.BY_SLUG["partisipasi-bulanan"].columns]


def test_participation_per_month(client, released):
    # January: no session, zeros. February: S1, the twelve of A and B1: 13 attendances by 13
    # people, 11 ASN and 2 PTT (A12, B1). PTT is withheld, and ASN with it (13 - 11 = 2).
    # March: S2 (A1, A2, C1) and S3 (C1-C5): 8 attendances by 7 people, all PNS. The ASN column
    # then has one withheld cell: March's 7 goes too, then March's participants (7 = ? + 0),
    # then February's participants (the column would have one withheld cell).
    assert data(client, "partisipasi-bulanan") == table(
        MONTH_KEYS,
        [
            ("2025-Q1", "2025-01", 0, 0, 0, 0, 0),
            ("2025-Q1", "2025-02", 1, 13, None, None, None),
            ("2025-Q1", "2025-03", 2, 8, None, None, 0),
        ],
    )


def test_participation_per_agency(client, released):
    # Dinas Kominfo: S1 twelve, S2 two (14 attendances, 12 people); the formula agency: B1 once
    # (withheld); Kecamatan Utara: C1 at S2 and all five at S3 (6, 5), withheld as the
    # complement: otherwise 21 attendances (by month) - 14 - 6 would give B1's away.
    assert data(client, "partisipasi-opd") == table(
        ("periode", "opd", "kehadiran", "peserta"),
        [
            ("2025-Q1", FORMULA_AGENCY, None, None),
            ("2025-Q1", "Dinas Kominfo", 14, 12),
            ("2025-Q1", "Kecamatan Utara", None, None),
        ],
    )


def test_an_agency_is_the_one_recorded_at_the_time(client, world):
    for someone in world["a"]:
        someone.agency = world["kecamatan"]
        someone.save()
    services.open_data_publish_due(today=AFTER_Q1)
    assert data(client, "partisipasi-opd")[1] == {
        "periode": "2025-Q1",
        "opd": "Dinas Kominfo",
        "kehadiran": 14,
        "peserta": 12,
    }


def test_participation_per_topic(client, released):
    # Literasi Digital: S1 (13) and S3 (5), 18 people; Netralitas ASN: S2, 3 people, withheld,
    # and Literasi's figures with it (21 - 18 = 3).
    assert data(client, "partisipasi-topik") == table(
        ("periode", "topik", "sosialisasi_terlaksana", "kehadiran", "peserta"),
        [
            ("2025-Q1", "Literasi Digital", 2, None, None),
            ("2025-Q1", "Netralitas ASN", 1, None, None),
        ],
    )


def test_quiz_results_per_topic(client, released):
    # Literasi (S1): pre-tests by twelve, average 556 / 12 = 46.3; eleven finished post-tests
    # (A12's is open), 6 passed and 5 did not (54.5 %), average 740 / 11 = 67.3; twelve people
    # and 23 attempts, withheld as the complement of Netralitas's (S2: two people, all
    # withheld). The self-paced quiz and S4 (next quarter) count nowhere.
    keys = [column.name for column in open_data.BY_SLUG["hasil-kuis-topik"].columns]
    assert data(client, "hasil-kuis-topik") == table(
        keys,
        [
            ("2025-Q1", "Literasi Digital", None, None, 54.5, 46.3, 67.3),
            ("2025-Q1", "Netralitas ASN", None, None, None, None, None),
        ],
    )


class TestAveragesNeedEnoughPeople:
    def _results(self, sessions, scores, *, people=None):
        topic = TopicFactory(name="Kecakapan", slug="kecakapan")
        session = SessionPageFactory(parent=sessions, date=datetime.date(2025, 2, 3), topic=topic)
        post = make_quiz(count=1, self_paced=False)
        use_in_session(post, session, Purpose.POST)
        agency = AgencyFactory(name="Badan Uji")
        for number, score in enumerate(scores):
            someone = person(f"N{number}", agency, number=number)
            attempt(someone, post, session=session, purpose=Purpose.POST, score=score)
        services.open_data_publish_due(today=AFTER_Q1)
        [row] = OpenDataFile.objects.get(dataset="hasil-kuis-topik").rows
        return row

    def test_nine_people_are_not_enough(self, sessions):
        row = self._results(sessions, [90, 80, 30, 40, 50, 95, 20, 75, 60])
        assert row["peserta"] == 9
        assert row["rata_rata_post_test"] is None and row["persen_lulus_post_test"] is None

    def test_ten_are(self, sessions):
        row = self._results(sessions, [90, 80, 30, 40, 50, 95, 20, 75, 60, 70])
        assert row["rata_rata_post_test"] == 61.0
        assert row["persen_lulus_post_test"] == 50.0

    def test_everyone_with_the_same_score_shows_no_average(self, sessions):
        row = self._results(sessions, [100] * 12)
        assert row["rata_rata_post_test"] is None  # it would be each person's score

    def test_everyone_passing_shows_no_pass_rate(self, sessions):
        row = self._results(sessions, [70, 80, 90, 100, 75, 85, 95, 72, 88, 99, 71])
        assert row["rata_rata_post_test"] == 84.1
        assert row["persen_lulus_post_test"] is None  # 100 %: each one passed

    def test_a_handful_failing_shows_no_pass_rate(self, sessions):
        row = self._results(sessions, [70, 80, 90, 100, 75, 85, 95, 72, 10, 20, 30, 40])
        assert row["persen_lulus_post_test"] is None  # 4 did not pass


def test_csv_matches_json_with_empty_cells_for_withheld_ones(client, released):
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


def test_a_formula_in_an_agency_name_stays_text_in_csv(client, released):
    rows = csv_rows(client, "partisipasi-opd")
    names = [row[1] for row in rows[1:]]
    assert "'" + FORMULA_AGENCY in names
    assert not any(name.startswith(("=", "+", "-", "@")) for name in names)
    # JSON is no spreadsheet: the name is published as it is.
    assert data(client, "partisipasi-opd")[0]["opd"] == FORMULA_AGENCY


def test_no_personal_data_anywhere(client, released, world):
    people = [*world["a"], *world["b"], *world["c"]]
    secrets = set()
    for someone in people:
        secrets |= {someone.username, someone.full_name, someone.email, someone.phone}
        secrets |= {someone.nik, someone.nip} - {None}
    secrets |= {"Rahasiawan", "surel-pribadi", "akun-rahasia", "0812999", "3578019"}
    bodies = [fetch(client, "index"), fetch(client, "metadata")]
    for slug in SLUGS:
        bodies += [
            fetch(client, "dataset_json", periode=Q1, slug=slug),
            fetch(client, "dataset_csv", periode=Q1, slug=slug),
        ]
    for response in bodies:
        text = response.content.decode("utf-8")
        assert not [secret for secret in secrets if secret.lower() in text.lower()]


def test_metadata_describes_every_data_set_with_working_links_and_checksums(client, released):
    catalog = json.loads(fetch(client, "metadata").content)
    assert catalog["@type"] == "dcat:Catalog"
    described = {entry["identifier"].rsplit("#", 1)[1]: entry for entry in catalog["dataset"]}
    assert list(described) == [f"{Q1}/{slug}" for slug in SLUGS]
    for identifier, entry in described.items():
        slug = identifier.split("/")[1]
        assert entry["title"].endswith("Triwulan I 2025") and entry["description"]
        assert entry["publisher"]["name"] == "Dinas Komunikasi dan Informatika"
        assert entry["license"] == "https://creativecommons.org/licenses/by/4.0/"
        assert "CC BY 4.0" in entry["licenseTitle"]
        assert entry["accrualPeriodicity"] == "R/P3M"
        assert entry["temporal"] == "2025-01-01/2025-03-31"
        assert "kurang dari 5" in entry["suppression"] and "sedikitnya 10" in entry["suppression"]
        names = [column["name"] for column in entry["columns"]]
        assert names == open_data.BY_SLUG[slug].column_names
        assert all(column["description"] for column in entry["columns"])
        formats = {}
        for distribution in entry["distribution"]:
            # On the site's address (the default Site), not the request's host.
            assert distribution["downloadURL"].startswith(f"http://localhost/data-terbuka/{Q1}/")
            response = client.get(distribution["downloadURL"])
            assert response.status_code == 200
            assert response["Content-Type"].startswith(distribution["mediaType"])
            digest = hashlib.sha256(response.content).hexdigest()
            assert distribution["checksum"] == {"algorithm": "SHA-256", "value": digest}
            assert response["ETag"] == f'"{digest}"'
            formats[distribution["format"]] = response
        assert set(formats) == {"JSON", "CSV"}


def test_the_stored_hash_is_the_hash_of_the_served_bytes(client, released):
    for stored in OpenDataFile.objects.all():
        for kind in ("json", "csv"):
            body = fetch(client, f"dataset_{kind}", periode=Q1, slug=stored.dataset).content
            assert hashlib.sha256(body).hexdigest() == getattr(stored, f"{kind}_sha256")


def test_headers(client, released):
    response = fetch(client, "dataset_csv", periode=Q1, slug="partisipasi-bulanan")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    expected = 'inline; filename="partisipasi-bulanan-2025-q1.csv"'
    assert response["Content-Disposition"] == expected
    assert "max-age=86400" in response["Cache-Control"]
    response = fetch(client, "dataset_json", periode=Q1, slug="partisipasi-opd")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "Kominfo" in response.content.decode("utf-8")  # ensure_ascii=False: UTF-8 as is
    assert fetch(client, "metadata")["Content-Type"] == "application/json; charset=utf-8"
    assert "max-age=900" in fetch(client, "index")["Cache-Control"]


def test_non_ascii_text_is_written_as_utf8(client, sessions):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2025, 1, 6))
    agency = AgencyFactory(name="Kelurahan Sukamaju Séléksi")
    for number in range(5):
        mark_attendance(session, person(f"U{number}", agency, number=number))
    services.open_data_publish_due(today=AFTER_Q1)
    response = fetch(client, "dataset_json", periode=Q1, slug="partisipasi-opd")
    assert "Séléksi" in response.content.decode("utf-8")
    body = fetch(client, "dataset_csv", periode=Q1, slug="partisipasi-opd").content
    assert "Séléksi".encode() in body


def test_the_index_lists_every_release_for_anyone(client, released):
    page = fetch(client, "index").content.decode()
    assert "Triwulan I 2025" in page and "1 Januari 2025 s.d. 31 Maret 2025" in page
    for stored in OpenDataFile.objects.all():
        assert stored.title in page and stored.csv_sha256 in page
        assert reverse("stats_open_data:dataset_json", args=[Q1, stored.dataset]) in page
        assert reverse("stats_open_data:dataset_csv", args=[Q1, stored.dataset]) in page
    assert "CC BY 4.0" in page
    assert reverse("stats_open_data:metadata") in page


def test_the_latest_links_lead_to_the_newest_release(client, world):
    services.open_data_publish_due(today=datetime.date(2025, 7, 31))
    response = client.get(reverse("stats_open_data:latest_csv", args=["partisipasi-opd"]))
    assert response.status_code == 302
    assert response["Location"] == "/data-terbuka/2025-q2/partisipasi-opd.csv"
    response = client.get(reverse("stats_open_data:latest_json", args=["partisipasi-opd"]))
    assert response["Location"] == "/data-terbuka/2025-q2/partisipasi-opd.json"


def test_nothing_released_yet(client, db):
    page = fetch(client, "index").content.decode()
    assert "Belum ada rilis" in page
    assert json.loads(fetch(client, "metadata").content)["dataset"] == []
    assert client.get("/data-terbuka/partisipasi-bulanan.json").status_code == 404
    assert client.get(f"/data-terbuka/{Q1}/partisipasi-bulanan.json").status_code == 404


def test_an_unknown_data_set_or_period_is_not_found(client, released):
    assert client.get(f"/data-terbuka/{Q1}/tidak-ada.json").status_code == 404
    assert client.get(f"/data-terbuka/{Q1}/tidak-ada.csv").status_code == 404
    assert client.get("/data-terbuka/2024-q4/partisipasi-bulanan.csv").status_code == 404
    assert client.get("/data-terbuka/2025-q5/partisipasi-bulanan.csv").status_code == 404
    assert client.get(f"/data-terbuka/{Q1}/partisipasi-bulanan.xlsx").status_code == 404
    assert client.get("/data-terbuka/tidak-ada.csv").status_code == 404
    assert client.post(f"/data-terbuka/{Q1}/partisipasi-bulanan.json").status_code == 405


def test_figures_are_never_computed_for_a_request(client, released, world):
    # A new attendance, in a quarter not released, changes no response, and reading costs no
    # query on the records behind the figures.
    before = {slug: data(client, slug) for slug in SLUGS}
    mark_attendance(world["s4"], world["c"][2])
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        after = {slug: data(client, slug) for slug in SLUGS}
        fetch(client, "index")
        fetch(client, "metadata")
    assert after == before
    touched = " ".join(query["sql"] for query in queries)
    for table_name in ("training_attendance", "quizzes_attempt", "training_sessionpage"):
        assert table_name not in touched


@pytest.mark.parametrize("slug", SLUGS)
def test_each_data_set_is_one_query_whatever_the_data(slug, world, sessions):
    dataset = open_data.BY_SLUG[slug]
    period = open_data.Period(2025, 1)
    with CaptureQueriesContext(connection) as small:
        dataset.build(period)
    later = SessionPageFactory(parent=sessions, date=datetime.date(2025, 3, 28))
    for someone in [*world["a"], *world["c"]]:
        mark_attendance(later, someone)
    attempt(world["c"][0], world["post"], session=later, purpose=Purpose.POST, score=75)
    with CaptureQueriesContext(connection) as large:
        dataset.build(period)
    assert len(small) == len(large) == 1


def test_the_index_takes_as_many_queries_whatever_the_releases(client, world):
    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            fetch(client, "index")
        return len(queries)

    services.open_data_publish_due(today=AFTER_Q1)
    count()  # Django's and Wagtail's own per-process caches filled
    one = count()
    services.open_data_publish_due(today=datetime.date(2025, 12, 1))
    assert OpenDataRelease.objects.count() == 3
    # Routing's site, the sites' root paths (computed once per generation, cleared here with
    # the cache) and root page, the site settings, the releases and their files.
    assert count() == one == 3 + 1 + 2


def test_a_new_release_shows_at_once_on_cached_pages(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 3600
    with django_capture_on_commit_callbacks(execute=True):
        services.open_data_publish_due(today=AFTER_Q1)
    first = fetch(client, "index")
    assert fetch(client, "index")["X-Lentera-Cache"] == "hit"
    assert "Triwulan II 2025" not in first.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.open_data_publish_due(today=datetime.date(2025, 7, 31))
    assert "Triwulan II 2025" in fetch(client, "index").content.decode()
