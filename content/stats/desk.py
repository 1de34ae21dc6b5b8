"""The dashboard's *Aduan* section: the report desk's figures (content/reports/selectors/
figures.py) for the dashboard's filters, and the training loop: reports of a kind next to the
training coverage of the topic that answers it.

Which filters apply: the period and the OPD (with the agencies under it: a case's OPD is set on
ASN neutrality cases only, so with an OPD chosen the section counts those), plus the section's
own kind and platform. The participant group, topic and session filters are about training and
do not narrow the reports (the section says so).

Small cells. Who reported and who was reported must not be worked out from the figures:
- with an OPD chosen, the section shows nothing when the OPD has fewer than MIN_PEOPLE cases in
  the period, and otherwise withholds every count of 1 to MIN_PEOPLE - 1 in its tables, with
  complementary suppression (open_data.protect) so the totals shown do not give them back;
- the training loop's table of neutrality cases per OPD shows a count only from MIN_PEOPLE up:
  0 and 1 to 4 look the same ("*"), so no OPD is marked as having had a case, and the
  complementary rule keeps the total of the withheld ones from pinning any of them.

Kinds and topics (KIND_TOPICS): a kind of report is answered by the training topic whose slug
is given here; kinds with no clean match (hate speech, other) have none. Topics are found by
slug, so renaming a topic's title changes nothing; a topic missing from the site is shown as
such instead of failing.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from content.articles.models import Topic
from content.people.models import Agency
from content.people.models.users import ASN_GROUPS
from content.reports.models import Kind, Platform
from content.reports.selectors import figures
from content.reports.selectors.figures import FigureFilter
from content.stats import open_data, reports, selectors
from content.stats.filters import StatsFilter
from content.stats.models import AgencyHeadcount

MIN_CASES = open_data.MIN_PEOPLE
KIND_TOPICS = {
    Kind.HOAX: "anti-hoaks",
    Kind.ASN_CAMPAIGN: "netralitas-asn",
}
NEUTRALITY = Kind.ASN_CAMPAIGN
NO_AGENCY = "OPD belum dicatat"
WITHHELD = "*"


def figure_filter(stats_filter, *, kind="", platform=""):
    """The desk's filter for the dashboard's filters and the section's kind and platform."""
    return FigureFilter(
        start=stats_filter.start,
        end=stats_filter.end,
        kind=kind,
        platform=platform,
        agency_ids=stats_filter.agency_ids if stats_filter.agency is not None else None,
    )


@dataclass(frozen=True)
class Cell:
    """A count as the dashboard shows it: the number, or WITHHELD."""

    value: int
    shown: bool

    def __str__(self):
        return str(self.value) if self.shown else WITHHELD


def _protected(rows, names, *, hide_below):
    """[{name: Cell}] for `rows` ([{name: int}]): the counts `hide_below` picks withheld, then
    complementary suppression over each column, whose total is shown elsewhere."""
    cells = open_data.Cells([dict(row) for row in rows])
    for index, row in enumerate(rows):
        for name in names:
            if hide_below(row[name]):
                cells.hide(index, name)
    open_data.protect(cells, additive=names)
    return [
        {name: Cell(row[name], cells.shown(index, name)) for name in names}
        for index, row in enumerate(rows)
    ]


def _small(count):
    return 0 < count < MIN_CASES


def _under_threshold(count):
    return count < MIN_CASES


@dataclass(frozen=True)
class Breakdown:
    """A table of the section: per week, kind or platform, reports and cases."""

    key: str
    title: str
    heading: str
    rows: list  # [(label, Cell reports, Cell cases)]

    @property
    def empty(self):
        return not any(reports.value or cases.value for _, reports, cases in self.rows)


