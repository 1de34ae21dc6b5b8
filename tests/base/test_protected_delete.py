"""Deleting something that records still point to (an agency with people, a topic with
questions, a question or quiz already answered) is refused with a message, never a 500, and
nothing is deleted."""

import pytest
from django.urls import reverse

from content.articles.models import Topic
from content.people.models import Agency
from content.quizzes import selectors, services
from content.quizzes.models import Question, Quiz
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_quiz
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_use():
    """One attempt: its participant's agency, the quiz, its question and the question's topic
    are all in use."""
    quiz = make_quiz(count=1)
    person = ParticipantFactory()
    services.attempt_start(context=selectors.self_paced_context(quiz.slug), participant=person)
    # Out of the quiz, the question is used by the attempt's answer only, which Wagtail's
    # reference index does not see.
    quiz.picked.all().delete()
    quiz.save()  # refreshes the reference index
    return {
        Agency: person.agency,
        Topic: Question.objects.get().topic,
        Question: Question.objects.get(),
        Quiz: quiz,
    }


@pytest.mark.parametrize(
    ("model", "url_name"),
    [
        (Agency, "agency:delete"),
        (Topic, "wagtailsnippets_articles_topic:delete"),
        (Question, "question:delete"),
        (Quiz, "quiz:delete"),
    ],
)
def test_deleting_what_records_use_is_refused_with_a_message(client, in_use, model, url_name):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    target = in_use[model]
    response = client.post(reverse(url_name, args=[target.pk]), follow=True)
    assert response.status_code == 200
    messages = [str(m) for m in response.context["messages"]]
    assert model.objects.filter(pk=target.pk).exists()
    # Wagtail refuses by itself what its reference index knows is protected (a topic used by
    # questions); the rest is refused by ProtectedDeleteMixin.
    if model is not Topic:
        assert any("tidak dapat dihapus karena masih dipakai" in m for m in messages), messages


def test_an_unused_question_can_still_be_deleted(client):
    client.force_login(UserFactory(username="admin", is_superuser=True, is_staff=True))
    question = make_quiz(count=1).picked.get().question
    Quiz.objects.all().delete()
    client.post(reverse("question:delete", args=[question.pk]))
    assert not Question.objects.filter(pk=question.pk).exists()
