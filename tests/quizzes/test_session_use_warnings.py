"""Organizers are told when a quiz whose answers participants have already seen is put in front
of a session: a warning where its sessions are chosen and when one is added (not a refusal), and
a column in the listing and a line on the inspect page. Closing a test in the admin also ends
the attempts still open in it, so that its answers can be shown."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from content.quizzes import selectors, services
from content.quizzes.models import Purpose, Question, Review, SessionTest
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

WARNING = "sudah pernah ditampilkan kepada peserta"


@pytest.fixture
def organizer(client):
    user = UserFactory(username="penyelenggara", groups=["Organizer"])
    client.force_login(user)
    return user


def _moment(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _formset(prefix, rows, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
    return data


def _form_data(quiz, *, new_tests=(), new_questions=(), **changes):
    """The quiz's edit form as the admin posts it, with its rows as they are, plus new session
    tests [(session, purpose, closes_at)] and new picked questions."""
    picked = [{"id": p.pk, "question": p.question_id} for p in quiz.picked.all()]
    initial_picked = len(picked)
    picked += [{"question": question.pk} for question in new_questions]
    draws = [{"id": d.pk, "topic": d.topic_id, "count": d.count} for d in quiz.draws.all()]
    tests = [
        {
            "id": t.pk,
            "session": t.session_id,
            "purpose": t.purpose,
            "opens_at": _moment(t.opens_at),
            "closes_at": _moment(t.closes_at),
        }
        for t in quiz.session_tests.all()
    ]
    existing = len(tests)
    tests += [
        {"session": s.pk, "purpose": purpose, "opens_at": "", "closes_at": _moment(closes)}
        for s, purpose, closes in new_tests
    ]
    data = {
        "title": quiz.title,
        "slug": quiz.slug,
        "instructions": quiz.instructions,
        "layout": quiz.layout,
        "shuffle_options": "on",
        "pass_mark": quiz.pass_mark,
        "max_attempts": quiz.max_attempts or "",
        "review": quiz.review,
        "opens_at": _moment(quiz.opens_at),
        "closes_at": _moment(quiz.closes_at),
        **_formset("picked", picked, initial=initial_picked),
        **_formset("draws", draws, initial=len(draws)),
        **_formset("session_tests", tests, initial=existing),
    }
    data.update(changes)
    return data


def _shown(question, when=None):
    Question.objects.filter(pk=question.pk).update(answer_shown_at=when or timezone.now())


class TestWarnings:
    def test_adding_a_session_to_a_quiz_with_shown_answers_warns_but_saves(
        self, client, organizer, sessions
    ):
        questions = [make_question() for _ in range(3)]
        quiz = make_quiz(questions, self_paced=False, review=Review.EXPLANATIONS)
        _shown(questions[0], timezone.now() - datetime.timedelta(days=3))
        session = SessionPageFactory(parent=sessions)

        edit = client.get(reverse("quiz:edit", args=[quiz.pk])).content.decode()
        assert WARNING in edit and "Jawaban 1 dari 3 soal" in edit  # before choosing

        response = client.post(
            reverse("quiz:edit", args=[quiz.pk]),
            _form_data(quiz, new_tests=[(session, Purpose.POST, None)]),
            follow=True,
        )
        page = response.content.decode()
        assert response.status_code == 200
        assert SessionTest.objects.filter(quiz=quiz, session=session).exists()  # not refused
        assert "kini dipakai untuk Post-test" in page and WARNING in page
        assert session.title in page

    def test_a_quiz_whose_answers_were_never_shown_saves_without_a_warning(
        self, client, organizer, sessions
    ):
        quiz = make_quiz(count=2, self_paced=False)
        session = SessionPageFactory(parent=sessions)
        response = client.post(
            reverse("quiz:edit", args=[quiz.pk]),
            _form_data(quiz, new_tests=[(session, Purpose.PRE, None)]),
            follow=True,
        )
        assert SessionTest.objects.filter(quiz=quiz).count() == 1
        assert WARNING not in response.content.decode()

    def test_reopening_a_closed_test_of_a_quiz_with_shown_answers_warns(
        self, client, organizer, sessions
    ):
        question = make_question()
        quiz = make_quiz([question], self_paced=False)
        session = SessionPageFactory(parent=sessions)
        use_in_session(quiz, session, closes_at=timezone.now() - datetime.timedelta(days=1))
        _shown(question)
        data = _form_data(quiz)
        data["session_tests-0-closes_at"] = _moment(timezone.now() + datetime.timedelta(days=1))
        page = client.post(reverse("quiz:edit", args=[quiz.pk]), data, follow=True)
        assert "kini dipakai untuk" in page.content.decode()

    def test_picking_a_shown_question_for_a_quiz_in_an_open_session_warns(
        self, client, organizer, sessions
    ):
        quiz = make_quiz(count=1, self_paced=False)
        session = SessionPageFactory(parent=sessions)
        use_in_session(quiz, session, closes_at=timezone.now() + datetime.timedelta(days=1))
        seen = make_question()
        _shown(seen)
        page = client.post(
            reverse("quiz:edit", args=[quiz.pk]),
            _form_data(quiz, new_questions=[seen]),
            follow=True,
        ).content.decode()
        assert quiz.picked.count() == 2
        assert "kini dipakai untuk Post-test" in page and "Jawaban 1 dari 2 soal" in page

    def test_a_question_shown_through_another_quiz_counts(self, client, organizer, sessions):
        """A self-paced quiz showed the answer; a session quiz asking the same question warns."""
        shared = make_question()
        practice = make_quiz([shared], review=Review.ANSWERS)
        session_quiz = make_quiz([shared, make_question()], self_paced=False)
        person = ParticipantFactory()
        context = selectors.self_paced_context(practice.slug)
        attempt = services.attempt_start(context=context, participant=person)
        services.attempt_submit(participant=person, key=attempt.key)
        client.force_login(person)
        client.get(reverse("quizzes:result", args=[attempt.key]))  # the answer is shown

        client.force_login(organizer)
        session = SessionPageFactory(parent=sessions)
        page = client.post(
            reverse("quiz:edit", args=[session_quiz.pk]),
            _form_data(session_quiz, new_tests=[(session, Purpose.POST, None)]),
            follow=True,
        ).content.decode()
        assert "Jawaban 1 dari 2 soal" in page


class TestListingAndInspect:
    def test_the_listing_and_inspect_page_say_whether_answers_were_shown(self, client, organizer):
        shown_question = make_question()
        shown = make_quiz([shown_question], title="Kuis terbuka jawabannya")
        make_quiz(count=1, title="Kuis masih rahasia")
        _shown(shown_question, timezone.make_aware(datetime.datetime(2024, 10, 8, 9, 0)))

        listing = client.get(reverse("quiz:index")).content.decode()
        assert "Jawaban pernah ditampilkan" in listing
        assert "Ya, sejak 8 Oktober 2024" in listing and listing.count("Ya, sejak") == 1

        inspect = client.get(reverse("quiz:inspect", args=[shown.pk])).content.decode()
        assert "Jawaban 1 dari 1 soal" in inspect and "8 Oktober 2024" in inspect

    def test_a_quiz_drawing_from_a_topic_counts_the_topics_questions(self, organizer):
        question = make_question()
        make_question(topic=question.topic)
        quiz = make_quiz([], draws=[(question.topic, 1)])
        _shown(question)
        shown = selectors.answers_shown(quiz)
        assert (shown.shown, shown.total) == (1, 2)


class TestClosingATestInTheAdmin:
    def test_closing_ends_the_attempts_still_open_and_lets_the_key_show(
        self, client, organizer, sessions
    ):
        quiz = make_quiz(count=1, self_paced=False, review=Review.ANSWERS)
        session = SessionPageFactory(parent=sessions)
        use_in_session(quiz, session)  # no closing time: open for good
        done, late = ParticipantFactory(), ParticipantFactory()
        for person in (done, late):
            mark_attendance(session, person)
        context = selectors.session_test_context(session, Purpose.POST)
        finished = services.attempt_start(context=context, participant=done)
        services.attempt_submit(participant=done, key=finished.key)
        open_attempt = services.attempt_start(context=context, participant=late)
        assert open_attempt.deadline is None

        closing = timezone.now() - datetime.timedelta(minutes=5)
        data = _form_data(quiz)
        data["session_tests-0-closes_at"] = _moment(closing)
        client.post(reverse("quiz:edit", args=[quiz.pk]), data)
        open_attempt.refresh_from_db()
        assert open_attempt.deadline == closing.replace(second=0, microsecond=0)

        client.force_login(late)
        reply = client.post(
            reverse("quizzes:answer", args=[open_attempt.key]),
            data=json.dumps({"position": 1, "options": correct_keys(open_attempt)[1]}),
            content_type="application/json",
        )
        assert reply.status_code == 409  # the time is up: scored with what was saved
        client.force_login(done)
        review = client.get(reverse("quizzes:result", args=[finished.key])).content.decode()
        assert "jawaban benar" in review
