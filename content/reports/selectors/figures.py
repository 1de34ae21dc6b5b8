"""The desk's figures, read for the statistics app (content/stats imports this module; nothing
here writes). Every function answers in a fixed number of queries whatever the amount of data.

Two things are counted, and the labels must keep them apart:
- a *report* (laporan) is what one person sent through /lapor/: ten people reporting the same
  post are ten reports;
- a *case* (kasus) is one post (or one set of near-identical screenshots), however many people
  reported it: those ten reports are one case.

Definitions:
- a report belongs to the period when it was *submitted* in it (Report.submitted_at), a case
  when it was *opened* in it (Case.opened_at), both as dates in Asia/Jakarta;
- kind and platform are the *case's* (the desk's classification, which it may correct), for
  reports too, so that reports and cases per kind add up the same way; the OPD is the case's
  (set on ASN neutrality cases only), and the OPD filter takes the agencies under it;
- a week starts on Monday (ISO 8601), in Asia/Jakarta;
- *time to first response*: first_response_at - opened_at of the cases opened in the period
  that have a first response, in wall-clock time; its *median* is exact (the middle value, or
  the mean of the two middle values);
- *forwarded*: cases with forwarded_at set; *turned into a fact-check*: cases whose fact_check
  is set and whose fact-check page is live now; both as shares of the cases opened in the
  period (with the same filters).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, F, Q
from django.db.models.fields import DateField
from django.db.models.functions import TruncWeek
from django.utils import timezone

from content.reports.models import Case, Kind, Platform, Report


@dataclass(frozen=True)
class FigureFilter:
    """What the figures are about: a period (dates, both ends included), a case kind and
    platform ("" for all), and agencies (None for all; else the ids, a subtree already)."""

    start: datetime.date | None = None
    end: datetime.date | None = None
    kind: str = ""
    platform: str = ""
    agency_ids: frozenset | None = field(default=None)


def _start_of(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _in_period(records, moment, figure_filter):
    # Bounds as instants (not moment::date), so the index on the moment serves them.
    if figure_filter.start:
        records = records.filter(**{f"{moment}__gte": _start_of(figure_filter.start)})
    if figure_filter.end:
        end = _start_of(figure_filter.end + datetime.timedelta(days=1))
        records = records.filter(**{f"{moment}__lt": end})
    return records


def _of_case(records, figure_filter, prefix=""):
    if figure_filter.kind:
        records = records.filter(**{f"{prefix}kind": figure_filter.kind})
    if figure_filter.platform:
        records = records.filter(**{f"{prefix}platform": figure_filter.platform})
    if figure_filter.agency_ids is not None:
        records = records.filter(**{f"{prefix}agency_id__in": figure_filter.agency_ids})
    return records


def cases(figure_filter):
    """Cases opened in the period, of the filter's kind, platform and agencies."""
    return _of_case(_in_period(Case.objects.all(), "opened_at", figure_filter), figure_filter)


def reports(figure_filter):
    """Reports submitted in the period whose case is of the filter's kind, platform and
    agencies."""
    found = _in_period(Report.objects.all(), "submitted_at", figure_filter)
    return _of_case(found, figure_filter, prefix="case__")


def _week(moment):
    """The Monday (a date, Asia/Jakarta) of the week of `moment`."""
    return TruncWeek(moment, output_field=DateField())


@dataclass(frozen=True)
class Group:
    """A count of reports or cases of one week, case kind and platform."""

    week: datetime.date
    kind: str
    platform: str
    count: int


def report_groups(figure_filter):
    """Reports per (week submitted, case kind, case platform), only groups with reports; one
    query."""
    rows = (
        reports(figure_filter)
        .annotate(week=_week("submitted_at"))
        .values("week", "case__kind", "case__platform")
        .annotate(count=Count("pk"))
        .order_by("week", "case__kind", "case__platform")
    )
    return [Group(r["week"], r["case__kind"], r["case__platform"], r["count"]) for r in rows]


def case_groups(figure_filter):
    """Cases per (week opened, kind, platform), only groups with cases; one query."""
    rows = (
        cases(figure_filter)
        .annotate(week=_week("opened_at"))
        .values("week", "kind", "platform")
        .annotate(count=Count("pk"))
        .order_by("week", "kind", "platform")
    )
    return [Group(r["week"], r["kind"], r["platform"], r["count"]) for r in rows]