def _breakdown(key, title, heading, rows, *, suppress):
    counts = [{"reports": row.reports, "cases": row.cases} for row in rows]
    if suppress:
        cells = _protected(counts, ("reports", "cases"), hide_below=_small)
    else:
        cells = [{name: Cell(count[name], True) for name in count} for count in counts]
    labels = [_label(row) for row in rows]
    return Breakdown(
        key,
        title,
        heading,
        [
            (label, cell["reports"], cell["cases"])
            for label, cell in zip(labels, cells, strict=True)
        ],
    )


def _label(row):
    if hasattr(row.key, "isoformat"):
        return f"{row.key:%d/%m/%Y}"
    return row.label


@dataclass(frozen=True)
class LoopRow:
    """An OPD's neutrality cases in the period next to its ASN's coverage of the topic."""

    agency_name: str
    cases: Cell
    headcount_asn: int | None
    attended_asn: int | None

    @property
    def coverage(self):
        return reports.share(self.attended_asn or 0, self.headcount_asn)


@dataclass(frozen=True)
class TopicRow:
    """A kind of report next to the training of the topic that answers it, city-wide (or the
    chosen OPD's)."""

    kind: str
    topic: str
    reports: int
    cases: int
    sessions_held: int
    attended_asn: int
    headcount_asn: int | None

    @property
    def coverage(self):
        return reports.share(self.attended_asn, self.headcount_asn)


@dataclass(frozen=True)
class DeskSection:
    filter_words: str
    withheld: bool  # an OPD with fewer than MIN_CASES cases: nothing is shown
    figures: object  # figures.DeskFigures, or None when withheld
    breakdowns: list  # [Breakdown]
    topics: list  # [TopicRow]
    loop: list  # [LoopRow]
    loop_topic: str  # the neutrality topic's name, "" when the site has none
    suppressed: bool  # counts below MIN_CASES withheld in the tables

    def _count(self, value):
        return Cell(value, not (self.suppressed and _small(value)))

    @property
    def responded(self):
        return self._count(self.figures.responded)

    @property
    def forwarded(self):
        return self._count(self.figures.forwarded)

    @property
    def fact_checked(self):
        return self._count(self.figures.fact_checked)

    @property
    def median_hours(self):
        """The median, unless it is about fewer than MIN_CASES cases of one OPD."""
        return None if not self.responded.shown else self.figures.median_first_response_hours

    @property
    def share_forwarded(self):
        return self.figures.share_forwarded if self.forwarded.shown else None

    @property
    def share_fact_checked(self):
        return self.figures.share_fact_checked if self.fact_checked.shown else None


def describe(kind, platform):
    parts = [Kind(kind).label if kind else "semua jenis"]
    parts.append(Platform(platform).label if platform else "semua platform")
    return "Jenis dan platform aduan: " + ", ".join(parts)


def section(stats_filter, *, kind="", platform=""):
    """Everything the Aduan section shows, in a fixed number of queries (at most 14: the
    desk's figures 4, the topics 3, the loop 7)."""
    desk_filter = figure_filter(stats_filter, kind=kind, platform=platform)
    found = figures.desk_figures(desk_filter)
    one_agency = stats_filter.agency is not None
    topics = _topic_rows(stats_filter, found)
    loop, loop_topic = _loop(stats_filter, desk_filter)
    if one_agency and found.cases < MIN_CASES:
        return DeskSection(describe(kind, platform), True, None, [], [], loop, loop_topic, True)
    breakdowns = [
        _breakdown(
            "aduan-minggu",
            "Aduan per minggu",
            "Minggu mulai (Senin)",
            found.per_week,
            suppress=one_agency,
        ),  # fmt: skip
        _breakdown("aduan-jenis", "Aduan per jenis", "Jenis", found.per_kind, suppress=one_agency),
        _breakdown(
            "aduan-platform",
            "Aduan per platform",
            "Platform",
            found.per_platform,
            suppress=one_agency,
        ),  # fmt: skip
    ]
    if one_agency:
        topics = []  # its cases per kind are in the breakdown, suppressed
    return DeskSection(
        describe(kind, platform), False, found, breakdowns, topics, loop, loop_topic, one_agency
    )


