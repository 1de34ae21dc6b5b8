"""Publishing a fact-check with "Jadikan soal Hoaks atau Fakta?" ticked makes its question, once,
and the question joins every quiz that collects fact-checks, so the public "Hoaks atau Fakta?"
quiz asks new fact-checks without anyone editing it."""

import pytest
from django.db import IntegrityError, transaction

from content.quizzes import paper
from content.quizzes.models import PickedQuestion, Question, QuestionKind
from tests.factories.articles import FactCheckPageFactory, TopicFactory
from tests.factories.images import ImageFactory
from tests.factories.quizzes import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return TopicFactory(slug="anti-hoaks", name="Anti-Hoaks")


@pytest.fixture
def public_quiz():
    return make_quiz(
        [make_question()],
        title="Hoaks atau Fakta?",
        slug="hoaks-atau-fakta",
        collects_fact_checks=True,
    )


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _fact_check(site_tree, topic, **fields):
    fields.setdefault("make_question", True)
    return FactCheckPageFactory(parent=site_tree.fact_checks, topic=topic, live=False, **fields)


class TestPublishing:
    def test_publishing_makes_the_question_and_the_public_quiz_asks_it(
        self, site_tree, topic, public_quiz
    ):
        other = make_quiz([make_question()])  # a quiz that does not collect fact-checks
        picture = ImageFactory(title="Gambar klaim")
        page = _fact_check(site_tree, topic, verdict="disinformasi", question_image=picture)
        page = _publish(page)

        question = Question.objects.get(fact_check=page)
        assert (question.kind, question.verdict, question.text, question.image) == (
            QuestionKind.HOAX_OR_FACT,
            "disinformasi",
            page.claim,
            picture,
        )
        assert question.topic == topic
        picked = list(public_quiz.picked.order_by("sort_order"))
        assert [item.question for item in picked][-1] == question
        assert picked[-1].sort_order > picked[0].sort_order
        assert not other.picked.filter(question=question).exists()
        # Every attempt at the public quiz now asks it (the quiz uses all its picked questions).
        assert question in [q for q, _ in paper.compose(public_quiz, seed=7)]

    def test_publishing_again_makes_no_second_question(self, site_tree, topic, public_quiz):
        page = _publish(_fact_check(site_tree, topic))
        page.claim = "Klaim yang diperbaiki."
        _publish(page)
        _publish(page)
        assert Question.objects.filter(fact_check=page).count() == 1
        assert PickedQuestion.objects.filter(quiz=public_quiz).count() == 2

    def test_a_fact_check_has_one_question_at_most_in_the_database(self, site_tree, topic):
        page = _publish(_fact_check(site_tree, topic))
        with pytest.raises(IntegrityError), transaction.atomic():
            make_question(
                topic=topic, kind=QuestionKind.HOAX_OR_FACT, verdict="hoaks", fact_check=page
            )

    def test_without_the_choice_no_question_is_made(self, site_tree, topic, public_quiz):
        _publish(_fact_check(site_tree, topic, make_question=False))
        assert not Question.objects.filter(fact_check__isnull=False).exists()
        assert PickedQuestion.objects.filter(quiz=public_quiz).count() == 1

    def test_the_choice_needs_a_topic(self, site_tree):
        from django.core.exceptions import ValidationError

        page = _fact_check(site_tree, None)
        with pytest.raises(ValidationError) as refused:
            page.full_clean()
        assert "topic" in refused.value.message_dict


class TestTheEditorsForm:
    def test_the_choice_and_the_picture_are_on_the_fact_check_form(self, client, site_tree, topic):
        from tests.factories.users import UserFactory

        client.force_login(UserFactory(username="editor", groups=["Editor"]))
        page = _publish(_fact_check(site_tree, topic, make_question=False))
        html = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
        assert "Jadikan soal Hoaks atau Fakta?" in html
        assert 'name="make_question"' in html and 'name="question_image"' in html