def share(part, whole):
    """A percentage with one decimal, or None when there is nothing to divide."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class Row:
    key: object  # a week's Monday, a kind's or a platform's value
    label: str
    reports: int
    cases: int


@dataclass(frozen=True)
class DeskFigures:
    reports: int
    cases: int
    responded: int  # cases with a first response
    forwarded: int
    fact_checked: int
    median_first_response: datetime.timedelta | None
    per_week: list  # [Row], every week of the period that has a report or a case
    per_kind: list  # [Row], every kind
    per_platform: list  # [Row], every platform

    @property
    def share_forwarded(self):
        return share(self.forwarded, self.cases)

    @property
    def share_fact_checked(self):
        return share(self.fact_checked, self.cases)

    @property
    def median_first_response_hours(self):
        """The median in hours, one decimal, or None."""
        if self.median_first_response is None:
            return None
        hours = Decimal(self.median_first_response.total_seconds()) / 3600
        return hours.quantize(Decimal("0.1"))


def median_first_response(found_cases, responded):
    """The exact median of first_response_at - opened_at over `found_cases` that have a first
    response, `responded` of them (counted by the caller). One query, none without responses.

    Computed in SQL, portably: the database orders the waits (an expression both SQLite and
    PostgreSQL evaluate) and sends only the one or two middle values (LIMIT/OFFSET), so nothing
    grows in Python with the data. PostgreSQL's percentile_cont would do it in one aggregate,
    but SQLite (the embedded default and the fast test run) has none; one code path gives the
    same exact answer on both."""
    if not responded:
        return None
    waits = (
        found_cases.filter(first_response_at__isnull=False)
        .annotate(wait=F("first_response_at") - F("opened_at"))
        .order_by("wait", "pk")
        .values_list("wait", flat=True)
    )
    middle = list(waits[(responded - 1) // 2 : responded // 2 + 1])
    if len(middle) == 1 or responded % 2:
        return middle[0]
    return (middle[0] + middle[1]) / 2


def desk_figures(figure_filter):
    """The desk's figures for the dashboard: four queries (three without a responded case)."""
    found = cases(figure_filter)
    counted = found.aggregate(
        cases=Count("pk"),
        responded=Count("pk", filter=Q(first_response_at__isnull=False)),
        forwarded=Count("pk", filter=Q(forwarded_at__isnull=False)),
        fact_checked=Count("pk", filter=Q(fact_check__isnull=False, fact_check__live=True)),
    )
    sent, opened = report_groups(figure_filter), case_groups(figure_filter)
    weeks = _weeks({group.week for group in [*sent, *opened]})
    return DeskFigures(
        reports=sum(group.count for group in sent),
        cases=counted["cases"],
        responded=counted["responded"],
        forwarded=counted["forwarded"],
        fact_checked=counted["fact_checked"],
        median_first_response=median_first_response(found, counted["responded"]),
        per_week=_rows(sent, opened, "week", [(week, week) for week in weeks]),
        per_kind=_rows(sent, opened, "kind", Kind.choices),
        per_platform=_rows(sent, opened, "platform", Platform.choices),
    )


def _weeks(found):
    """Every Monday from the first week found to the last, a week without any as 0."""
    if not found:
        return []
    first, last = min(found), max(found)
    count = (last - first).days // 7 + 1
    return [first + datetime.timedelta(weeks=index) for index in range(count)]


def _rows(sent, opened, attribute, keys):
    def total(groups, key):
        return sum(group.count for group in groups if getattr(group, attribute) == key)

    return [Row(key, label, total(sent, key), total(opened, key)) for key, label in keys]


@dataclass(frozen=True)
class AgencyCount:
    reports: int
    cases: int


def per_agency(figure_filter):
    """{agency id (None: not recorded): AgencyCount} of the filter's cases (opened in the
    period) and of their reports submitted in the period; two queries."""
    opened = {
        row["agency_id"]: row["count"]
        for row in cases(figure_filter).values("agency_id").annotate(count=Count("pk")).order_by()
    }
    sent = {
        row["case__agency_id"]: row["count"]
        for row in reports(figure_filter)
        .values("case__agency_id")
        .annotate(count=Count("pk"))
        .order_by()
    }
    return {
        agency: AgencyCount(reports=sent.get(agency, 0), cases=opened.get(agency, 0))
        for agency in {*opened, *sent}
    }


def earliest_report_day():
    """The day (Asia/Jakarta) of the first report ever submitted, or None; one query."""
    first = Report.objects.order_by("submitted_at").values_list("submitted_at", flat=True).first()
    return timezone.localdate(first) if first else None
