"""Reads for quizzes: where a quiz can be taken, an attempt's paper and its review, and each
participant's own attempts.

Before an attempt is finished, nothing read here for the participant says which option is
correct: `paper()` gives the questions and option keys only. After it, `review()` shows what the
quiz allows, and never the answer of a question someone may still answer in a session test
(`answer_key_seals`, the one place that decides it).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from content.quizzes import rules
from content.quizzes.contexts import Context
from content.quizzes.models import (
    Answer,
    Attempt,
    AttemptStatus,
    Option,
    PickedQuestion,
    Purpose,
    Question,
    QuestionDraw,
    QuestionKind,
    Quiz,
    Review,
    SessionTest,
)

# The page-cache scope of pages that link quizzes (articles, sessions, the home page).
PAGE_CACHE_SCOPE = "quizzes"


def self_paced_context(slug):
    """The self-paced quiz at /kuis/<slug>/; Quiz.DoesNotExist when there is none."""
    quiz = Quiz.objects.get(slug=slug, self_paced=True)
    return Context(
        quiz=quiz, purpose=Purpose.SELF_PACED, opens_at=quiz.opens_at, closes_at=quiz.closes_at
    )


def session_test_context(session, purpose):
    test = SessionTest.objects.select_related("quiz").filter(session=session, purpose=purpose)
    test = test.first()
    return None if test is None else _context(test, session)


def is_open(context, *, now=None):
    now = now or timezone.now()
    return (context.opens_at is None or context.opens_at <= now) and (
        context.closes_at is None or now < context.closes_at
    )


def next_change(contexts, *, now=None):
    """The next moment one of these quizzes opens or closes, for the page cache."""
    now = now or timezone.now()
    moments = [m for c in contexts for m in (c.opens_at, c.closes_at) if m and m > now]
    return min(moments, default=None)


def _context(test, session):
    opens_at, closes_at = test.window
    return Context(
        quiz=test.quiz,
        purpose=test.purpose,
        session=session,
        opens_at=opens_at,
        closes_at=closes_at,
    )


def session_tests(session):
    """The session's pre-test and post-test, in that order, in one query."""
    tests = SessionTest.objects.select_related("quiz").filter(session=session)
    by_purpose = {test.purpose: test for test in tests}
    return [
        _context(by_purpose[purpose], session)
        for purpose in (Purpose.PRE, Purpose.POST)
        if purpose in by_purpose
    ]


def article_quizzes(article):
    return list(Quiz.objects.filter(self_paced=True, articles=article).order_by("title"))


def featured_quizzes(*, now=None):
    now = now or timezone.now()
    return list(
        Quiz.objects.filter(self_paced=True, featured=True)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .order_by("-updated_at")[:3]
    )


@dataclass(frozen=True)
class ListedQuiz:
    """A self-paced quiz on /kuis/, with the participant's own standing (None for visitors)."""

    quiz: object
    is_open: bool
    question_count: int
    status: object = None  # QuizStatus


@dataclass(frozen=True)
class QuizStatus:
    attempts: int  # finished ones
    in_progress: bool
    best_score: object  # Decimal, None before a finished attempt
    passed: bool

    @property
    def started(self):
        return self.in_progress or self.attempts > 0


def self_paced_quizzes(participant, *, now=None):
    """/kuis/: the self-paced quizzes not closed yet (open ones first, then those still to
    open), each with the participant's own standing when they are logged in. Nothing about
    questions or answers. Three queries for a participant, two for a visitor."""
    now = now or timezone.now()
    quizzes = list(
        Quiz.objects.filter(self_paced=True)
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("topic")
        .prefetch_related("draws")
        .annotate(picked_total=Count("picked", distinct=True))
        .order_by("title", "pk")
    )
    statuses = {}
    if participant.is_authenticated and quizzes:
        rows = (
            Attempt.objects.filter(
                participant=participant,
                quiz__in=quizzes,
                purpose=Purpose.SELF_PACED,
                session__isnull=True,
            )
            .values("quiz_id")
            .annotate(
                finished=Count("pk", filter=~Q(status=AttemptStatus.IN_PROGRESS)),
                open=Count("pk", filter=Q(status=AttemptStatus.IN_PROGRESS)),
                best=Max("score", filter=~Q(status=AttemptStatus.IN_PROGRESS)),
                passes=Count("pk", filter=Q(passed=True)),
            )
        )
        statuses = {
            row["quiz_id"]: QuizStatus(
                attempts=row["finished"],
                in_progress=row["open"] > 0,
                best_score=row["best"],
                passed=row["passes"] > 0,
            )
            for row in rows
        }
    listed = []
    for quiz in quizzes:
        picked = quiz.picked_total
        if quiz.picked_draw_count:
            picked = min(picked, quiz.picked_draw_count)
        listed.append(
            ListedQuiz(
                quiz=quiz,
                is_open=quiz.opens_at is None or quiz.opens_at <= now,
                question_count=picked + sum(draw.count for draw in quiz.draws.all()),
                status=statuses.get(quiz.pk, QuizStatus(0, False, None, False))
                if participant.is_authenticated
                else None,
            )
        )
    listed.sort(key=lambda item: not item.is_open)
    return listed


