"""With TASK_WORKER on, an attempt left open is closed by the worker when its time is up,
scoring what was saved: the participant need not come back."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from content.quizzes import selectors, services
from content.quizzes.models import Attempt, AttemptStatus
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _run_worker_after_the_deadline(attempt):
    """Time passes: the deadline and the queued task's start move into the past."""
    past = timezone.now() - datetime.timedelta(minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=past)
    DBTaskResult.objects.update(run_after=past)
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)


@override_settings(TASKS=WORKER)
def test_the_worker_closes_an_abandoned_attempt_with_what_was_saved():
    quiz, person = make_quiz(count=2, time_limit_minutes=10), ParticipantFactory()
    attempt = services.attempt_start(
        context=selectors.self_paced_context(quiz.slug), participant=person
    )
    [queued] = DBTaskResult.objects.filter(task_path__endswith=".close_attempt")
    assert queued.status == "READY"
    assert queued.run_after == attempt.deadline + datetime.timedelta(seconds=30)
    services.answer_save(
        participant=person, key=attempt.key, position=1, option_keys=correct_keys(attempt)[1]
    )

    _run_worker_after_the_deadline(attempt)

    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (AttemptStatus.TIMED_OUT, 50)
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"


@override_settings(TASKS=WORKER)
def test_an_attempt_submitted_in_time_is_left_as_scored():
    quiz, person = make_quiz(count=1, time_limit_minutes=10), ParticipantFactory()
    attempt = services.attempt_start(
        context=selectors.self_paced_context(quiz.slug), participant=person
    )
    services.attempt_submit(participant=person, key=attempt.key, answers=correct_keys(attempt))

    _run_worker_after_the_deadline(attempt)

    attempt.refresh_from_db()
    assert (attempt.status, attempt.score) == (AttemptStatus.SUBMITTED, 100)


@override_settings(TASKS=WORKER)
def test_attempts_recorded_after_the_fact_queue_nothing():
    quiz, person = make_quiz(count=1, time_limit_minutes=10), ParticipantFactory()
    long_ago = timezone.now() - datetime.timedelta(days=30)
    services.attempt_start(
        context=selectors.self_paced_context(quiz.slug), participant=person, now=long_ago
    )
    assert not DBTaskResult.objects.filter(task_path__endswith=".close_attempt").exists()
