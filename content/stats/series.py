"""The data behind the dashboard's charts, each a list of rows a chart draws and its table
alternative prints. Grouped in the database: from the summary tables while they are current
(selectors.summary_serves; people counted exactly from the person-day rows), otherwise one
query each over the records."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import TruncMonth

from content.people.models import Agency, ParticipantGroup
from content.quizzes.models import Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats import selectors
from content.stats.models import AttemptCell, AttendanceCell, PersonDay
from content.training.models import SessionPage

TOP_AGENCIES = 15
RECENT_SESSIONS = 12
SCORE_BINS = 10  # 0-9, 10-19, ..., 90-100


@dataclass(frozen=True)
class MonthRow:
    month: object  # a date, the first of the month
    attendances: int
    participants: int


def per_month(stats_filter):
    if selectors.summary_serves(stats_filter):
        return _per_month_from_summary(stats_filter)
    rows = (
        selectors.attendances(stats_filter)
        .annotate(month=TruncMonth("session__date"))
        .values("month")
        .annotate(attendances=Count("pk"), participants=Count("participant", distinct=True))
        .order_by("month")
    )
    return [MonthRow(row["month"], row["attendances"], row["participants"]) for row in rows]


def _per_month_from_summary(stats_filter):
    def by_month(model, **figures):
        found = selectors.cells(model, stats_filter).annotate(month=TruncMonth("day"))
        return {row.pop("month"): row for row in found.values("month").annotate(**figures)}

    attended = by_month(AttendanceCell, attendances=Sum("attendances"))
    people = by_month(PersonDay, participants=Count("person_id", distinct=True))
    return [
        MonthRow(month, attended[month]["attendances"], people[month]["participants"])
        for month in sorted(attended)
    ]


@dataclass(frozen=True)
class AgencyRow:
    agency: str
    participants: int
    attendances: int


def per_agency(stats_filter, *, top=TOP_AGENCIES):
    """The agencies that reached the most people (as recorded at each attendance)."""
    if selectors.summary_serves(stats_filter):
        return _per_agency_from_summary(stats_filter, top)
    rows = (
        selectors.attendances(stats_filter)
        .filter(agency__isnull=False)
        .values("agency", "agency__name", "agency__short_name")
        .annotate(participants=Count("participant", distinct=True), attendances=Count("pk"))
        .order_by("-participants", "-attendances", "agency__name")[:top]
    )
    return [
        AgencyRow(
            row["agency__short_name"] or row["agency__name"],
            row["participants"],
            row["attendances"],
        )
        for row in rows
    ]


def _per_agency_from_summary(stats_filter, top):
    def by_agency(model, **figures):
        found = selectors.cells(model, stats_filter).filter(agency_id__isnull=False)
        return {row.pop("agency_id"): row for row in found.values("agency_id").annotate(**figures)}

    people = by_agency(PersonDay, participants=Count("person_id", distinct=True))
    attended = by_agency(AttendanceCell, attendances=Sum("attendances"))
    agencies = Agency.objects.filter(pk__in=people).only("name", "short_name")
    rows = [
        (
            -people[agency.pk]["participants"],
            -attended[agency.pk]["attendances"],
            agency.name,
            agency,
        )
        for agency in agencies
    ]
    return [
        AgencyRow(agency.short_name or agency.name, -participants, -attendances)
        for participants, attendances, _, agency in sorted(rows, key=lambda row: row[:3])[:top]
    ]


def group_split(stats_filter):
    """[(group label, distinct people)] as recorded at each attendance."""
    if selectors.summary_serves(stats_filter):
        # Grouped: one pass over the person-day rows instead of one distinct count per group.
        found = selectors.cells(PersonDay, stats_filter).values("participant_group")
        found = found.annotate(n=Count("person_id", distinct=True)).order_by()
        counts = {group.value: 0 for group in ParticipantGroup}
        counts.update((row["participant_group"], row["n"]) for row in found)
        return [(group.label, counts[group.value]) for group in ParticipantGroup]
    found, person = selectors.attendances(stats_filter), "participant"
    counts = found.aggregate(
        **{
            group.value: Count(person, distinct=True, filter=Q(participant_group=group))
            for group in ParticipantGroup
        }
    )
    return [(group.label, counts[group.value]) for group in ParticipantGroup]


def score_distribution(stats_filter):
    """[(bin label, pre-tests, post-tests)]: finished attempts per band of ten points."""
    if selectors.summary_serves(stats_filter):
        counts = _bands_from_summary(stats_filter)
    else:
        counts = _bands_from_records(stats_filter)
    return [
        (
            f"{band * 10}-{band * 10 + 9 if band < SCORE_BINS - 1 else 100}",
            counts[f"{Purpose.PRE}_{band}"],
            counts[f"{Purpose.POST}_{band}"],
        )
        for band in range(SCORE_BINS)
    ]


def _bands_from_summary(stats_filter):
    found = selectors.cells(AttemptCell, stats_filter).filter(
        band__isnull=False, purpose__in=(Purpose.PRE, Purpose.POST)
    )
    counts = {
        f"{purpose}_{band}": 0
        for purpose in (Purpose.PRE, Purpose.POST)
        for band in range(SCORE_BINS)
    }
    for row in found.values("purpose", "band").annotate(n=Sum("finished")):
        counts[f"{row['purpose']}_{row['band']}"] = row["n"]
    return counts


def _bands_from_records(stats_filter):
    finished = selectors.attempts(stats_filter).exclude(status=AttemptStatus.IN_PROGRESS)
    bands = {}
    for band in range(SCORE_BINS):
        low, high = band * 10, band * 10 + 10
        in_band = Q(score__gte=low) & (Q(score__lt=high) if band < SCORE_BINS - 1 else Q())
        for purpose in (Purpose.PRE, Purpose.POST):
            bands[f"{purpose}_{band}"] = Count("pk", filter=in_band & Q(purpose=purpose))
    return finished.aggregate(**bands)


@dataclass(frozen=True)
class SessionScores:
    title: str
    date: object
    pre: object
    post: object


def pre_post_per_session(stats_filter, *, recent=RECENT_SESSIONS):
    """The latest sessions with a finished pre- or post-test: their average scores."""
    if selectors.summary_serves(stats_filter):
        return _pre_post_from_summary(stats_filter, recent)
    rows = (
        selectors.attempts(stats_filter)
        .filter(session__isnull=False)
        .exclude(status=AttemptStatus.IN_PROGRESS)
        .values("session", "session__title", "session__date")
        .annotate(
            pre=Avg("score", filter=Q(purpose=Purpose.PRE)),
            post=Avg("score", filter=Q(purpose=Purpose.POST)),
        )
        .order_by("-session__date", "-session")[:recent]
    )
    return [
        SessionScores(row["session__title"], row["session__date"], row["pre"], row["post"])
        for row in reversed(list(rows))
    ]


def _pre_post_from_summary(stats_filter, recent):
    found = (
        selectors.cells(AttemptCell, stats_filter)
        .filter(session_id__isnull=False)
        .values("session_id", "day")
        .annotate(
            finished=Sum("finished"),
            pre_sum=Sum("pre_sum"),
            pre_count=Sum("pre_count"),
            post_sum=Sum("post_sum"),
            post_count=Sum("post_count"),
        )
        .filter(finished__gt=0)
        .order_by("-day", "-session_id")[:recent]
    )
    rows = list(found)
    titles = dict(
        SessionPage.objects.filter(pk__in=[row["session_id"] for row in rows]).values_list(
            "pk", "title"
        )
    )
    return [
        SessionScores(
            titles[row["session_id"]],
            row["day"],
            _mean(row["pre_sum"], row["pre_count"]),
            _mean(row["post_sum"], row["post_count"]),
        )
        for row in reversed(rows)
    ]


def _mean(total, count):
    return None if not count else Decimal(total) / count
