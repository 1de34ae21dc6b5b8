"""The summary tables (models/summary.py, services/summary.py): headline() read from them gives
the same figures as headline() read from the records, on the hand-made set of test_headline;
the tables are read only while current, and a refresh after a write brings them up to date."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.stats import reports, selectors, series, services, tasks
from content.stats.filters import StatsFilter
from content.stats.models import AttendanceCell, PersonDay, summary_is_current
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.stats.test_headline import YEAR_2026, world  # noqa: F401 (the hand-made set)

pytestmark = pytest.mark.django_db


def filters(world):  # noqa: F811
    return {
        "year": StatsFilter(**YEAR_2026),
        "all time": StatsFilter(),
        "kecamatan": StatsFilter(**YEAR_2026, agency=world["kecamatan"]),
        "kelurahan": StatsFilter(**YEAR_2026, agency=world["kelurahan"]),
        "dinas, asn": StatsFilter(**YEAR_2026, agency=world["dinas"], group="asn"),
        "ptt": StatsFilter(**YEAR_2026, group="ptt"),
        "pppk": StatsFilter(group="pppk"),
        "neutrality": StatsFilter(**YEAR_2026, topic=world["neutrality"]),
        "literacy, all time": StatsFilter(topic=world["literacy"]),
        "march": StatsFilter(start=datetime.date(2026, 3, 10), end=datetime.date(2026, 3, 10)),
        "from may": StatsFilter(start=datetime.date(2026, 5, 2)),
        "until 2025": StatsFilter(end=datetime.date(2025, 12, 31)),
        "nothing": StatsFilter(start=datetime.date(2030, 1, 1)),
    }


@pytest.fixture
def build(django_capture_on_commit_callbacks):
    """summary_rebuild() as committed: its token reaches the cache once the transaction
    commits (the test's own transaction never does)."""

    def rebuild():
        with django_capture_on_commit_callbacks(execute=True):
            return services.summary_rebuild()

    return rebuild


def records_and_summary(stats_filter):
    """(headline from the records, headline from the summary tables)."""
    return (
        selectors._headline_from_records(stats_filter),
        selectors._headline_from_summary(stats_filter),
    )


class TestSameFiguresAsTheRecords:
    def test_every_filter_gives_the_records_figures(self, world, build):  # noqa: F811
        build()
        for name, stats_filter in filters(world).items():
            from_records, from_summary = records_and_summary(stats_filter)
            assert from_summary == from_records, name

    def test_the_hand_worked_year(self, world, build):  # noqa: F811
        build()
        with CaptureQueriesContext(connection) as queries:
            figures = selectors.headline(StatsFilter(**YEAR_2026))
        assert any("stats_personday" in q["sql"] for q in queries.captured_queries)
        # As test_headline.test_the_year_as_a_whole worked them out by hand.
        assert (figures.sessions_held, figures.attendances, figures.participants) == (2, 4, 4)
        assert (figures.asn, figures.ptt, figures.training_hours) == (3, 1, 14)
        assert (figures.registered, figures.registered_attended) == (5, 3)
        assert (figures.attempts_started, figures.attempts_finished) == (6, 5)
        assert (figures.attempts_assessed, figures.attempts_passed) == (3, 2)
        assert (str(figures.pre_average), str(figures.post_average)) == ("50.00", "65.00")
        assert figures.certificates == 1

    def test_a_person_counts_once_across_days_and_agencies(self, world, build):  # noqa: F811
        """Distinct people are exact: p2 attended on two days of the period in two agencies."""
        p2 = world["p2"]
        p2.agency = world["dinas"]
        p2.save()
        mark_attendance(world["s2"], p2, "hadir")  # now at the dinas
        build()
        assert PersonDay.objects.filter(person_id=p2.pk).count() == 2
        figures = selectors.headline(StatsFilter(**YEAR_2026))
        assert (figures.participants, figures.attendances) == (4, 5)
        assert figures == selectors._headline_from_records(StatsFilter(**YEAR_2026))

    def test_a_single_session_reads_the_records(self, world, build):  # noqa: F811
        build()
        with CaptureQueriesContext(connection) as queries:
            selectors.headline(StatsFilter(session=world["s1"]))
        assert not any("stats_" in q["sql"] for q in queries.captured_queries)


class TestCurrentOrNotRead:
    def test_before_the_first_build_the_records_are_read(self, world):  # noqa: F811
        assert not summary_is_current()
        with CaptureQueriesContext(connection) as queries:
            figures = selectors.headline(StatsFilter(**YEAR_2026))
        assert len(queries) == 4
        assert not any("stats_" in q["sql"] for q in queries.captured_queries)
        assert figures.attendances == 4

    def test_a_write_makes_the_tables_stale_and_the_refresh_current_again(
        self,
        world,  # noqa: F811
        build,
        django_capture_on_commit_callbacks,
    ):
        year = StatsFilter(**YEAR_2026)
        build()
        assert summary_is_current()
        before = selectors.headline(year)
        with django_capture_on_commit_callbacks(execute=True):
            mark_attendance(world["s2"], world["p4"], "hadir")
        assert not summary_is_current()
        # Until the refresh, the records: the new attendance shows at once.
        assert selectors.headline(year).attendances == before.attendances + 1
        with django_capture_on_commit_callbacks(execute=True):
            tasks.refresh()
        assert summary_is_current()
        after = selectors.headline(year)
        assert after.attendances == before.attendances + 1
        assert after.registered_attended == before.registered_attended + 1
        assert after == selectors._headline_from_records(year)

    def test_an_emptied_cache_is_not_taken_for_current(self, world, build):  # noqa: F811
        from django.core.cache import cache

        build()
        AttendanceCell.objects.all().delete()  # as a restored database might hold
        cache.clear()
        assert not summary_is_current()
        assert selectors.headline(StatsFilter(**YEAR_2026)).attendances == 4

    def test_rebuilding_twice_inserts_nothing_twice(self, world, build):  # noqa: F811
        first = build()
        second = build()
        assert first == second
        assert AttendanceCell.objects.count() == first["attendancecell"]


@pytest.mark.parametrize("people", [2, 20])
def test_the_headline_from_the_tables_takes_six_queries_whatever_the_data(sessions, build, people):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 4, 1))
    for index in range(people):
        person = ptt() if index % 2 else ParticipantFactory()
        mark_attendance(session, person, "hadir")
    build()
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.headline(StatsFilter(**YEAR_2026))
    assert len(queries) == 6
    assert (figures.participants, figures.ptt) == (people, people // 2)


def charts_rows(stats_filter):
    return {
        name: getattr(series, name)(stats_filter)
        for name in (
            "per_month",
            "per_agency",
            "group_split",
            "score_distribution",
            "pre_post_per_session",
        )
    }


def test_the_charts_from_the_tables_are_those_from_the_records(world, build):  # noqa: F811
    from_records = {name: charts_rows(f) for name, f in filters(world).items()}
    build()
    for name, stats_filter in filters(world).items():
        with CaptureQueriesContext(connection) as queries:
            from_summary = charts_rows(stats_filter)
        assert any("stats_attemptcell" in q["sql"] for q in queries.captured_queries)
        for chart, rows in from_records[name].items():
            if chart == "pre_post_per_session":  # averages: Decimal here, float on SQLite
                rows = [(r.title, r.date, _float(r.pre), _float(r.post)) for r in rows]
                mine = [
                    (r.title, r.date, _float(r.pre), _float(r.post)) for r in from_summary[chart]
                ]
                assert mine == rows, (name, chart)
            else:
                assert from_summary[chart] == rows, (name, chart)


def _float(value):
    return None if value is None else round(float(value), 6)


def test_the_agency_reports_from_the_tables_are_those_from_the_records(world, build):  # noqa: F811
    def both(stats_filter):
        return (
            reports.agency_coverage(stats_filter),
            reports.topic_coverage(stats_filter, threshold=50),
        )

    from_records = {name: both(f) for name, f in filters(world).items()}
    build()
    for name, stats_filter in filters(world).items():
        with CaptureQueriesContext(connection) as queries:
            from_summary = both(stats_filter)
        assert any("stats_personday" in q["sql"] for q in queries.captured_queries)
        assert from_summary == from_records[name], name


def _planner_figures(model):
    """(reltuples, relallvisible) of the model's table: set by ANALYZE, and by VACUUM only."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples, relallvisible FROM pg_class WHERE relname = %s",
            [model._meta.db_table],
        )
        return cursor.fetchone()


def _two_attended(sessions):
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 4, 1))
    for person in (ParticipantFactory(), ptt()):
        mark_attendance(session, person, "hadir")


@pytest.mark.postgres
class TestTidiedAfterTheBuild:
    """Emptied and filled again, a table is all dead rows and no statistics until tidied: a
    year's cold dashboard took 1.6 s on the benchmark's data, 0.55 s tidied."""

    def test_inside_a_transaction_the_tables_are_analysed(self, sessions, build):
        _two_attended(sessions)
        build()
        rows, _visible = _planner_figures(PersonDay)
        assert rows == PersonDay.objects.count() == 2  # -1 when never analysed

    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_once_committed_they_are_vacuumed(self, sessions):
        _two_attended(sessions)
        services.summary_rebuild()  # its own transaction, committed: VACUUM may run
        rows, visible = _planner_figures(PersonDay)
        assert (rows, visible) == (2, 1)  # one page, marked all-visible by VACUUM alone
