"""Records for statistics tests, written straight to the tables the figures are read from:
what a test states is what the figures must add up."""

import datetime

from django.utils import timezone

from content.quizzes.models import Attempt, AttemptStatus, Purpose
from content.training.models.records import AtTheTime

_attempt_seed = iter(range(1, 10**6))


def attempt(participant, quiz, *, score=None, session=None, purpose=Purpose.SELF_PACED, on=None):
    """A finished attempt with `score` (passed at 70 or more), or an open one without."""
    started = (
        timezone.make_aware(datetime.datetime.combine(on, datetime.time(9)))
        if on
        else (timezone.now())
    )
    finished = score is not None
    return Attempt.objects.create(
        quiz=quiz,
        participant=participant,
        session=session,
        purpose=purpose,
        number=Attempt.objects.filter(
            quiz=quiz, participant=participant, session=session, purpose=purpose
        ).count()
        + 1,
        status=AttemptStatus.SUBMITTED if finished else AttemptStatus.IN_PROGRESS,
        seed=next(_attempt_seed),
        started_at=started,
        finished_at=started + datetime.timedelta(minutes=10) if finished else None,
        max_points=10,
        points=score / 10 if finished else None,
        score=score,
        passed=score >= 70 if finished else None,
        **AtTheTime.fields_for(participant),
    )
