"""The attacker of open data (/data-terbuka/): someone who downloads every file, again and
again, and tries to recover one person's score, pass or attendance from what is published.

Before releases, two downloads fifteen minutes apart, around one person's post-test, gave that
person's score (the difference of two averages times the counts) and pass. The attacks here:

- differencing in time: download everything, let one person take a post-test (or one more
  attendance be recorded), download again; any file that changed would be a difference;
- differencing between releases: the same group in two releases;
- subtraction from margins and overlapping cells: inside one release, the same attendances are
  published by month, by agency and by topic, and participants = ASN + PTT; the attacker
  writes every such relation down and narrows each withheld cell to an interval by propagating
  bounds (a withheld count is at least 0, at least 1 when its row exists, and a row's
  attendances are at least its participants), until nothing moves. A withheld cell whose
  interval closes on one value is recovered. The same attacker runs against random worlds
  (Hypothesis) through the real suppression rules.
"""

import datetime
import itertools
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from content.people.models import ParticipantGroup
from content.quizzes.models import Purpose
from content.reports.models import Case, Kind, Report
from content.stats import open_data, services
from content.stats.models import OpenDataFile, OpenDataRelease
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.reports import submit_report
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db
UNBOUNDED = 10**9


# The attacker's solver ------------------------------------------------------------------------


class Attacker:
    """Bounds on every withheld cell from the published figures and the relations between
    them. `recovered()` lists the withheld cells pinned to one value."""

    def __init__(self):
        self.bounds = {}  # cell -> [low, high]
        self.equations = []  # [(terms [(sign, cell or int)], constant)]: sum = constant
        self.at_least = []  # (larger, smaller)

    def cell(self, key, value, *, low=0):
        """A published figure: a number, or a variable with bounds when withheld."""
        if value is not None:
            return value
        self.bounds.setdefault(key, [low, UNBOUNDED])
        self.bounds[key][0] = max(self.bounds[key][0], low)
        return key

    def equal(self, left, right):
        """sum(left) == sum(right), each a list of numbers or withheld cells."""
        terms = [(1, term) for term in left] + [(-1, term) for term in right]
        self.equations.append(terms)

    def _range(self, term):
        if isinstance(term, int):
            return term, term
        return tuple(self.bounds[term])

    def solve(self):
        for _ in range(200):
            moved = False
            for terms in self.equations:
                for index, (sign, term) in enumerate(terms):
                    if isinstance(term, int):
                        continue
                    # sign * term = - sum(others)
                    low = high = 0
                    for other_index, (other_sign, other) in enumerate(terms):
                        if other_index == index:
                            continue
                        lo, hi = self._range(other)
                        if other_sign > 0:
                            low, high = low - hi, high - lo
                        else:
                            low, high = low + lo, high + hi
                    if sign < 0:
                        low, high = -high, -low
                    moved |= self._narrow(term, low, high)
            for larger, smaller in self.at_least:
                if not isinstance(larger, int):
                    moved |= self._narrow(larger, self._range(smaller)[0], UNBOUNDED)
                if not isinstance(smaller, int):
                    moved |= self._narrow(smaller, 0, self._range(larger)[1])
            if not moved:
                return self
        return self

    def _narrow(self, cell, low, high):
        bound = self.bounds[cell]
        new = [max(bound[0], low), min(bound[1], high)]
        if new != bound:
            bound[:] = new
            return True
        return False

    def recovered(self):
        return {cell: low for cell, (low, high) in self.bounds.items() if low == high}