def question_count(quiz):
    """How many questions an attempt will hold (fewer if a topic runs short)."""
    picked = quiz.picked.count()
    if quiz.picked_draw_count:
        picked = min(picked, quiz.picked_draw_count)
    return picked + sum(draw.count for draw in quiz.draws.all())


def next_featured_opening(*, now):
    return (
        Quiz.objects.filter(self_paced=True, featured=True, opens_at__gt=now)
        .aggregate(next=Min("opens_at"))
        .get("next")
    )


def attempts_in(context, participant):
    if not participant.is_authenticated:
        return []
    return list(context.attempts(participant).order_by("number"))


def attempt_of(participant, key):
    """The participant's own attempt; Attempt.DoesNotExist for anyone else's."""
    return Attempt.objects.select_related("quiz", "session").get(key=key, participant=participant)


# When answers may be shown ------------------------------------------------------------------


@dataclass(frozen=True)
class Seal:
    """Why a question's correct answer is not shown yet: someone may still answer it in a
    session test. `until` is the last closing time of what can still ask it; None while one of
    them has no closing time (it ends only when an organizer sets one)."""

    until: datetime.datetime | None


def answer_key_seals(questions, *, now):
    """{question id: Seal} for those of `questions` ({question id: topic id}) whose correct
    answer and explanation must stay hidden at `now`: the only rule that decides it, for every
    page, download and message that could show them.

    A question is sealed while someone may still answer it in a session test (pre- or
    post-test), that is while
    - a session test of any session that has not closed for answers (its own closing time, else
      its quiz's, plus the network's grace; with neither it never closes, and one not opened
      yet counts as open) belongs to a quiz that picks the question or draws from its topic;
    - or an open attempt at a session test holds the question and can still save answers (an
      attempt keeps the deadline it started with, which may outlast a closing time changed
      since).
    Self-paced attempts seal nothing: a practice quiz keeps showing its answers right away,
    except those of a question sealed here. Four queries at most, however many questions; the
    last (the open attempts) only for questions no test without a closing time asks.
    """
    if not questions:
        return {}
    cutoff = rules.earliest_open_limit(now)
    ids, topics = list(questions), set(questions.values())
    limits = defaultdict(list)  # question id -> closing times of what can still ask it

    tests = (
        SessionTest.objects.filter(
            Q(quiz_id__in=PickedQuestion.objects.filter(question_id__in=ids).values("quiz_id"))
            | Q(quiz_id__in=QuestionDraw.objects.filter(topic_id__in=topics).values("quiz_id"))
        )
        .annotate(ends=Coalesce("closes_at", "quiz__closes_at"))
        .filter(Q(ends__isnull=True) | Q(ends__gte=cutoff))
        .values_list("quiz_id", "ends")
    )
    quiz_limits = defaultdict(list)
    for quiz_id, ends in tests:
        quiz_limits[quiz_id].append(ends)
    if quiz_limits:
        picks = PickedQuestion.objects.filter(quiz_id__in=quiz_limits, question_id__in=ids)
        for quiz_id, question_id in picks.values_list("quiz_id", "question_id"):
            limits[question_id] += quiz_limits[quiz_id]
        draws = QuestionDraw.objects.filter(quiz_id__in=quiz_limits, topic_id__in=topics)
        drawn_from = defaultdict(list)  # topic id -> closing times
        for quiz_id, topic_id in draws.values_list("quiz_id", "topic_id"):
            drawn_from[topic_id] += quiz_limits[quiz_id]
        for question_id, topic_id in questions.items():
            limits[question_id] += drawn_from.get(topic_id, [])

    # A question some test asks with no closing time stays sealed whatever attempts hold it:
    # only the others need the attempts' deadlines (none at all while such a test is open,
    # as during a session's post-test, when this is the result page's largest read).
    ids = [question_id for question_id in ids if None not in limits[question_id]]
    held = (
        Answer.objects.filter(
            question_id__in=ids,
            attempt__status=AttemptStatus.IN_PROGRESS,
            attempt__session__isnull=False,
        )
        .filter(Q(attempt__deadline__isnull=True) | Q(attempt__deadline__gte=cutoff))
        .values_list("question_id", "attempt__deadline")
    )
    for question_id, deadline in held if ids else ():
        limits[question_id].append(deadline)

    return {
        question_id: Seal(until=None if None in ends else max(ends))
        for question_id, ends in limits.items()
        if ends
    }


