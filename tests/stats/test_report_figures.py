"""The report desk's figures (content/reports/selectors/figures.py) on a hand-made desk: every
expected figure below is worked out by hand from the reports and cases the fixture states.

The desk, three weeks of January 2026 (Asia/Jakarta), Monday 5 to Sunday 25:

    case kind          platform   OPD      reports (submitted)         response  other
    C1   hoaks         facebook   -        5 Jan 00:30, 6 Jan, 14 Jan  +2 h      fact-check live
                                           (and 26 Jan 00:10: after)
    C2   hoaks         tiktok     -        13 Jan                      +10 h     fact-check draft
    C3   asn_kampanye  instagram  Dinas A  7 Jan, 21 Jan               +5 h      forwarded
    C4   asn_kampanye  facebook   Kec. B   22 Jan                      none
    C5   lainnya       youtube    -        25 Jan 23:30                +1 h
    C6   hoaks         facebook   -        4 Jan 23:30 (before)        +1 h

In the period: 8 reports, 5 cases (C6 was opened before it); 4 responded (1, 2, 5, 10 hours:
median 3.5 h); 1 forwarded (20.0 %); 1 turned into a live fact-check (20.0 %).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from content.reports.models import Case, Kind, Platform, Report
from content.reports.selectors import figures
from content.reports.selectors.figures import FigureFilter
from tests.factories.articles import FactCheckPageFactory
from tests.factories.people import AgencyFactory
from tests.factories.reports import submit_report

pytestmark = pytest.mark.django_db
JANUARY = FigureFilter(start=datetime.date(2026, 1, 5), end=datetime.date(2026, 1, 25))
LINKS = {
    "C1": "https://www.facebook.com/permalink.php?story_fbid=101&id=7",
    "C2": "https://www.tiktok.com/@akun/video/202",
    "C3": "https://www.instagram.com/p/C3pos/",
    "C4": "https://m.facebook.com/story.php?story_fbid=404&id=9",
    "C5": "https://www.youtube.com/watch?v=c5video",
    "C6": "https://www.facebook.com/permalink.php?story_fbid=606&id=7",
}


def at(day, hour=9, minute=0):
    """A moment in Asia/Jakarta, 2026-01-`day`."""
    return timezone.make_aware(datetime.datetime(2026, 1, day, hour, minute))


def report(case_name, kind, when):
    """A report through the service, then its time set (tests only) to `when`."""
    link = LINKS.get(case_name, f"https://www.instagram.com/p/{case_name.lower()}/")
    submitted = submit_report(kind=kind, links=(link,))
    Report.objects.filter(pk=submitted.report.pk).update(submitted_at=when)
    return submitted.report.case


def open_case(case_name, kind, reported_at, *, response_hours=None, **fields):
    """A case from its reports; its opening (the first report) and response times set."""
    case = None
    for when in reported_at:
        case = report(case_name, kind, when)
    opened = reported_at[0]
    responded = opened + datetime.timedelta(hours=response_hours) if response_hours else None
    Case.objects.filter(pk=case.pk).update(opened_at=opened, first_response_at=responded, **fields)
    case.refresh_from_db()
    return case


@pytest.fixture
def desk(site_tree):
    dinas = AgencyFactory(name="Dinas Alpha", short_name="Dinas A")
    kecamatan = AgencyFactory(name="Kecamatan Beta", short_name="Kec. B")
    live = FactCheckPageFactory(parent=site_tree.fact_checks, title="Hoaks bansos")
    draft = FactCheckPageFactory(parent=site_tree.fact_checks, title="Draf", live=False)
    c1 = open_case(
        "C1",
        Kind.HOAX,
        [at(5, 0, 30), at(6), at(14), at(26, 0, 10)],
        response_hours=2,
        fact_check=live,
    )
    c2 = open_case("C2", Kind.HOAX, [at(13)], response_hours=10, fact_check=draft)
    c3 = open_case(
        "C3",
        Kind.ASN_CAMPAIGN,
        [at(7), at(21)],
        response_hours=5,
        agency=dinas,
        forwarded_at=at(8),
    )
    c4 = open_case("C4", Kind.ASN_CAMPAIGN, [at(22)], agency=kecamatan)
    c5 = open_case("C5", Kind.OTHER, [at(25, 23, 30)], response_hours=1)
    c6 = open_case("C6", Kind.HOAX, [at(4, 23, 30)], response_hours=1)
    return {
        "dinas": dinas,
        "kecamatan": kecamatan,
        "cases": [c1, c2, c3, c4, c5, c6],
        "live": live,
        "draft": draft,
    }


def test_the_desk_is_as_the_fixture_says(desk):
    platforms = [case.platform for case in desk["cases"]]
    assert platforms == ["facebook", "tiktok", "instagram", "facebook", "youtube", "facebook"]
    assert [case.reports.count() for case in desk["cases"]] == [4, 1, 2, 1, 1, 1]


class TestDeskFigures:
    def test_reports_and_cases_are_counted_apart(self, desk):
        found = figures.desk_figures(JANUARY)
        assert (found.reports, found.cases) == (8, 5)

    def test_per_week_monday_to_sunday_in_jakarta(self, desk):
        found = figures.desk_figures(JANUARY)
        weeks = [(row.key, row.reports, row.cases) for row in found.per_week]
        # 5 Jan 00:30 WIB is 4 Jan in UTC: still the week of 5 January here.
        assert weeks == [
            (datetime.date(2026, 1, 5), 3, 2),
            (datetime.date(2026, 1, 12), 2, 1),
            (datetime.date(2026, 1, 19), 3, 2),
        ]

    def test_per_kind_every_kind_even_without_reports(self, desk):
        found = figures.desk_figures(JANUARY)
        assert [(row.key, row.reports, row.cases) for row in found.per_kind] == [
            (Kind.HOAX, 4, 2),
            (Kind.ASN_CAMPAIGN, 3, 2),
            (Kind.HATE_SPEECH, 0, 0),
            (Kind.OTHER, 1, 1),
        ]
        assert [row.label for row in found.per_kind][1] == "ASN ikut kampanye"

    def test_per_platform(self, desk):
        found = figures.desk_figures(JANUARY)
        rows = {row.key: (row.reports, row.cases) for row in found.per_platform}
        assert rows == {
            Platform.FACEBOOK: (4, 2),
            Platform.INSTAGRAM: (2, 1),
            Platform.TIKTOK: (1, 1),
            Platform.X: (0, 0),
            Platform.YOUTUBE: (1, 1),
            Platform.WHATSAPP: (0, 0),
            Platform.OTHER: (0, 0),
        }

    def test_shares_of_cases_forwarded_and_turned_into_live_fact_checks(self, desk):
        found = figures.desk_figures(JANUARY)
        assert (found.forwarded, found.fact_checked) == (1, 1)  # C2's fact-check is a draft
        assert (str(found.share_forwarded), str(found.share_fact_checked)) == ("20.0", "20.0")

    def test_a_fact_check_counts_once_it_is_live(self, desk):
        desk["draft"].save_revision().publish()
        assert figures.desk_figures(JANUARY).fact_checked == 2
        desk["live"].unpublish()
        assert figures.desk_figures(JANUARY).fact_checked == 1

    def test_median_of_an_even_number_is_the_mean_of_the_two_middle_waits(self, desk):
        found = figures.desk_figures(JANUARY)
        assert found.responded == 4
        # 1, 2, 5, 10 hours: (2 + 5) / 2.
        assert found.median_first_response == datetime.timedelta(hours=3, minutes=30)
        assert str(found.median_first_response_hours) == "3.5"

    def test_median_of_an_odd_number_is_the_middle_wait(self, desk):
        # C6 (1 h) joins when the period starts on 4 January: 1, 1, 2, 5, 10 hours.
        wider = FigureFilter(start=datetime.date(2026, 1, 4), end=JANUARY.end)
        assert figures.desk_figures(wider).median_first_response == datetime.timedelta(hours=2)

    def test_no_response_no_median(self, desk):
        only_c4 = FigureFilter(start=JANUARY.start, end=JANUARY.end, platform=Platform.FACEBOOK,
                               kind=Kind.ASN_CAMPAIGN)  # fmt: skip
        found = figures.desk_figures(only_c4)
        assert (found.cases, found.responded, found.median_first_response) == (1, 0, None)
        assert found.median_first_response_hours is None

    def test_kind_platform_and_agency_filters(self, desk):
        hoax = figures.desk_figures(
            FigureFilter(start=JANUARY.start, end=JANUARY.end, kind=Kind.HOAX)
        )
        assert (hoax.reports, hoax.cases, hoax.median_first_response) == (
            4,
            2,
            datetime.timedelta(hours=6),
        )
        facebook = figures.desk_figures(
            FigureFilter(start=JANUARY.start, end=JANUARY.end, platform=Platform.FACEBOOK)
        )
        assert (facebook.reports, facebook.cases) == (4, 2)
        dinas = figures.desk_figures(
            FigureFilter(
                start=JANUARY.start, end=JANUARY.end, agency_ids=frozenset({desk["dinas"].pk})
            )
        )
        assert (dinas.reports, dinas.cases, dinas.forwarded) == (2, 1, 1)
        assert str(dinas.share_forwarded) == "100.0"

    def test_nothing_in_the_period(self, desk):
        empty = figures.desk_figures(
            FigureFilter(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 1, 31))
        )
        assert (empty.reports, empty.cases, empty.per_week) == (0, 0, [])
        assert empty.share_forwarded is None and empty.median_first_response is None

    def test_a_fixed_number_of_queries_whatever_the_data(self, desk):
        with CaptureQueriesContext(connection) as small:
            figures.desk_figures(JANUARY)
        for number in range(6):
            submit_report(links=(f"https://x.com/akun/status/{number}",))
            submit_report(kind=Kind.ASN_CAMPAIGN, links=(LINKS["C3"],))
        Case.objects.filter(first_response_at__isnull=True).update(first_response_at=at(27))
        with CaptureQueriesContext(connection) as large:
            figures.desk_figures(FigureFilter())
        assert len(small) == len(large) == 4


def test_per_agency(desk):
    found = figures.per_agency(JANUARY)
    assert found == {
        desk["dinas"].pk: figures.AgencyCount(reports=2, cases=1),
        desk["kecamatan"].pk: figures.AgencyCount(reports=1, cases=1),
        None: figures.AgencyCount(reports=5, cases=3),
    }
    neutrality = FigureFilter(start=JANUARY.start, end=JANUARY.end, kind=Kind.ASN_CAMPAIGN)
    assert set(figures.per_agency(neutrality)) == {desk["dinas"].pk, desk["kecamatan"].pk}