def attack_release(datasets, *, report_total=None):
    """The attacker against one release's data sets ({slug: published rows}); `report_total`:
    the quarter's number of reports, when the attacker knows it (the desk speaks of it)."""
    attacker = Attacker()

    def column(slug, name, *, low=0):
        return [
            attacker.cell((slug, index, name), row[name], low=low)
            for index, row in enumerate(datasets[slug])
        ]

    months = datasets["partisipasi-bulanan"]
    monthly_attendances = []
    for index, row in enumerate(months):
        held = row["sosialisasi_terlaksana"]
        low = 1 if held else 0
        attendances = attacker.cell(("bulanan", index, "kehadiran"), row["kehadiran"], low=low)
        people = attacker.cell(("bulanan", index, "peserta"), row["peserta"], low=low)
        asn = attacker.cell(("bulanan", index, "peserta_asn"), row["peserta_asn"])
        ptt = attacker.cell(("bulanan", index, "peserta_ptt"), row["peserta_ptt"])
        if not held:  # no session held that month: nobody attended
            attacker.equal([attendances, people, asn, ptt], [0])
        attacker.equal([people], [asn, ptt])
        attacker.at_least.append((attendances, people))
        monthly_attendances.append(attendances)
    sums = {"kehadiran": [monthly_attendances], "peserta": []}
    for slug in ("partisipasi-opd", "partisipasi-topik"):
        # A row exists because someone attended: at least one attendance and one person.
        attendances = column(slug, "kehadiran", low=1)
        people = column(slug, "peserta", low=1)
        attacker.at_least.extend(zip(attendances, people, strict=True))
        sums["kehadiran"].append(attendances)
        sums["peserta"].append(people)
    # The same attendances by month, by agency and by topic; and the attacker assumes the
    # same people by agency and by topic (nobody moved agency, nobody attended two topics).
    for totals in sums.values():
        for left, right in itertools.pairwise(totals):
            attacker.equal(left, right)
    quiz = datasets.get("hasil-kuis-topik", [])
    for index, row in enumerate(quiz):
        people = attacker.cell(("kuis", index, "peserta"), row["peserta"], low=1)
        attempts = attacker.cell(("kuis", index, "percobaan"), row["percobaan_selesai"], low=1)
        attacker.at_least.append((attempts, people))
    # The weekly reports: a row is there because it has a report; their sum is the total.
    weekly = datasets.get("aduan-per-minggu", [])
    reported = [
        attacker.cell(("aduan", index, "laporan"), row["laporan"], low=1)
        for index, row in enumerate(weekly)
    ]
    if reported and report_total is not None:
        attacker.equal(reported, [report_total])
    return attacker.solve()


# Random worlds through the real suppression rules --------------------------------------------

TOPICS = ("Literasi", "Netralitas", "Keamanan")
AGENCIES = ("Dinas A", "Dinas B", "Kecamatan C", "Kelurahan D")


def _rows_of(attendances, people):
    """The three participation data sets' rows (true values), as the GROUP BY queries make
    them, from (person, month, topic) attendances and {person: (agency, group)}."""

    def distinct(records, group=None):
        return len(
            {person for person, *_ in records if group is None or people[person][1] == group}
        )

    monthly = []
    for month in (1, 2, 3):
        records = [record for record in attendances if record[1] == month]
        monthly.append(
            {
                "periode": "2025-Q1",
                "bulan": f"2025-{month:02d}",
                "sosialisasi_terlaksana": len({(m, topic, s) for _, m, topic, s in records}),
                "kehadiran": len(records),
                "peserta": distinct(records),
                "peserta_asn": distinct(records, "asn"),
                "peserta_ptt": distinct(records, "ptt"),
            }
        )
    by_agency, by_topic = [], []
    for agency in AGENCIES:
        records = [record for record in attendances if people[record[0]][0] == agency]
        if records:
            by_agency.append(
                {
                    "periode": "2025-Q1",
                    "opd": agency,
                    "kehadiran": len(records),
                    "peserta": distinct(records),
                }
            )
    for topic in TOPICS:
        records = [record for record in attendances if record[2] == topic]
        if records:
            by_topic.append(
                {
                    "periode": "2025-Q1",
                    "topik": topic,
                    "sosialisasi_terlaksana": len({(m, s) for _, m, _, s in records}),
                    "kehadiran": len(records),
                    "peserta": distinct(records),
                }
            )
    return monthly, by_agency, by_topic


@st.composite
def worlds(draw):
    count = draw(st.integers(min_value=1, max_value=24))
    people = {
        person: (draw(st.sampled_from(AGENCIES)), draw(st.sampled_from(("asn", "ptt"))))
        for person in range(count)
    }
    sessions = draw(
        st.lists(
            st.tuples(st.integers(1, 3), st.sampled_from(TOPICS), st.integers(0, 1)),
            min_size=1,
            max_size=5,
            unique=True,
        )
    )
    attendances = []
    for month, topic, number in sessions:
        attendees = draw(st.sets(st.integers(0, count - 1), min_size=1, max_size=count))
        attendances += [(person, month, topic, number) for person in sorted(attendees)]
    return attendances, people


