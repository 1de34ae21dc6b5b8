"""Reads for quizzes: where a quiz can be taken, an attempt's paper and its review, and each
participant's own attempts.

Before an attempt is finished, nothing read here for the participant says which option is
correct: `paper()` gives the questions and option keys only.
"""

from dataclasses import dataclass, field

from django.db.models import Min, Q
from django.utils import timezone

from content.quizzes.contexts import Context
from content.quizzes.models import (
    Answer,
    Attempt,
    AttemptStatus,
    Option,
    Purpose,
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


def question_count(quiz):
    """How many questions an attempt will hold (fewer if a topic runs short)."""
    return quiz.picked.count() + sum(draw.count for draw in quiz.draws.all())


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


@dataclass
class ShownOption:
    key: str
    text: str
    chosen: bool = False
    # Only in a review the quiz allows.
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


def _questions(attempt, *, reveal):
    answers = list(
        Answer.objects.filter(attempt=attempt)
        .select_related("question__image")
        .order_by("position")
    )
    ids = [pk for answer in answers for pk in answer.option_order]
    options = {option.pk: option for option in Option.objects.filter(pk__in=ids)}
    shown = []
    for answer in answers:
        question = answer.question
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
                    is_correct=option.is_correct if reveal.answers else None,
                )
            )
        if reveal.answers:
            item.points = answer.points
        if reveal.explanations:
            item.explanation, item.source_url = question.explanation, question.source_url
        shown.append(item)
    return shown


@dataclass(frozen=True)
class _Reveal:
    answers: bool = False
    explanations: bool = False


def paper(attempt):
    """The questions of an open attempt as the participant sees them: text, options (by key)
    and what they have chosen so far. No answer key, no explanation."""
    return _questions(attempt, reveal=_Reveal())


def review(attempt):
    """A finished attempt's questions with as much as the quiz lets the participant see."""
    if not attempt.is_finished:
        raise ValueError("An open attempt has no review.")
    review_setting = attempt.quiz.review
    return _questions(
        attempt,
        reveal=_Reveal(
            answers=review_setting in (Review.ANSWERS, Review.EXPLANATIONS),
            explanations=review_setting == Review.EXPLANATIONS,
        ),
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
        }
        for attempt in participant_attempts(user)
    ]