@dataclass
class ShownOption:
    key: str
    text: str
    chosen: bool = False
    # Only in a review the quiz allows, of a question no longer sealed.
    is_correct: bool | None = None


@dataclass
class ShownQuestion:
    position: int
    text: str
    image: object
    multiple: bool
    options: list = field(default_factory=list)
    answered: bool = False
    points: object = None
    explanation: str = ""
    source_url: str = ""
    # The quiz would show the answer, but someone may still answer this question.
    withheld: bool = False

    @property
    def input_type(self):
        """The attempt form's input for each option (read once per question by the page)."""
        return "checkbox" if self.multiple else "radio"

    @property
    def field_name(self):
        """The form field of the answer: q<position> (views.py reads them back)."""
        return f"q{self.position}"


@dataclass(frozen=True)
class _Reveal:
    answers: bool = False
    explanations: bool = False


NOTHING = _Reveal()


def _answers(attempt):
    return list(
        Answer.objects.filter(attempt=attempt)
        .select_related("question__image")
        .order_by("position")
    )


def _questions(answers, *, reveal):
    """The questions as shown; `reveal(answer)` says how much of each one's key to show."""
    ids = [pk for answer in answers for pk in answer.option_order]
    options = {option.pk: option for option in Option.objects.filter(pk__in=ids)}
    shown = []
    for answer in answers:
        question = answer.question
        allowed = reveal(answer)
        item = ShownQuestion(
            position=answer.position,
            text=question.text,
            image=question.image,
            multiple=question.kind == QuestionKind.MULTIPLE,
            answered=bool(answer.chosen),
        )
        for pk in answer.option_order:
            option = options.get(pk)
            if option is None:
                continue
            item.options.append(
                ShownOption(
                    key=str(option.key),
                    text=option.text,
                    chosen=pk in answer.chosen,
                    is_correct=option.is_correct if allowed.answers else None,
                )
            )
        if allowed.answers:
            item.points = answer.points
        if allowed.explanations:
            item.explanation, item.source_url = question.explanation, question.source_url
        shown.append(item)
    return shown


# How a question's picture is served (views.question_image): the size the pages show it at.
QUESTION_PICTURE_FILTER = "max-800x600|format-webp"
QUESTION_PICTURE_FORMAT = "webp"
QUESTION_PICTURE_TYPE = "image/webp"


def question_picture(attempt, position):
    """The bytes of the picture of the question at `position` of `attempt`; LookupError when
    there is no such question or it has no picture (or its file is gone)."""
    if position is None:
        raise LookupError(position)
    answer = (
        Answer.objects.filter(attempt=attempt, position=position)
        .select_related("question__image")
        .first()
    )
    if answer is None or answer.question.image is None:
        raise LookupError(position)
    try:
        rendition = answer.question.image.get_rendition(QUESTION_PICTURE_FILTER)
        with rendition.file.open("rb") as stored:
            return stored.read()
    except (OSError, ValueError) as error:
        raise LookupError(position) from error


def paper(attempt):
    """The questions of an open attempt as the participant sees them: text, options (by key)
    and what they have chosen so far. No answer key, no explanation."""
    return _questions(_answers(attempt), reveal=lambda answer: NOTHING)


@dataclass(frozen=True)
class AttemptReview:
    """A finished attempt as its participant may see it now."""

    questions: list  # ShownQuestion
    allows: str  # the quiz's Review setting
    withheld: int  # questions whose answer the quiz would show but which are sealed
    until: datetime.datetime | None  # when the last of them may be shown...
    waits_for_organizer: bool  # ...unless one waits for a test without a closing time
    newly_shown: tuple  # ids of questions whose answer is shown here for the first time

    @property
    def lists_questions(self):
        return self.allows != Review.SCORE

    @property
    def withheld_all(self):
        return bool(self.questions) and self.withheld == len(self.questions)