# Worlds the attacker broke before: (attendances as (person, month, topic, session), people).
# The first leaked under the old rules (Dinas A's one person = 6 in the month - 5 in Dinas B);
# the second under rules of thumb without the audit (attendances at least participants pinned
# 6 + x + y = 12 to x = 5, y = 1).
LEAKED_BEFORE = [
    (
        [(person, 1, "Literasi", 0) for person in range(6)],
        {0: ("Dinas A", "asn"), **dict.fromkeys(range(1, 6), ("Dinas B", "asn"))},
    ),
    (
        [(0, 1, "Literasi", 0)] + [(person, 1, "Literasi", 1) for person in range(11)],
        {
            **dict.fromkeys(range(5), ("Dinas A", "asn")),
            **dict.fromkeys(range(5, 10), ("Dinas B", "asn")),
            10: ("Kecamatan C", "asn"),
        },
    ),
]


class TestRandomWorlds:
    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(worlds())
    @example(LEAKED_BEFORE[0])
    @example(LEAKED_BEFORE[1])
    def test_no_withheld_cell_is_recovered_and_no_small_cell_is_shown(self, world):
        attendances, people = world
        monthly, by_agency, by_topic = _rows_of(attendances, people)
        true = {
            "partisipasi-bulanan": monthly,
            "partisipasi-opd": by_agency,
            "partisipasi-topik": by_topic,
        }
        # The release's pipeline: each data set's rules, then the audit of them together.
        cells = {
            "partisipasi-bulanan": open_data.monthly_cells(monthly),
            "partisipasi-opd": open_data.participation_cells(by_agency),
            "partisipasi-topik": open_data.participation_cells(by_topic),
            "hasil-kuis-topik": open_data.Cells([]),
        }
        open_data.audit(cells)
        published = {slug: cells[slug].published() for slug in true}
        for slug, rows in published.items():
            for shown, row in zip(rows, true[slug], strict=True):
                # No figure about 1 to 4 people, and no figure of a row about 1 to 4 people.
                for name in ("peserta", "peserta_asn", "peserta_ptt"):
                    if name in row and 0 < row[name] < open_data.MIN_PEOPLE:
                        assert shown[name] is None, (slug, name, row, shown)
                if 0 < row["peserta"] < open_data.MIN_PEOPLE:
                    assert shown["kehadiran"] is None, (slug, row, shown)
                # What is shown is true.
                assert all(shown[name] in (None, value) for name, value in row.items())
        assert attack_release(published).recovered() == {}