def _topic_rows(stats_filter, found):
    """Each kind with a topic: its reports and cases, and the topic's sessions held and ASN
    reached in the period (of the chosen OPD). Three queries."""
    by_slug = {topic.slug: topic for topic in Topic.objects.filter(slug__in=KIND_TOPICS.values())}
    trained = selectors.attendances(
        StatsFilter(
            start=stats_filter.start,
            end=stats_filter.end,
            agency=stats_filter.agency,
            agency_ids=stats_filter.agency_ids,
        )  # fmt: skip
    ).filter(session__topic__in=list(by_slug.values()))
    reached = {
        row["session__topic"]: row
        for row in trained.values("session__topic")
        .annotate(
            sessions=Count("session", distinct=True),
            asn=Count("participant", distinct=True, filter=Q(participant_group__in=ASN_GROUPS)),
        )
        .order_by()
    }
    headcount = _asn_headcount(stats_filter)
    per_kind = {row.key: row for row in found.per_kind}
    rows = []
    for kind, slug in KIND_TOPICS.items():
        topic = by_slug.get(slug)
        counts = reached.get(topic.pk, {}) if topic else {}
        rows.append(
            TopicRow(
                kind=kind.label,
                topic=topic.name if topic else f"(topik '{slug}' belum ada)",
                reports=per_kind[kind].reports,
                cases=per_kind[kind].cases,
                sessions_held=counts.get("sessions", 0),
                attended_asn=counts.get("asn", 0),
                headcount_asn=headcount,
            )
        )
    return rows


def _asn_headcount(stats_filter):
    found = AgencyHeadcount.objects.filter(year=reports.headcount_year(stats_filter))
    if stats_filter.agency is not None:
        found = found.filter(agency_id__in=stats_filter.agency_ids)
    return found.aggregate(asn=Sum("asn"))["asn"]


def _loop(stats_filter, desk_filter):
    """The neutrality cases per OPD next to its ASN's coverage of the neutrality topic, the
    OPDs with the most cases shown first, then the lowest coverage. Counts below MIN_CASES
    (0 included) withheld, with complementary suppression. Five or six queries."""
    topic = Topic.objects.filter(slug=KIND_TOPICS[NEUTRALITY]).first()
    neutrality = FigureFilter(
        start=desk_filter.start,
        end=desk_filter.end,
        kind=NEUTRALITY,
        agency_ids=desk_filter.agency_ids,
    )
    counts = figures.per_agency(neutrality)
    coverage = {}
    if topic is not None:
        on_topic = StatsFilter(
            start=stats_filter.start,
            end=stats_filter.end,
            agency=stats_filter.agency,
            topic=topic,
            agency_ids=stats_filter.agency_ids,
        )
        coverage = {row.agency.pk: row for row in reports.topic_coverage(on_topic)}
    missing = [pk for pk in counts if pk is not None and pk not in coverage]
    names = {row.agency.pk: row.agency.name for row in coverage.values()}
    names.update(Agency.objects.filter(pk__in=missing).values_list("pk", "name") if missing else [])
    keys = [*coverage, *missing] + ([None] if None in counts else [])
    rows = [{"cases": counts[key].cases if key in counts else 0} for key in keys]
    cells = _protected(rows, ("cases",), hide_below=_under_threshold)
    found = []
    for key, cell in zip(keys, cells, strict=True):
        row = coverage.get(key)
        found.append(
            LoopRow(
                agency_name=names.get(key, NO_AGENCY) if key is not None else NO_AGENCY,
                cases=cell["cases"],
                headcount_asn=row.headcount_asn if row else None,
                attended_asn=row.attended_asn if row else None,
            )
        )

    def order(row):
        # Only what is shown orders the rows: a withheld count must not be told by its place.
        shown = row.cases.value if row.cases.shown else -1
        return (-shown, row.coverage is None, row.coverage or 0, row.agency_name)

    return sorted(found, key=order), topic.name if topic else ""
