"""The data behind the dashboard's charts, each a list of rows a chart draws and its table
alternative prints. One query each, grouped in the database."""

from dataclasses import dataclass

from django.db.models import Avg, Count, Q
from django.db.models.functions import TruncMonth

from content.people.models import ParticipantGroup
from content.quizzes.models import Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats import selectors

TOP_AGENCIES = 15
RECENT_SESSIONS = 12
SCORE_BINS = 10  # 0-9, 10-19, ..., 90-100


@dataclass(frozen=True)
class MonthRow:
    month: object  # a date, the first of the month
    attendances: int
    participants: int


def per_month(stats_filter):
    rows = (
        selectors.attendances(stats_filter)
        .annotate(month=TruncMonth("session__date"))
        .values("month")
        .annotate(attendances=Count("pk"), participants=Count("participant", distinct=True))
        .order_by("month")
    )
    return [MonthRow(row["month"], row["attendances"], row["participants"]) for row in rows]


@dataclass(frozen=True)
class AgencyRow:
    agency: str
    participants: int
    attendances: int


def per_agency(stats_filter, *, top=TOP_AGENCIES):
    """The agencies that reached the most people (as recorded at each attendance)."""
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


def group_split(stats_filter):
    """[(group label, distinct people)] as recorded at each attendance."""
    counts = selectors.attendances(stats_filter).aggregate(
        **{
            group.value: Count("participant", distinct=True, filter=Q(participant_group=group))
            for group in ParticipantGroup
        }
    )
    return [(group.label, counts[group.value]) for group in ParticipantGroup]


def score_distribution(stats_filter):
    """[(bin label, pre-tests, post-tests)]: finished attempts per band of ten points."""
    finished = selectors.attempts(stats_filter).exclude(status=AttemptStatus.IN_PROGRESS)
    bands = {}
    for band in range(SCORE_BINS):
        low, high = band * 10, band * 10 + 10
        in_band = Q(score__gte=low) & (Q(score__lt=high) if band < SCORE_BINS - 1 else Q())
        for purpose in (Purpose.PRE, Purpose.POST):
            bands[f"{purpose}_{band}"] = Count("pk", filter=in_band & Q(purpose=purpose))
    counts = finished.aggregate(**bands)
    return [
        (
            f"{band * 10}-{band * 10 + 9 if band < SCORE_BINS - 1 else 100}",
            counts[f"{Purpose.PRE}_{band}"],
            counts[f"{Purpose.POST}_{band}"],
        )
        for band in range(SCORE_BINS)
    ]


@dataclass(frozen=True)
class SessionScores:
    title: str
    date: object
    pre: object
    post: object


def pre_post_per_session(stats_filter, *, recent=RECENT_SESSIONS):
    """The latest sessions with a finished pre- or post-test: their average scores."""
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