class TestRandomReportWorlds:
    """The weekly reports through the real rules (report_cells, then the release's audit),
    against the attacker who knows the quarter's total."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        st.dictionaries(
            st.tuples(
                st.integers(0, 12),
                st.sampled_from(("Hoaks", "ASN ikut kampanye")),
                st.sampled_from(("Facebook", "TikTok")),
            ),  # fmt: skip
            st.integers(1, 9),
            min_size=2,
            max_size=10,
        )
    )
    @example({(0, "Hoaks", "Facebook"): 7, (0, "Hoaks", "TikTok"): 2})
    def test_no_withheld_count_is_recovered(self, groups):
        rows = [
            {"periode": "2025-Q1", "minggu_mulai": f"2025-W{week:02d}", "jenis": kind,
             "platform": platform, "laporan": count}
            for (week, kind, platform), count in sorted(groups.items())
        ]  # fmt: skip
        cells = {dataset.slug: open_data.Cells([]) for dataset in open_data.DATASETS}
        cells["aduan-per-minggu"] = open_data.report_cells(rows)
        published = open_data.audit(cells)["aduan-per-minggu"].published()
        for shown, row in zip(published, rows, strict=True):
            if row["laporan"] < open_data.MIN_PEOPLE:
                assert shown["laporan"] is None
        total = sum(row["laporan"] for row in rows)
        recovered = attack_release({"aduan-per-minggu": published, **EMPTY}, report_total=total)
        if any(row["laporan"] is not None for row in published):
            assert recovered.recovered() == {}


EMPTY = {"partisipasi-bulanan": [], "partisipasi-opd": [], "partisipasi-topik": []}


# The real thing, through the database and the public URLs -----------------------------------


def _person(code, agency, group=ParticipantGroup.PNS):
    extra = {"nip": None} if group == ParticipantGroup.PTT else {}
    return ParticipantFactory(
        full_name=f"Peserta {code}", participant_group=group, agency=agency, **extra
    )


@pytest.fixture
def city(sessions):
    """Two agencies and two topics; in 2025-Q1 three sessions, with a post-test taken by eleven
    people at the first; one more session in 2025-Q2."""
    dinas, badan = AgencyFactory(name="Dinas Kominfo"), AgencyFactory(name="Badan Kepegawaian")
    literacy = TopicFactory(name="Literasi Digital", slug="literasi-digital")
    neutrality = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
    staff = [_person(f"D{i}", dinas) for i in range(12)]
    staff += [_person(f"P{i}", dinas, ParticipantGroup.PTT) for i in range(2)]
    others = [_person(f"B{i}", badan) for i in range(6)]
    first = SessionPageFactory(parent=sessions, date=datetime.date(2025, 1, 15), topic=literacy)
    second = SessionPageFactory(parent=sessions, date=datetime.date(2025, 2, 12), topic=literacy)
    third = SessionPageFactory(parent=sessions, date=datetime.date(2025, 3, 5), topic=neutrality)
    later = SessionPageFactory(parent=sessions, date=datetime.date(2025, 5, 7), topic=literacy)
    for someone in staff[:11]:
        mark_attendance(first, someone)
    for someone in others:
        mark_attendance(second, someone)
    for someone in [*staff[:3], staff[12], others[0]]:
        mark_attendance(third, someone)
    post = make_quiz(count=1, self_paced=False)
    for page in (first, later):
        use_in_session(post, page, Purpose.POST)
    scores = [80, 70, 90, 60, 50, 75, 85, 40, 65, 95, 30]
    for someone, score in zip(staff[:11], scores, strict=True):
        attempt(someone, post, session=first, purpose=Purpose.POST, score=score, on=first.date)
    # The report desk in 2025-Q1: 7 reports of a hoax, 2 of an ASN campaigning (small), 6 of
    # another post: 15 in all.
    for post_link, kind, day, count in REPORTED:
        for _ in range(count):
            _report(post_link, kind, day)
    return {
        "staff": staff,
        "others": others,
        "first": first,
        "later": later,
        "post": post,
        "newcomer": staff[11],
    }


REPORTED = [
    ("https://www.facebook.com/permalink.php?story_fbid=901&id=3", Kind.HOAX, 14, 7),
    ("https://www.instagram.com/p/NetralitasX/", Kind.ASN_CAMPAIGN, 21, 2),
    ("https://www.youtube.com/watch?v=lainnya903", Kind.OTHER, 28, 6),
]
REPORT_TOTAL = sum(count for *_, count in REPORTED)


def _report(link, kind, day, month=1):
    """A report of `link` submitted on 2025-`month`-`day` (the time set here, in a test)."""
    submitted = submit_report(kind=kind, links=(link,), contact_email="pelapor@rahasia.test")
    when = timezone.make_aware(datetime.datetime(2025, month, day, 10))
    Report.objects.filter(pk=submitted.report.pk).update(submitted_at=when)
    Case.objects.filter(pk=submitted.report.case_id, opened_at__gt=when).update(opened_at=when)


def _everything(client):
    """Every public open data URL and what it answered: index, metadata, every file."""
    seen = {}
    for url in ("/data-terbuka/", "/data-terbuka/metadata.json"):
        seen[url] = client.get(url).content
    for stored in OpenDataFile.objects.select_related("release"):
        for kind in ("json", "csv"):
            url = reverse(
                f"stats_open_data:dataset_{kind}",
                kwargs={"periode": stored.release.slug, "slug": stored.dataset},
            )
            seen[url] = client.get(url).content
    return seen


def _release_data(slug):
    return {
        stored.dataset: json.loads(stored.json)["data"]
        for stored in OpenDataFile.objects.filter(release__slug=slug)
    }


class TestDifferencingInTime:
    def test_one_post_test_between_two_downloads_changes_no_byte(self, client, city):
        # The incident: download, one person takes the post-test, download again. Before Q1
        # closes nothing of it is published; after, Q1 is published once.
        before = _everything(client)
        attempt(city["newcomer"], city["post"], session=city["first"], purpose=Purpose.POST,
                score=37, on=city["first"].date)  # fmt: skip
        cache.clear()
        assert _everything(client) == before

        services.open_data_publish_due(today=datetime.date(2025, 5, 1))
        published = _everything(client)
        # One more late post-test and attendance for the released quarter, and the schedule
        # runs again: the attacker's second download equals the first, byte for byte.
        late = _person("late", city["others"][0].agency)
        mark_attendance(city["first"], late)
        attempt(late, city["post"], session=city["first"], purpose=Purpose.POST, score=12)
        _report(REPORTED[1][0], Kind.ASN_CAMPAIGN, 22)  # a report of Q1 entered late
        services.open_data_publish_due(today=datetime.date(2025, 5, 2))
        cache.clear()
        assert _everything(client) == published

    def test_the_newcomers_score_is_nowhere_to_be_worked_out(self, client, city):
        attempt(city["newcomer"], city["post"], session=city["first"], purpose=Purpose.POST,
                score=37, on=city["first"].date)  # fmt: skip
        services.open_data_publish_due(today=datetime.date(2025, 5, 1))
        [row] = [
            row
            for row in _release_data("2025-q1")["hasil-kuis-topik"]
            if row["topik"] == "Literasi Digital"
        ]
        # Twelve post-tests: an average and a pass rate over enough people, and only one of
        # each for this group, ever: no second figure to subtract it from.
        assert row["rata_rata_post_test"] == round((740 + 37) / 12, 1)
        assert OpenDataRelease.objects.filter(period_start__lte="2025-01-15").count() == 1
        assert "37" not in json.dumps(_release_data("2025-q1")["hasil-kuis-topik"])


class TestDifferencingBetweenReleases:
    def test_periods_never_overlap_so_releases_share_no_figure(self, city):
        services.open_data_publish_due(today=datetime.date(2026, 6, 1))
        releases = list(OpenDataRelease.objects.order_by("period_start"))
        assert [release.slug for release in releases][:2] == ["2025-q1", "2025-q2"]
        for earlier, later in itertools.pairwise(releases):
            assert earlier.period_end < later.period_start
            assert (later.period_start - earlier.period_end).days == 1  # no gap either
        # Each row says its period, and a release holds only its own.
        for release in releases:
            for rows in _release_data(release.slug).values():
                assert {row["periode"] for row in rows} <= {release.slug.upper()}

    def test_a_session_in_the_next_quarter_changes_nothing_in_the_last(self, client, city):
        services.open_data_publish_due(today=datetime.date(2025, 5, 1))
        q1 = _release_data("2025-q1")
        for someone in city["staff"][:6]:
            mark_attendance(city["later"], someone)
        attempt(city["newcomer"], city["post"], session=city["later"], purpose=Purpose.POST,
                score=37)  # fmt: skip
        services.open_data_publish_due(today=datetime.date(2025, 7, 31))
        assert _release_data("2025-q1") == q1
        q2 = _release_data("2025-q2")
        # Q2's one post-test is one person: withheld; its six attendances by six people shown.
        assert q2["hasil-kuis-topik"] == [
            {
                "periode": "2025-Q2",
                "topik": "Literasi Digital",
                "peserta": None,
                "percobaan_selesai": None,
                "persen_lulus_post_test": None,
                "rata_rata_pre_test": None,
                "rata_rata_post_test": None,
            }
        ]


class TestOverlappingDataSets:
    def test_margins_and_overlapping_cells_recover_nothing(self, city):
        services.open_data_publish_due(today=datetime.date(2025, 5, 1))
        published = _release_data("2025-q1")
        withheld = [
            (slug, index, name)
            for slug, rows in published.items()
            for index, row in enumerate(rows)
            for name, value in row.items()
            if value is None
        ]
        assert withheld  # the third session's five people include a PTT and a Badan person
        assert attack_release(published, report_total=REPORT_TOTAL).recovered() == {}
        # The 2 reports are withheld, and the 6 with them: 8 left between two rows.
        assert [row["laporan"] for row in published["aduan-per-minggu"]] == [7, None, None]

    def test_the_attacker_is_not_toothless(self):
        # Without complementary suppression, the same attacker recovers the small cell: one
        # agency's 2 attendances are the month's 40 minus the other agency's 38.
        published = {
            "partisipasi-bulanan": [
                {
                    "sosialisasi_terlaksana": 1,
                    "kehadiran": 40,
                    "peserta": 40,
                    "peserta_asn": 40,
                    "peserta_ptt": 0,
                },
                *[
                    {
                        "sosialisasi_terlaksana": 0,
                        "kehadiran": 0,
                        "peserta": 0,
                        "peserta_asn": 0,
                        "peserta_ptt": 0,
                    }
                ]
                * 2,
            ],
            "partisipasi-opd": [
                {"kehadiran": None, "peserta": None},
                {"kehadiran": 38, "peserta": 38},
            ],
            "partisipasi-topik": [{"kehadiran": 40, "peserta": 40}],
        }
        assert attack_release(published).recovered() == {
            ("partisipasi-opd", 0, "kehadiran"): 2,
            ("partisipasi-opd", 0, "peserta"): 2,
        }
