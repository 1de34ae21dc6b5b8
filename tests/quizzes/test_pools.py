"""Drawing questions per attempt: a quiz may draw N of its picked questions (its own pool) as
well as N from a topic. Each attempt keeps the questions it drew, is scored on them and reviews
them; drawing is what the admin offers first for session tests."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from content.quizzes import paper, selectors, services
from content.quizzes.models import Attempt, PickedQuestion, Purpose, Quiz, Review, SessionTest
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


def _drawn(attempt):
    return set(attempt.answers.values_list("question_id", flat=True))


class TestDrawingFromPickedQuestions:
    def test_each_attempt_draws_its_own_questions_from_the_picked_ones(self):
        questions = [make_question() for _ in range(10)]
        quiz = make_quiz(questions, picked_draw_count=3, max_attempts=None)
        person = ParticipantFactory()
        context = selectors.self_paced_context(quiz.slug)
        seen = set()
        for _ in range(12):
            attempt = services.attempt_start(context=context, participant=person)
            drawn = _drawn(attempt)
            assert len(drawn) == 3 and attempt.max_points == 3
            assert drawn <= {question.pk for question in questions}
            seen |= drawn
            services.attempt_submit(
                participant=person, key=attempt.key, answers=correct_keys(attempt)
            )
            attempt.refresh_from_db()
            assert attempt.score == 100  # scored on its three questions only
        # Twelve draws of 3 from 10 all alike has a chance of 1 in 120^11.
        assert len(seen) > 3

    def test_the_same_seed_draws_the_same_paper(self):
        quiz = make_quiz(count=8, picked_draw_count=4, shuffle_questions=True)
        first, again = paper.compose(quiz, 1234), paper.compose(quiz, 1234)
        assert [(q.pk, ids) for q, ids in first] == [(q.pk, ids) for q, ids in again]
        assert len(first) == 4

    def test_without_shuffling_the_drawn_questions_keep_the_picked_order(self):
        questions = [make_question() for _ in range(6)]
        quiz = make_quiz(questions, picked_draw_count=3, shuffle_questions=False)
        order = [question.pk for question in questions]
        for seed in range(1, 6):
            drawn = [question.pk for question, _ in paper.compose(quiz, seed)]
            assert drawn == sorted(drawn, key=order.index)

    def test_the_start_page_counts_the_drawn_questions(self, client):
        quiz = make_quiz(count=10, picked_draw_count=4, title="Kuis acak")
        assert selectors.question_count(quiz) == 4
        html = client.get(f"/kuis/{quiz.slug}/").content.decode()
        assert "<dt>Jumlah soal</dt><dd>4</dd>" in html


class TestReviewOfADrawnAttempt:
    def test_after_closing_each_review_shows_its_own_drawn_questions(self, client, sessions):
        now = timezone.now()
        questions = [make_question() for _ in range(12)]
        quiz = make_quiz(
            questions, self_paced=False, picked_draw_count=3, review=Review.EXPLANATIONS
        )
        session = SessionPageFactory(parent=sessions)
        test = use_in_session(quiz, session, closes_at=now + datetime.timedelta(hours=1))
        people = [ParticipantFactory() for _ in range(2)]
        attempts = []
        for person in people:
            mark_attendance(session, person)
            context = selectors.session_test_context(session, Purpose.POST)
            attempt = services.attempt_start(context=context, participant=person)
            attempts.append(services.attempt_submit(participant=person, key=attempt.key))
        # A question added to the pool later is not part of any earlier attempt.
        late = make_question()
        PickedQuestion.objects.create(quiz=quiz, question=late, sort_order=99)
        SessionTest.objects.filter(pk=test.pk).update(closes_at=now - datetime.timedelta(hours=1))

        for person, attempt in zip(people, attempts, strict=True):
            client.force_login(person)
            html = client.get(reverse("quizzes:result", args=[attempt.key])).content.decode()
            for question in [*questions, late]:
                asked = question.pk in _drawn(attempt)
                assert (question.text in html) is asked
                assert (question.explanation in html) is asked
            assert html.count("jawaban benar") == 3


class TestAdmin:
    @pytest.fixture
    def organizer(self, client):
        user = UserFactory(username="penyelenggara", groups=["Organizer"])
        client.force_login(user)
        return user

    def test_the_add_form_offers_drawing_first(self, client, organizer):
        html = client.get(reverse("quiz:add")).content.decode()
        draws = html.index("Soal acak dari bank soal")
        assert draws < html.index("Soal dipilih satu per satu")
        assert "disarankan untuk pre-test dan post-test" in html
        assert "Ambil acak dari soal pilihan" in html
        assert "mendapat soal yang sama" in html  # the hint above the sessions

    def test_drawing_more_than_the_picked_questions_is_refused(self, client, organizer):
        questions = [make_question() for _ in range(2)]
        data = {
            "title": "Post-test acak",
            "slug": "post-test-acak",
            "instructions": "",
            "layout": "satu",
            "shuffle_options": "on",
            "pass_mark": "70",
            "max_attempts": "1",
            "review": "penjelasan",
            "picked_draw_count": "5",
            "picked-TOTAL_FORMS": "2",
            "picked-INITIAL_FORMS": "0",
            "picked-MIN_NUM_FORMS": "0",
            "picked-MAX_NUM_FORMS": "1000",
            **{f"picked-{i}-question": q.pk for i, q in enumerate(questions)},
            **{f"picked-{i}-ORDER": str(i + 1) for i in range(2)},
            **{
                f"{prefix}-{key}": value
                for prefix in ("draws", "session_tests")
                for key, value in (
                    ("TOTAL_FORMS", "0"),
                    ("INITIAL_FORMS", "0"),
                    ("MIN_NUM_FORMS", "0"),
                    ("MAX_NUM_FORMS", "1000"),
                )
            },
        }
        response = client.post(reverse("quiz:add"), data)
        assert response.status_code == 200
        assert "Soal pilihan hanya 2" in response.content.decode()
        assert not Quiz.objects.exists()
        data["picked_draw_count"] = "2"
        assert client.post(reverse("quiz:add"), data).status_code == 302
        assert Quiz.objects.get().picked_draw_count == 2
        assert not Attempt.objects.exists()
