"""Saving an answer and submitting an attempt cost a fixed number of queries, however many
questions the quiz has: a hall of participants submits at the same minute."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from content.quizzes.models import Attempt
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz

pytestmark = pytest.mark.django_db


def _count(request):
    with CaptureQueriesContext(connection) as queries:
        response = request()
    assert response.status_code in (200, 302), response.content
    return len(queries)


def _costs(client, questions):
    client.force_login(ParticipantFactory())
    quiz = make_quiz(count=questions)
    attempt_url = client.post(f"/kuis/{quiz.slug}/")["Location"]
    key = attempt_url.split("/")[-2]
    answers = correct_keys(Attempt.objects.get(key=key))
    save = _count(
        lambda: client.post(
            reverse("quizzes:answer", args=[key]),
            data=json.dumps({"position": questions, "options": answers[questions]}),
            content_type="application/json",
        )
    )
    form = {f"q{position}": keys for position, keys in answers.items()}
    submit = _count(lambda: client.post(reverse("quizzes:submit", args=[key]), data=form))
    assert Attempt.objects.get(key=key).score == 100
    return save, submit


def test_saving_and_submitting_cost_the_same_for_5_and_50_questions(client):
    five = _costs(client, 5)
    fifty = _costs(client, 50)
    assert five == fifty
    save, submit = five
    # Saving: session and user, savepoint, the attempt locked, the answer row, its options, the
    # update, release. Submitting: session and user, savepoint, the attempt locked, the answer
    # rows, their options, one bulk update, the attempt's update, release.
    assert (save, submit) == (8, 9), five
