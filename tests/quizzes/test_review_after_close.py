"""The answer key of a session test stays hidden until nobody can still answer it.

A participant who finished a session's post-test sees the score at once; the correct options
and the explanations only once the test has closed for everyone it serves: every session that
uses the quiz, every other quiz that can ask the same question, and every attempt that can
still save an answer to it. Self-paced quizzes keep showing their answers right away, except
those of a question a session test can still ask.
"""

import datetime
import html as html_lib
import json
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from content.quizzes import selectors, services
from content.quizzes.models import Attempt, Purpose, Question, Review, SessionTest
from tests.factories.articles import TopicFactory
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
KEY_MARK = "jawaban benar"


@pytest.fixture
def now():
    return timezone.now()


def _session(sessions, **fields):
    return SessionPageFactory(parent=sessions, **fields)


def _attendee(session):
    person = ParticipantFactory()
    mark_attendance(session, person)
    return person


def _finish(session, person, *, purpose=Purpose.POST, right=True, when=None):
    """One attempt at the session's test, started and submitted through the services (at
    `when`, so a test that has closed since can still have been taken)."""
    context = selectors.session_test_context(session, purpose)
    attempt = services.attempt_start(context=context, participant=person, now=when)
    answers = correct_keys(attempt) if right else {}
    return services.attempt_submit(participant=person, key=attempt.key, answers=answers, now=when)


def _result(client, person, attempt):
    client.force_login(person)
    response = client.get(reverse("quizzes:result", args=[attempt.key]))
    assert response.status_code == 200
    return response.content.decode()


def _close(test, now):
    """The organizer closes the test: its closing time is now past (with the network's grace)."""
    SessionTest.objects.filter(pk=test.pk).update(closes_at=now - datetime.timedelta(minutes=1))


def _shows_key(html, quiz):
    questions = Question.objects.filter(pk__in=quiz.picked.values("question_id"))
    return KEY_MARK in html or any(q.explanation in html for q in questions)


def _marked_option_texts(html):
    """What a participant reads off someone else's review: the options marked as the answer."""
    marked = set()
    for options in re.findall(r"<ul[^>]*>(.*?)</ul>", html, re.S):
        for item in re.findall(r"<li[^>]*>(.*?)</li>", options, re.S):
            if KEY_MARK in item or re.search(r"correct|kunci", item, re.I):
                text = re.sub(r"<[^>]+>.*", "", item, flags=re.S).strip()
                marked.add(html_lib.unescape(text))
    return marked


def _keys_for_texts(attempt_html, texts):
    """{position: [option keys]} of the options with these texts on one's own paper."""
    keys = {}
    for name, key, text in re.findall(
        r'name="q(\d+)" value="([0-9a-f-]{36})"[^>]*> <span>(.*?)</span>', attempt_html
    ):
        if html_lib.unescape(text) in texts:
            keys.setdefault(int(name), []).append(key)
    return keys


