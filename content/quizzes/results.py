"""What organizers read about quiz results: a session's pre-test against its post-test, and
the item analysis of a quiz. Read-only, for the admin's reports (admin_results.py).

Which attempts count:

- Per session, each participant's *best* finished attempt for each test (the highest score;
  on a tie the earliest). Most session tests allow one attempt, so this is usually the only
  one. Where retakes are allowed, the best is what the participant showed they could do; the
  price is that a pre-test retaken after its review reads higher than a first try would.
- In the item analysis, each participant's *first* finished attempt (the earliest started),
  as Moodle's quiz statistics count by default: later attempts of the same person repeat
  questions they have already seen and would make questions look easier than they are.

Finished means submitted or closed when time ran out, with a score. Every selector here runs a
fixed number of queries, however many participants there are.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DecimalField, Min, Sum

from content.articles.pillars import Pillar
from content.quizzes import analysis, item_notes, scoring
from content.quizzes.models import Answer, Attempt, AttemptStatus, Purpose, Question

ONE_DECIMAL = Decimal("0.1")


# Session results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ParticipantResult:
    participant_id: int
    name: str
    nip: str
    agency: str  # at the time of the test (the pre-test's, else the post-test's)
    participant_group: str  # likewise, as its label
    pre: Decimal | None
    post: Decimal | None
    gain: Decimal | None  # Hake's g, scoring.normalised_gain


@dataclass(frozen=True)
class SessionSummary:
    participants: int  # took the pre-test, the post-test or both
    pre_count: int
    post_count: int
    both_count: int
    # Over everyone who took that test.
    pre_average: Decimal | None
    post_average: Decimal | None
    # Over those who took both, the only fair pair to compare.
    matched_pre_average: Decimal | None
    matched_post_average: Decimal | None
    # The mean of the individual gains (of those who took both)...
    average_gain: Decimal | None
    # ...and Hake's class gain <g>, the gain of the matched averages. The two differ: <g>
    # weighs everyone's gain by the room they had to improve (100 - pre).
    class_gain: Decimal | None


@dataclass(frozen=True)
class QuestionResult:
    """One question of either test: the mean points earned on it, as a percentage (Moodle's
    facility index), in the pre-test and in the post-test. A question that only one of the tests
    asked (a parallel form) has blanks on the other side."""

    question_id: int
    text: str
    topic: str
    pre_answers: int
    pre_percent: Decimal | None
    post_answers: int
    post_percent: Decimal | None

    @property
    def change(self):
        """Percentage points gained from pre to post; None unless both tests asked it."""
        if self.pre_percent is None or self.post_percent is None:
            return None
        return self.post_percent - self.pre_percent


@dataclass(frozen=True)
class SessionResults:
    session: object
    rows: list  # ParticipantResult, by name
    summary: SessionSummary
    questions: list  # QuestionResult: in the pre-test's order, then the post-test's own


def _finished(queryset):
    return queryset.exclude(status=AttemptStatus.IN_PROGRESS).filter(score__isnull=False)


def _name(values):
    full = f"{values['participant__first_name']} {values['participant__last_name']}".strip()
    return values["participant__full_name"] or full or values["participant__username"]


def _mean(values, step):
    values = list(values)
    if not values:
        return None
    return (sum(values) / len(values)).quantize(step, rounding=ROUND_HALF_UP)


def _percent(total, count):
    if not count:
        return None
    return (100 * Decimal(total) / count).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def session_results(session):
    """The session's pre- and post-test, per participant, on average and per question (in two
    queries)."""
    group_labels = dict(Attempt._meta.get_field("participant_group").flatchoices)
    attempts = (
        _finished(Attempt.objects.filter(session=session, purpose__in=[Purpose.PRE, Purpose.POST]))
        .order_by("participant_id", "purpose", "-score", "started_at", "pk")
        .values(
            "pk",
            "purpose",
            "score",
            "participant_id",
            "participant__full_name",
            "participant__first_name",
            "participant__last_name",
            "participant__username",
            "participant__nip",
            "agency__name",
            "participant_group",
        )
    )
    best = {}  # (participant id, purpose) -> the values of the best attempt
    for attempt in attempts:
        best.setdefault((attempt["participant_id"], attempt["purpose"]), attempt)

    rows = []
    for participant_id in {participant_id for participant_id, _ in best}:
        pre = best.get((participant_id, Purpose.PRE))
        post = best.get((participant_id, Purpose.POST))
        first = pre or post
        pre_score = pre and pre["score"]
        post_score = post and post["score"]
        rows.append(
            ParticipantResult(
                participant_id=participant_id,
                name=_name(first),
                nip=first["participant__nip"] or "",
                agency=first["agency__name"] or "",
                participant_group=group_labels.get(first["participant_group"], ""),
                pre=pre_score,
                post=post_score,
                gain=scoring.normalised_gain(pre_score, post_score),
            )
        )
    rows.sort(key=lambda row: (row.name.casefold(), row.participant_id))

    return SessionResults(
        session=session,
        rows=rows,
        summary=_summary(rows),
        questions=_question_results([attempt["pk"] for attempt in best.values()]),
    )


def _summary(rows):
    both = [row for row in rows if row.pre is not None and row.post is not None]
    matched_pre = _mean((row.pre for row in both), scoring.SCORE_STEP)
    matched_post = _mean((row.post for row in both), scoring.SCORE_STEP)
    exact_pre = sum(row.pre for row in both) / len(both) if both else None
    exact_post = sum(row.post for row in both) / len(both) if both else None
    return SessionSummary(
        participants=len(rows),
        pre_count=sum(row.pre is not None for row in rows),
        post_count=sum(row.post is not None for row in rows),
        both_count=len(both),
        pre_average=_mean((row.pre for row in rows if row.pre is not None), scoring.SCORE_STEP),
        post_average=_mean((row.post for row in rows if row.post is not None), scoring.SCORE_STEP),
        matched_pre_average=matched_pre,
        matched_post_average=matched_post,
        average_gain=_mean((row.gain for row in both), scoring.POINTS_STEP),
        # From the unrounded averages; normalised_gain rounds the result.
        class_gain=scoring.normalised_gain(exact_pre, exact_post),
    )


def _question_results(attempt_ids):
    """Mean points per question and test over these attempts, in one grouped query."""
    if not attempt_ids:
        return []
    grouped = (
        Answer.objects.filter(attempt_id__in=attempt_ids, points__isnull=False)
        .values("attempt__purpose", "question_id", "question__text", "question__topic__name")
        .annotate(
            answers=Count("pk"),
            total=Sum("points", output_field=DecimalField(max_digits=12, decimal_places=3)),
            position=Min("position"),
        )
        .order_by()
    )
    by_question = defaultdict(dict)
    for row in grouped:
        by_question[row["question_id"]][row["attempt__purpose"]] = row

    def order(item):
        question_id, tests = item
        pre, post = tests.get(Purpose.PRE), tests.get(Purpose.POST)
        return (0, pre["position"], question_id) if pre else (1, post["position"], question_id)

    results = []
    for question_id, tests in sorted(by_question.items(), key=order):
        pre, post = tests.get(Purpose.PRE), tests.get(Purpose.POST)
        any_test = pre or post
        results.append(
            QuestionResult(
                question_id=question_id,
                text=any_test["question__text"],
                topic=any_test["question__topic__name"],
                pre_answers=pre["answers"] if pre else 0,
                pre_percent=_percent(pre["total"], pre["answers"]) if pre else None,
                post_answers=post["answers"] if post else 0,
                post_percent=_percent(post["total"], post["answers"]) if post else None,
            )
        )
    return results


# Item analysis ----------------------------------------------------------------------------


# Moodle's reading of the discrimination index (docs: "Quiz statistics calculations").
DISCRIMINATION_BANDS = [
    (Decimal(50), "Sangat baik"),
    (Decimal(30), "Memadai"),
    (Decimal(20), "Lemah"),
    (Decimal(0), "Sangat lemah"),
]


def _two_decimals(value):
    return None if value is None else round(value, 2)


@dataclass(frozen=True)
class ItemRow:
    question_id: int
    text: str
    topic: str
    attempts: int
    facility: Decimal | None
    discrimination: Decimal | None
    pillar: str = ""  # its label ("" when the question has none)
    # What the apps above note about it (item_notes): the literacy index's calibration.
    note: item_notes.ItemNote | None = None

    @property
    def difficulty(self):
        return _two_decimals(self.note.difficulty if self.note else None)

    @property
    def infit(self):
        return _two_decimals(self.note.infit if self.note else None)

    @property
    def outfit(self):
        return _two_decimals(self.note.outfit if self.note else None)

    @property
    def misfit(self):
        return bool(self.note and self.note.misfit)

    @property
    def fit(self):
        """The model fit in words, for the table and its export ("" without a calibration)."""
        if self.note is None:
            return ""
        return item_notes.MISFIT_LABEL if self.note.misfit else "Cocok"

    @property
    def quality(self):
        """How well the question tells who learned, in Moodle's words; a negative index usually
        means a wrong key or a misleading question."""
        if self.discrimination is None:
            return ""
        for floor, label in DISCRIMINATION_BANDS:
            if self.discrimination >= floor:
                return label
        return "Periksa soal"


@dataclass(frozen=True)
class ItemAnalysis:
    quiz: object
    purpose: str | None
    session: object
    finished: int  # finished attempts in scope
    analysed: int  # the first finished attempt of each participant: what the figures use
    average_score: Decimal | None
    items: list  # ItemRow, in the order the questions were shown
    distribution: list  # [(band label, count)], analysis.score_distribution

    @property
    def calibrated(self):
        return any(item.note is not None for item in self.items)

    @property
    def misfits(self):
        return [item for item in self.items if item.misfit]

    @property
    def distribution_rows(self):
        """The distribution with the bar width of each band (percent of the largest)."""
        largest = max((count for _, count in self.distribution), default=0)
        return [
            {"band": band, "count": count, "width": round(100 * count / largest) if largest else 0}
            for band, count in self.distribution
        ]


def quiz_item_analysis(quiz, *, purpose=None, session=None):
    """Facility and discrimination of every question of the quiz, and the distribution of
    scores, over each participant's first finished attempt; optionally only the attempts of one
    purpose (pre-test, post-test, self-paced) or of one session; each question's pillar, and
    what the apps above note about it (item_notes: the literacy index's calibration). Three
    queries, and each provider's own (one for the statistics)."""
    attempts = _finished(Attempt.objects.filter(quiz=quiz))
    if purpose:
        attempts = attempts.filter(purpose=purpose)
    if session is not None:
        attempts = attempts.filter(session=session)
    first = {}  # participant id -> (attempt id, score)
    finished = 0
    rows = attempts.order_by("participant_id", "started_at", "pk")
    for attempt_id, participant_id, score in rows.values_list("pk", "participant_id", "score"):
        finished += 1
        first.setdefault(participant_id, (attempt_id, score))

    points = defaultdict(dict)  # attempt id -> {question id: points}
    positions = {}
    if first:
        answers = Answer.objects.filter(
            attempt_id__in=[attempt_id for attempt_id, _ in first.values()], points__isnull=False
        ).values_list("attempt_id", "question_id", "points", "position")
        for attempt_id, question_id, earned, position in answers:
            points[attempt_id][question_id] = earned
            positions[question_id] = min(position, positions.get(question_id, position))
    question_ids = sorted(positions, key=lambda question_id: (positions[question_id], question_id))
    questions = {
        row["pk"]: row
        for row in Question.objects.filter(pk__in=question_ids).values(
            "pk", "text", "topic__name", "pillar"
        )
    }
    notes = item_notes.item_notes(question_ids)
    pillars = dict(Pillar.choices)
    statistics = analysis.item_statistics(list(points.values()), question_ids)
    scores = [score for _, score in first.values()]
    return ItemAnalysis(
        quiz=quiz,
        purpose=purpose or None,
        session=session,
        finished=finished,
        analysed=len(first),
        average_score=_mean(scores, scoring.SCORE_STEP),
        items=[
            ItemRow(
                question_id=item.question_id,
                text=questions[item.question_id]["text"],
                topic=questions[item.question_id]["topic__name"],
                attempts=item.attempts,
                facility=item.facility,
                discrimination=item.discrimination,
                pillar=pillars.get(questions[item.question_id]["pillar"], ""),
                note=notes.get(item.question_id),
            )
            for item in statistics
        ],
        distribution=analysis.score_distribution(scores),
    )