def review(attempt, *, now=None):
    """A finished attempt's questions with as much as the quiz lets the participant see, and
    no answer that answer_key_seals holds back. The score is the attempt's own, always shown."""
    if not attempt.is_finished:
        raise ValueError("An open attempt has no review.")
    now = now or timezone.now()
    allows = attempt.quiz.review
    wanted = _Reveal(
        answers=allows in (Review.ANSWERS, Review.EXPLANATIONS),
        explanations=allows == Review.EXPLANATIONS,
    )
    answers = _answers(attempt)
    seals = {}
    if wanted.answers:
        questions = {answer.question_id: answer.question.topic_id for answer in answers}
        seals = answer_key_seals(questions, now=now)
    questions = _questions(
        answers, reveal=lambda answer: NOTHING if answer.question_id in seals else wanted
    )
    for item, answer in zip(questions, answers, strict=True):
        item.withheld = answer.question_id in seals
    ends = [seal.until for seal in seals.values()]
    return AttemptReview(
        questions=questions,
        allows=allows,
        withheld=len(seals),
        until=max((end for end in ends if end is not None), default=None),
        waits_for_organizer=None in ends,
        newly_shown=tuple(
            answer.question_id
            for answer in answers
            if wanted.answers
            and answer.question_id not in seals
            and answer.question.answer_shown_at is None
        ),
    )


@dataclass(frozen=True)
class AnswersShown:
    total: int
    shown: int
    since: datetime.datetime | None


def answers_shown(quiz):
    """How many of the questions the quiz can ask (picked, or in a topic it draws from) have
    had their answer shown to a participant, out of how many, and since when. One query."""
    asked = Question.objects.filter(
        Q(pk__in=PickedQuestion.objects.filter(quiz=quiz).values("question_id"))
        | Q(topic_id__in=QuestionDraw.objects.filter(quiz=quiz).values("topic_id"))
    )
    figures = asked.aggregate(
        total=Count("pk"),
        shown=Count("pk", filter=Q(answer_shown_at__isnull=False)),
        since=Min("answer_shown_at"),
    )
    return AnswersShown(**figures)


def with_answers_shown_since(quizzes):
    """The quizzes annotated with `picked_shown_since` and `drawn_shown_since`: the first time
    the answer of a question they pick, or of one in a topic they draw from, was shown."""
    first_picked = (
        PickedQuestion.objects.filter(quiz=OuterRef("pk"), question__answer_shown_at__isnull=False)
        .order_by("question__answer_shown_at")
        .values("question__answer_shown_at")[:1]
    )
    first_drawn = (
        QuestionDraw.objects.filter(
            quiz=OuterRef("pk"), topic__questions__answer_shown_at__isnull=False
        )
        .order_by("topic__questions__answer_shown_at")
        .values("topic__questions__answer_shown_at")[:1]
    )
    return quizzes.annotate(
        picked_shown_since=Subquery(first_picked), drawn_shown_since=Subquery(first_drawn)
    )


def best_finished_attempt(participant, *, quiz=None, session=None, purpose=None):
    """The participant's best finished attempt (highest score, then earliest) in a context:
    a session's post-test (session, purpose) or a self-paced quiz (quiz)."""
    attempts = Attempt.objects.filter(participant=participant).exclude(
        status=AttemptStatus.IN_PROGRESS
    )
    if quiz is not None:
        attempts = attempts.filter(quiz=quiz, session__isnull=True)
    if session is not None:
        attempts = attempts.filter(session=session, purpose=purpose)
    return attempts.order_by("-score", "finished_at").first()


def participant_attempts(user):
    """Akun saya: the person's own finished and open attempts, newest first."""
    return list(
        Attempt.objects.filter(participant=user)
        .select_related("quiz", "session")
        .order_by("-started_at")
    )


def participant_attempts_export(user):
    """The person's attempts for their data download: the score and what they chose, never the
    answer key (the result page shows that, when answer_key_seals allows). Three queries."""
    attempts = participant_attempts(user)
    answers = (
        Answer.objects.filter(attempt__in=attempts)
        .select_related("question")
        .only("attempt_id", "position", "chosen", "answered_at", "question__text")
        .order_by("position")
    )
    by_attempt = defaultdict(list)
    for answer in answers:
        by_attempt[answer.attempt_id].append(answer)
    chosen_ids = {pk for rows in by_attempt.values() for row in rows for pk in row.chosen}
    texts = dict(Option.objects.filter(pk__in=chosen_ids).values_list("pk", "text"))
    return [
        {
            "kuis": attempt.quiz.title,
            "jenis": attempt.get_purpose_display(),
            "sosialisasi": attempt.session.title if attempt.session else None,
            "percobaan_ke": attempt.number,
            "mulai": attempt.started_at.isoformat(),
            "selesai": attempt.finished_at.isoformat() if attempt.finished_at else None,
            "status": attempt.get_status_display(),
            "nilai": str(attempt.score) if attempt.score is not None else None,
            "lulus": attempt.passed,
            "jawaban_anda": [
                {
                    "nomor": row.position,
                    "soal": row.question.text,
                    "pilihan": [texts[pk] for pk in row.chosen if pk in texts],
                    "dijawab": row.answered_at.isoformat() if row.answered_at else None,
                }
                for row in by_attempt[attempt.pk]
            ],
        }
        for attempt in attempts
    ]
