"""The dashboard's Aduan section (content/stats/desk.py) on the hand-made desk of
test_report_figures.py, plus a training loop: every expected figure is worked out by hand.

The loop, January 2026: the topic Netralitas ASN has one session (10 January) attended by 4 ASN
of Dinas Alpha (headcount 20 ASN: 20.0 %) and 1 of Kecamatan Beta (headcount 10: 10.0 %);
Dinas Gamma (headcount 40) sent nobody. Neutrality cases: Dinas Alpha 1 (C3), Kecamatan Beta 1
(C4); `many_cases` adds 6 for Dinas Gamma.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from content.base import page_cache
from content.reports.models import Case, Kind, Report
from content.stats import desk as desk_section
from content.stats import warming
from content.stats.filters import StatsFilter
from content.stats.models import AgencyHeadcount
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.reports import submit_report
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory
from tests.stats.test_report_figures import at, desk, open_case  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
PERIOD = {"start": "2026-01-05", "end": "2026-01-25"}
JANUARY = StatsFilter(start=datetime.date(2026, 1, 5), end=datetime.date(2026, 1, 25))


@pytest.fixture
def loop(desk, sessions):  # noqa: F811 (the imported fixture)
    neutrality = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
    TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
    gamma = AgencyFactory(name="Dinas Gamma")
    for agency, asn in ((desk["dinas"], 20), (desk["kecamatan"], 10), (gamma, 40)):
        AgencyHeadcount.objects.create(agency=agency, year=2026, asn=asn, ptt=0)
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 1, 10), topic=neutrality)
    for _ in range(4):
        mark_attendance(session, ParticipantFactory(agency=desk["dinas"]))
    mark_attendance(session, ParticipantFactory(agency=desk["kecamatan"]))
    return {**desk, "gamma": gamma, "neutrality": neutrality}


@pytest.fixture
def many_cases(loop):
    for number in range(6):
        open_case(f"G{number}", Kind.ASN_CAMPAIGN, [at(16)], agency=loop["gamma"])
    return loop


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    return client


def _loop_rows(section):
    return [
        (row.agency_name, str(row.cases), row.attended_asn, row.coverage) for row in section.loop
    ]


class TestTheSection:
    def test_an_analyst_reads_the_desks_figures(self, analyst, loop):
        response = analyst.get("/admin/statistik/", PERIOD)
        section = response.context["desk"]
        assert (section.figures.reports, section.figures.cases) == (8, 5)
        html = response.content.decode()
        assert 'id="aduan"' in html and "Laporan diterima" in html
        assert "3,5 jam" in html  # the median, in Indonesian
        keys = [chart.key for chart in response.context["desk_charts"]]
        assert keys == ["aduan-minggu", "aduan-jenis", "aduan-platform"]
        weeks = response.context["desk_charts"][0]
        assert weeks.rows == [("05/01/2026", "3", "2"), ("12/01/2026", "2", "1"),
                              ("19/01/2026", "3", "2")]  # fmt: skip
        assert "<script" not in weeks.svg

    def test_kind_and_platform_filters(self, analyst, loop):
        hoax = analyst.get("/admin/statistik/", {**PERIOD, "kind": "hoaks"}).context["desk"]
        assert (hoax.figures.reports, hoax.figures.cases) == (4, 2)
        insta = analyst.get("/admin/statistik/", {**PERIOD, "platform": "instagram"})
        assert insta.context["desk"].figures.reports == 2
        wrong = analyst.get("/admin/statistik/", {**PERIOD, "kind": "bukan-jenis"})
        assert wrong.context["desk"].figures.reports == 8  # refused: all kinds, with a message
        assert "bukan-jenis" in wrong.content.decode()

    def test_the_kinds_beside_their_topics_training(self, loop):
        section = desk_section.section(JANUARY)
        rows = [(row.kind, row.topic, row.reports, row.cases, row.sessions_held, row.attended_asn,
                 row.headcount_asn, row.coverage) for row in section.topics]  # fmt: skip
        assert rows == [
            ("Hoaks", "Anti-Hoaks", 4, 2, 0, 0, 70, Decimal("0.0")),
            ("ASN ikut kampanye", "Netralitas ASN", 3, 2, 1, 5, 70, Decimal("7.1")),
        ]

    def test_the_training_loop_withholds_counts_below_five_and_zero_alike(self, loop):
        section = desk_section.section(JANUARY)
        # One case each in Alpha and Beta, none in Gamma: all look the same.
        assert _loop_rows(section) == [
            ("Dinas Gamma", "*", 0, 0),
            ("Kecamatan Beta", "*", 1, 10),
            ("Dinas Alpha", "*", 4, 20),
        ]

    def test_a_count_from_five_is_shown_and_a_complement_keeps_the_others_hidden(self, many_cases):
        section = desk_section.section(JANUARY)
        # Gamma's 6 shown would leave 8 - 6 = 2 for Alpha and Beta: the complementary rule
        # hides it too (the kind's total is in the section's per-kind table).
        assert [str(row.cases) for row in section.loop] == ["*", "*", "*"]
        delta = AgencyFactory(name="Dinas Delta")
        for number in range(5):
            open_case(f"D{number}", Kind.ASN_CAMPAIGN, [at(18)], agency=delta)
        # Alpha 1 + Beta 1 withheld add up to 2: Delta's 5, the smallest shown, is withheld
        # with them; Gamma's 6 is shown and leads, the rest by coverage, none (Delta) last.
        assert _loop_rows(desk_section.section(JANUARY)) == [
            ("Dinas Gamma", "6", 0, 0),
            ("Kecamatan Beta", "*", 1, 10),
            ("Dinas Alpha", "*", 4, 20),
            ("Dinas Delta", "*", 0, None),
        ]

    def test_with_an_opd_of_fewer_than_five_cases_nothing_is_shown(self, analyst, loop):
        response = analyst.get("/admin/statistik/", {**PERIOD, "agency": loop["dinas"].pk})
        section = response.context["desk"]
        assert section.withheld and section.figures is None
        assert response.context["desk_charts"] == []
        html = response.content.decode()
        assert "kurang dari 5 kasus aduan" in html
        assert [str(row.cases) for row in section.loop] == ["*"]

    def test_with_an_opd_of_five_or_more_small_cells_are_withheld(self, analyst, many_cases):
        response = analyst.get("/admin/statistik/", {**PERIOD, "agency": many_cases["gamma"].pk})
        section = response.context["desk"]
        assert (section.figures.cases, section.suppressed) == (6, True)
        [week] = [row for row in section.breakdowns[0].rows if row[2].value]
        assert (week[0], str(week[1]), str(week[2])) == ("12/01/2026", "6", "6")
        kinds = {label: (str(r), str(c)) for label, r, c in section.breakdowns[1].rows}
        assert kinds["ASN ikut kampanye"] == ("6", "6") and kinds["Hoaks"] == ("0", "0")
        assert str(section.forwarded) == "0" and section.share_forwarded == 0


def test_the_pdf_report_has_the_section(analyst, loop):
    response = analyst.get("/admin/statistik/laporan.pdf", PERIOD)
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Aduan per minggu" in text and "Laporan diterima" in text
    assert "Aduan netralitas ASN dan cakupan pelatihan per OPD" in text
    assert "Dinas Alpha" in text


class TestCachedAndFresh:
    def _section(self, client, **extra):
        return client.get("/admin/statistik/", {**PERIOD, **extra}).context["desk"]

    def test_kept_until_a_report_arrives(self, analyst, loop):
        first = self._section(analyst)
        with CaptureQueriesContext(connection) as queries:
            again = self._section(analyst)
        assert again.figures == first.figures
        assert [q["sql"] for q in queries if "reports_" in q["sql"]] == []
        # A report of C2's post, in the period: the figures hear of it at once.
        submitted = submit_report(links=("https://www.tiktok.com/@akun/video/202",))
        Report.objects.filter(pk=submitted.report.pk).update(submitted_at=at(15))
        assert self._section(analyst).figures.reports == first.figures.reports + 1

    def test_a_case_forwarded_or_a_fact_check_published_shows_at_once(self, analyst, loop):
        first = self._section(analyst)
        case = loop["cases"][3]
        case.forwarded_at = at(23)
        case.save(update_fields=["forwarded_at"])
        assert self._section(analyst).figures.forwarded == first.figures.forwarded + 1
        loop["draft"].save_revision().publish()
        assert self._section(analyst).figures.fact_checked == first.figures.fact_checked + 1
        loop["live"].unpublish()
        assert self._section(analyst).figures.fact_checked == first.figures.fact_checked

    def test_a_note_or_an_erased_contact_changes_no_figure(self, analyst, loop):
        before = page_cache.current_generation("stats")
        case = loop["cases"][0]
        case.summary = "Catatan baru"
        case.save(update_fields=["summary"])
        case.reports.update(contact_email="", contact_phone="")
        assert page_cache.current_generation("stats") == before


def test_the_section_takes_as_many_queries_whatever_the_data(loop):
    def count():
        with CaptureQueriesContext(connection) as queries:
            desk_section.section(JANUARY)
        return len(queries)

    small = count()
    for number in range(4):
        submit_report(kind=Kind.ASN_CAMPAIGN, links=(f"https://x.com/a/status/{number}",))
    Case.objects.update(agency=loop["gamma"], first_response_at=at(24))
    assert count() == small


def test_the_worker_computes_again_the_desk_figures_analysts_opened(analyst, loop):
    hoax = {**PERIOD, "kind": "hoaks"}
    analyst.get("/admin/statistik/", hoax)
    submitted = submit_report(links=("https://www.tiktok.com/@akun/video/202",))
    Report.objects.filter(pk=submitted.report.pk).update(submitted_at=at(15))
    warming.refresh()
    with CaptureQueriesContext(connection) as queries:
        section = analyst.get("/admin/statistik/", hoax).context["desk"]
    assert section.figures.reports == 5  # 4 hoax reports and the new one
    assert [q["sql"] for q in queries if "reports_" in q["sql"]] == []
