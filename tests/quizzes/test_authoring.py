"""Writing questions and quizzes in the Wagtail admin, as an editor does."""

import pytest
from django.urls import reverse

from content.quizzes.models import Question, Quiz
from tests.factories.articles import TopicFactory
from tests.factories.quizzes import make_question
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", groups=["Editor"])
    client.force_login(user)
    return user


def _formset(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    return data


def _question(kind, options=(), **fields):
    topic = TopicFactory(slug="anti-hoaks", name="Anti-Hoaks")
    data = {
        "topic": topic.pk,
        "kind": kind,
        "text": "Ciri pesan hoaks?",
        "scoring": "semua",
        "explanation": "Hoaks memancing emosi.",
        **fields,
        **_formset(
            "options",
            [{"text": text, **({"is_correct": "on"} if right else {})} for text, right in options],
        ),
    }
    return data


def test_an_editor_writes_a_single_choice_question(client, editor):
    data = _question("tunggal", [("Memancing emosi", True), ("Ada sumber resmi", False)])
    response = client.post(reverse("question:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    question = Question.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("Memancing emosi", True),
        ("Ada sumber resmi", False),
    ]


@pytest.mark.parametrize(
    ("kind", "options", "message"),
    [
        ("tunggal", [("Satu", True)], "paling sedikit dua pilihan"),
        ("tunggal", [("Satu", True), ("Dua", True)], "tepat satu jawaban benar"),
        ("ganda", [("Satu", False), ("Dua", False)], "paling sedikit satu jawaban benar"),
        ("tunggal", [("Sama", True), ("sama ", False)], "ditulis dua kali"),
    ],
)
def test_a_question_that_cannot_be_answered_is_refused(client, editor, kind, options, message):
    response = client.post(reverse("question:add"), _question(kind, options))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_a_true_false_question_gets_its_two_options(client, editor):
    response = client.post(reverse("question:add"), _question("benar_salah", statement_is_true=""))
    assert response.status_code == 200 and not Question.objects.exists()  # the answer is needed
    client.post(reverse("question:add"), _question("benar_salah", statement_is_true="false"))
    question = Question.objects.get()
    assert [(o.text, o.is_correct) for o in question.options.all()] == [
        ("Benar", False),
        ("Salah", True),
    ]


def test_changing_a_hoax_questions_verdict_keeps_its_option_keys(client, editor):
    question = make_question(kind="hoaks_fakta", verdict="hoaks")
    keys = {o.text: o.key for o in question.options.all()}
    data = _question("hoaks_fakta", verdict="fakta")
    client.post(reverse("question:edit", args=[question.pk]), data)
    options = {o.text: o for o in question.options.all()}
    assert {text: o.key for text, o in options.items()} == keys
    assert [text for text, o in options.items() if o.is_correct] == ["Fakta"]


def test_an_editor_builds_a_quiz_used_as_a_sessions_post_test(client, editor, sessions):
    session = SessionPageFactory(parent=sessions)
    questions = [make_question() for _ in range(2)]
    topic = questions[0].topic
    data = {
        "title": "Post-test Literasi",
        "slug": "post-test-literasi",
        "instructions": "",
        "layout": "satu",
        "shuffle_options": "on",
        "pass_mark": "70",
        "max_attempts": "1",
        "review": "penjelasan",
        **_formset("picked", [{"question": q.pk} for q in questions]),
        **_formset("draws", [{"topic": topic.pk, "count": "3"}]),
        **_formset("session_tests", [{"session": session.pk, "purpose": "post"}]),
    }
    response = client.post(reverse("quiz:add"), data)
    assert response.status_code == 302, response.context["form"].errors
    quiz = Quiz.objects.get()
    assert [p.question for p in quiz.picked.all()] == questions
    assert quiz.draws.get().count == 3
    assert quiz.session_tests.get().session.specific == session