class TestTwoParticipantsOneTest:
    def test_a_finished_participants_review_gives_nothing_to_one_still_taking_it(
        self, client, sessions, now
    ):
        session = _session(sessions)
        quiz = make_quiz(count=3, self_paced=False, review=Review.EXPLANATIONS)
        use_in_session(quiz, session, closes_at=now + HOUR)
        first, second = _attendee(session), _attendee(session)

        first_attempt = _finish(session, first)
        assert first_attempt.score == 100
        second_attempt = services.attempt_start(
            context=selectors.session_test_context(session, Purpose.POST), participant=second
        )

        review = _result(client, first, first_attempt)
        assert "Nilai Anda 100" in review  # the score, right away
        assert not _shows_key(review, quiz)
        assert "ditampilkan" in review and "ditutup" in review  # and when the key will be

        # The second participant copies whatever the first's review marks as the answer.
        client.force_login(second)
        paper = client.get(reverse("quizzes:attempt", args=[second_attempt.key])).content
        copied = _keys_for_texts(paper.decode(), _marked_option_texts(review))
        for position, keys in copied.items():
            client.post(
                reverse("quizzes:answer", args=[second_attempt.key]),
                data=json.dumps({"position": position, "options": keys}),
                content_type="application/json",
            )
        client.post(reverse("quizzes:submit", args=[second_attempt.key]))
        second_attempt.refresh_from_db()
        assert copied == {} and second_attempt.score == 0

    def test_the_key_appears_once_the_test_has_closed_for_everyone(self, client, sessions, now):
        session = _session(sessions)
        quiz = make_quiz(count=2, self_paced=False, review=Review.EXPLANATIONS)
        test = use_in_session(quiz, session, closes_at=now + HOUR)
        person = _attendee(session)
        attempt = _finish(session, person, right=False)
        closing = timezone.localtime(now + HOUR)
        assert f"{closing:%H.%M} WIB" in _result(client, person, attempt)

        _close(test, now)
        review = _result(client, person, attempt)
        assert review.count(KEY_MARK) == 2
        for question in Question.objects.filter(pk__in=quiz.picked.values("question_id")):
            assert question.explanation in review

    def test_a_test_without_a_closing_time_keeps_its_key_until_an_organizer_closes_it(
        self, client, sessions, now
    ):
        session = _session(sessions)
        quiz = make_quiz(count=1, self_paced=False, review=Review.ANSWERS)
        test = use_in_session(quiz, session)
        person = _attendee(session)
        attempt = _finish(session, person)
        review = _result(client, person, attempt)
        assert KEY_MARK not in review and "penyelenggara menutup" in review
        _close(test, now)
        assert KEY_MARK in _result(client, person, attempt)

    def test_an_attempt_that_can_still_save_answers_keeps_the_key_hidden(
        self, client, sessions, now
    ):
        """Closing a test does not end the attempts already open in it at once: while one can
        still save an answer, the key stays hidden from everyone else."""
        session = _session(sessions)
        quiz = make_quiz(count=1, self_paced=False, review=Review.ANSWERS)
        test = use_in_session(quiz, session)
        first, late = _attendee(session), _attendee(session)
        attempt = _finish(session, first)
        still_open = services.attempt_start(
            context=selectors.session_test_context(session, Purpose.POST), participant=late
        )
        assert still_open.deadline is None
        _close(test, now)
        assert KEY_MARK not in _result(client, first, attempt)
        services.attempt_submit(participant=late, key=still_open.key)
        assert KEY_MARK in _result(client, first, attempt)


class TestOneQuizManySessions:
    def test_a_closed_sessions_review_waits_for_the_session_still_open(self, client, sessions, now):
        earlier, later = _session(sessions), _session(sessions)
        quiz = make_quiz(count=2, self_paced=False, review=Review.EXPLANATIONS)
        use_in_session(quiz, earlier, closes_at=now - HOUR)
        later_test = use_in_session(quiz, later, closes_at=now + 2 * HOUR)
        person = _attendee(earlier)
        attempt = _finish(earlier, person, when=now - 2 * HOUR)

        review = _result(client, person, attempt)
        assert not _shows_key(review, quiz)
        closing = timezone.localtime(now + 2 * HOUR)
        assert f"{closing:%H.%M} WIB" in review  # the later session's closing

        _close(later_test, now)
        assert _shows_key(_result(client, person, attempt), quiz)

    def test_a_pre_test_keeps_its_key_while_the_same_quiz_is_the_post_test(
        self, client, sessions, now
    ):
        session = _session(sessions)
        quiz = make_quiz(count=1, self_paced=False, review=Review.ANSWERS)
        use_in_session(quiz, session, Purpose.PRE, closes_at=now - HOUR)
        use_in_session(quiz, session, Purpose.POST, closes_at=now + HOUR)
        person = _attendee(session)
        attempt = _finish(session, person, purpose=Purpose.PRE, when=now - 2 * HOUR)
        assert KEY_MARK not in _result(client, person, attempt)

    def test_a_test_that_has_not_opened_yet_counts_as_open(self, client, sessions, now):
        earlier, upcoming = _session(sessions), _session(sessions)
        quiz = make_quiz(count=1, self_paced=False, review=Review.ANSWERS)
        use_in_session(quiz, earlier, closes_at=now - HOUR)
        use_in_session(quiz, upcoming, opens_at=now + HOUR, closes_at=now + 3 * HOUR)
        person = _attendee(earlier)
        attempt = _finish(earlier, person, when=now - 2 * HOUR)
        assert KEY_MARK not in _result(client, person, attempt)


