"""Simultaneous requests against real PostgreSQL: a participant tapping "Mulai" or "Selesai"
in two tabs at once gets one attempt, scored once."""

import pytest

from content.quizzes import selectors, services
from content.quizzes.models import Answer, Attempt, AttemptStatus
from tests.concurrency import all_at_once
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz, wrong_keys

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_starting_at_once_makes_one_attempt():
    quiz, person = make_quiz(count=3), ParticipantFactory()
    context = selectors.self_paced_context(quiz.slug)
    results, errors = all_at_once(
        lambda _: services.attempt_start(context=context, participant=person), range(8)
    )
    assert errors == []
    assert Attempt.objects.count() == 1 and {a.pk for a in results} == {Attempt.objects.get().pk}
    assert Answer.objects.count() == 3


def test_submitting_at_once_scores_once():
    quiz, person = make_quiz(count=4), ParticipantFactory()
    attempt = services.attempt_start(
        context=selectors.self_paced_context(quiz.slug), participant=person
    )
    right, wrong = correct_keys(attempt), wrong_keys(attempt)
    # Half the tabs hold the right answers, half the wrong ones: whichever lands first is
    # the one scored, and every tab is told that same result.
    papers = [right, wrong] * 4
    results, errors = all_at_once(
        lambda answers: services.attempt_submit(
            participant=person, key=attempt.key, answers=answers
        ),
        papers,
    )
    assert errors == []
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score in (0, 100)
    assert {(a.score, a.finished_at) for a in results} == {(attempt.score, attempt.finished_at)}
    points = set(Answer.objects.filter(attempt=attempt).values_list("points", flat=True))
    assert points == ({1} if attempt.score == 100 else {0})


def test_an_answer_racing_the_submit_is_either_scored_or_refused():
    quiz, person = make_quiz(count=1), ParticipantFactory()
    attempt = services.attempt_start(
        context=selectors.self_paced_context(quiz.slug), participant=person
    )
    right = correct_keys(attempt)[1]

    def work(kind):
        if kind == "save":
            services.answer_save(participant=person, key=attempt.key, position=1, option_keys=right)
            return "saved"
        services.attempt_submit(participant=person, key=attempt.key, answers={})
        return "submitted"

    results, errors = all_at_once(work, ["save", "submit"])
    attempt.refresh_from_db()
    answer = attempt.answers.get()
    if errors:  # the submit won: the late answer was refused, not silently stored
        assert [type(e) for e in errors] == [services.AttemptClosed]
        assert answer.chosen == [] and attempt.score == 0
    else:  # the answer won: it was scored
        assert answer.chosen != [] and attempt.score == 100
