"""Before answer keys waited for tests to close, a finished attempt showed them at once: the
migration that starts recording first showings counts those as shown, so organizers are warned
about quizzes whose answers went out before the upgrade."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from content.quizzes.models import Question
from tests.factories.articles import TopicFactory
from tests.factories.people import ParticipantFactory

BEFORE = ("quizzes", "0001_initial")


def _migrate_back():
    """The quizzes app as it was before the upgrade; its historical models."""
    executor = MigrationExecutor(connection)
    executor.migrate([BEFORE])
    return executor.loader.project_state([BEFORE]).apps


def _migrate_forward():
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_questions_of_attempts_finished_before_the_upgrade_count_as_shown():
    topic = TopicFactory(slug="anti-hoaks", name="Anti-Hoaks")
    person = ParticipantFactory()
    then = timezone.now() - datetime.timedelta(days=30)
    old = _migrate_back()
    try:
        Quiz, Question_, Attempt, Answer = (
            old.get_model("quizzes", name) for name in ("Quiz", "Question", "Attempt", "Answer")
        )
        questions = {
            name: Question_.objects.create(topic_id=topic.pk, text=f"Soal {name}?")
            for name in ("shown", "score_only", "open", "never")
        }

        def attempt(review, status, finished, *asked):
            quiz = Quiz.objects.create(title=review + status, slug=review + status, review=review)
            row = Attempt.objects.create(
                quiz=quiz,
                participant_id=person.pk,
                purpose="mandiri",
                number=1,
                status=status,
                seed=1,
                started_at=then,
                finished_at=finished,
                max_points=len(asked),
                score=0 if finished else None,
                passed=False if finished else None,
            )
            for position, question in enumerate(asked, start=1):
                Answer.objects.create(attempt=row, position=position, question=question)

        attempt("penjelasan", "selesai", then, questions["shown"])
        attempt("penjelasan", "waktu_habis", then + datetime.timedelta(days=1), questions["shown"])
        attempt("nilai", "selesai", then, questions["score_only"])
        attempt("jawaban", "berjalan", None, questions["open"])
    finally:
        _migrate_forward()

    shown = dict(Question.objects.values_list("text", "answer_shown_at"))
    assert shown == {
        "Soal shown?": then,  # the first of its finished attempts
        "Soal score_only?": None,  # the quiz showed the score only
        "Soal open?": None,  # never finished
        "Soal never?": None,
    }