class TestSharedQuestions:
    def test_a_question_another_open_test_asks_stays_hidden_the_rest_shows(
        self, client, sessions, now
    ):
        shared, own = make_question(), make_question()
        closed_quiz = make_quiz([shared, own], self_paced=False, review=Review.EXPLANATIONS)
        open_quiz = make_quiz([shared], self_paced=False)
        earlier, later = _session(sessions), _session(sessions)
        use_in_session(closed_quiz, earlier, closes_at=now - HOUR)
        use_in_session(open_quiz, later, closes_at=now + HOUR)
        person = _attendee(earlier)
        attempt = _finish(earlier, person, when=now - 2 * HOUR)

        review = _result(client, person, attempt)
        assert own.explanation in review and review.count(KEY_MARK) == 1
        assert shared.explanation not in review
        for option in shared.options.all():  # the shared question is listed, unmarked
            item = re.search(rf"<li[^>]*>{re.escape(option.text)}.*?</li>", review, re.S)
            assert item and KEY_MARK not in item.group(0)

    def test_a_question_an_open_test_may_draw_from_its_topic_stays_hidden(
        self, client, sessions, now
    ):
        topic = TopicFactory(slug="keamanan-digital", name="Keamanan Digital")
        question = make_question(topic=topic)
        quiz = make_quiz([question], self_paced=False, review=Review.EXPLANATIONS)
        drawing = make_quiz([], self_paced=False, draws=[(topic, 5)])
        earlier, later = _session(sessions), _session(sessions)
        use_in_session(quiz, earlier, closes_at=now - HOUR)
        use_in_session(drawing, later, closes_at=now + HOUR)
        person = _attendee(earlier)
        attempt = _finish(earlier, person, when=now - 2 * HOUR)
        review = _result(client, person, attempt)
        assert KEY_MARK not in review and question.explanation not in review

    def test_a_self_paced_quiz_hides_only_what_an_open_session_test_asks(
        self, client, sessions, now
    ):
        shared, own = make_question(), make_question()
        practice = make_quiz([shared, own], self_paced=True, review=Review.EXPLANATIONS)
        session = _session(sessions)
        test = use_in_session(make_quiz([shared], self_paced=False), session, closes_at=now + HOUR)
        person = ParticipantFactory()
        client.force_login(person)
        attempt_url = client.post(f"/kuis/{practice.slug}/")["Location"]
        client.post(attempt_url + "selesai/")
        attempt = Attempt.objects.get(participant=person)

        review = _result(client, person, attempt)
        assert own.explanation in review and shared.explanation not in review
        assert review.count(KEY_MARK) == 1
        _close(test, now)
        review = _result(client, person, attempt)
        assert shared.explanation in review and review.count(KEY_MARK) == 2

    def test_a_self_paced_quiz_alone_shows_its_answers_right_away(self, client):
        quiz = make_quiz(count=2, review=Review.EXPLANATIONS)
        person = ParticipantFactory()
        client.force_login(person)
        client.post(client.post(f"/kuis/{quiz.slug}/")["Location"] + "selesai/")
        review = _result(client, person, Attempt.objects.get())
        assert review.count(KEY_MARK) == 2 and "ditampilkan setelah" not in review


class TestShownAnswersAreRecorded:
    def test_a_question_is_marked_when_its_answer_is_first_shown(self, client, sessions, now):
        session = _session(sessions)
        quiz = make_quiz(count=1, self_paced=False, review=Review.ANSWERS)
        test = use_in_session(quiz, session, closes_at=now + HOUR)
        person = _attendee(session)
        attempt = _finish(session, person)
        question = Question.objects.get()

        _result(client, person, attempt)
        question.refresh_from_db()
        assert question.answer_shown_at is None

        _close(test, now)
        _result(client, person, attempt)
        question.refresh_from_db()
        first = question.answer_shown_at
        assert first is not None
        _result(client, person, attempt)
        question.refresh_from_db()
        assert question.answer_shown_at == first  # the first time is kept

    def test_a_score_only_review_marks_nothing(self, client):
        quiz = make_quiz(count=1, review=Review.SCORE)
        person = ParticipantFactory()
        client.force_login(person)
        client.post(client.post(f"/kuis/{quiz.slug}/")["Location"] + "selesai/")
        _result(client, person, Attempt.objects.get())
        assert Question.objects.get().answer_shown_at is None
