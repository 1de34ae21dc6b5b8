"""The period summary for the MoU meetings with Bawaslu: aggregates of the cases opened in a date
range, never a row about a person (no reporter, no contact, no reported person).

Counts are of cases (one post however many reported it), by the day the case was opened (WIB).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from content.reports.models import Case, Kind, PartnerOutcome, Platform
from content.reports.selectors import figures

MAX_DAYS = 366


@dataclass(frozen=True)
class Row:
    label: str
    count: int


@dataclass(frozen=True)
class PeriodSummary:
    start: datetime.date
    end: datetime.date
    cases: int
    reports: int
    per_kind: tuple
    per_platform: tuple
    per_week: tuple
    forwarded: int
    outcomes: tuple
    outcome_pending: int
    responded: int
    median_first_response_hours: float | None
    fact_checks: int

    @property
    def forwarded_share(self):
        return round(100 * self.forwarded / self.cases) if self.cases else 0


def _bounds(start, end):
    zone = timezone.get_current_timezone()
    low = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    high = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone
    )
    return low, high


def _rows(choices, counted):
    return tuple(Row(label, counted.get(value, 0)) for value, label in choices)


def _monday(day):
    return day - datetime.timedelta(days=day.weekday())


def period_summary(start, end):
    """Figures for cases opened from `start` to `end` (dates, both included, WIB)."""
    low, high = _bounds(start, end)
    cases = Case.objects.filter(opened_at__gte=low, opened_at__lt=high)
    total = cases.count()
    per_kind = dict(cases.values_list("kind").annotate(n=Count("pk")).order_by())
    per_platform = dict(cases.values_list("platform").annotate(n=Count("pk")).order_by())
    forwarded = cases.filter(forwarded_at__isnull=False)
    outcomes = dict(
        forwarded.exclude(partner_outcome="")
        .values_list("partner_outcome")
        .annotate(n=Count("pk"))
        .order_by()
    )
    weeks = {}
    opened = cases.values_list("opened_at", flat=True)
    for moment in opened:
        monday = _monday(timezone.localtime(moment).date())
        weeks[monday] = weeks.get(monday, 0) + 1
    week_rows = []
    monday = _monday(start)
    while monday <= end:
        label = (
            f"{max(monday, start):%d-%m} s.d. {min(monday + datetime.timedelta(6), end):%d-%m-%Y}"
        )
        week_rows.append(Row(label, weeks.get(monday, 0)))
        monday += datetime.timedelta(days=7)
    responded = cases.filter(first_response_at__isnull=False).count()
    # The dashboard's exact median, in SQL: only the middle one or two waits leave the database.
    median = figures.median_first_response(cases, responded)
    fact_checks = (
        cases.filter(fact_check__isnull=False, fact_check__live=True)
        .values("fact_check")
        .distinct()
        .count()
    )
    forwarded_count = forwarded.count()
    return PeriodSummary(
        start=start,
        end=end,
        cases=total,
        reports=cases.aggregate(n=Count("reports"))["n"] or 0,
        per_kind=_rows(Kind.choices, per_kind),
        per_platform=_rows(Platform.choices, per_platform),
        per_week=tuple(week_rows),
        forwarded=forwarded_count,
        outcomes=_rows(PartnerOutcome.choices, outcomes),
        outcome_pending=forwarded_count - sum(outcomes.values()),
        responded=responded,
        median_first_response_hours=(
            round(median.total_seconds() / 3600, 1) if median is not None else None
        ),
        fact_checks=fact_checks,
    )
