"""Taking a quiz through the site, as a participant's browser does: the start page, the paper,
answers saved one by one as JSON, the submit form and the result."""

import json
import re

import pytest
from django.urls import reverse

from content.quizzes.models import Attempt, AttemptStatus, Layout, Review
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, wrong_keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    person = ParticipantFactory()
    client.force_login(person)
    return person


def begin(client, quiz):
    response = client.post(f"/kuis/{quiz.slug}/")
    assert response.status_code == 302, response.content
    return Attempt.objects.get(key=response["Location"].split("/")[-2])


def save(client, attempt, position, keys, **extra):
    return client.post(
        reverse("quizzes:answer", args=[attempt.key]),
        data=json.dumps({"position": position, "options": keys, **extra}),
        content_type="application/json",
    )


def finish(client, attempt, answers, follow=False, **extra):
    data = {f"q{position}": keys for position, keys in answers.items()}
    return client.post(
        reverse("quizzes:submit", args=[attempt.key]), data={**data, **extra}, follow=follow
    )


def test_the_start_page_invites_visitors_to_log_in(client):
    quiz = make_quiz(instructions="Kerjakan dengan jujur.")
    html = client.get(f"/kuis/{quiz.slug}/").content.decode()
    assert "Kerjakan dengan jujur." in html and "Masuk untuk mengerjakan" in html
    response = client.post(f"/kuis/{quiz.slug}/")
    assert response.status_code == 302 and "/akun/masuk/" in response["Location"]
    assert not Attempt.objects.exists()


def test_a_quiz_that_is_not_self_paced_has_no_page(client, person):
    quiz = make_quiz(self_paced=False)
    assert client.get(f"/kuis/{quiz.slug}/").status_code == 404
    assert client.post(f"/kuis/{quiz.slug}/").status_code == 404


def test_a_whole_attempt_through_the_site(client, person):
    quiz = make_quiz(count=3, review=Review.EXPLANATIONS)
    attempt = begin(client, quiz)
    page = client.get(reverse("quizzes:attempt", args=[attempt.key]))
    assert page.status_code == 200 and page.content.decode().count('class="question"') == 3
    keys = correct_keys(attempt)
    assert save(client, attempt, 1, keys[1]).json()["saved"] is True
    assert save(client, attempt, 2, keys[2]).json()["saved"] is True
    response = finish(client, attempt, {3: wrong_keys(attempt)[3]})
    assert response["Location"] == reverse("quizzes:result", args=[attempt.key])
    result = client.get(response["Location"]).content.decode()
    assert "Nilai Anda 66,67" in result and "Belum lulus" in result
    assert "Penjelasan-rahasia" in result  # the quiz allows explanations afterwards


def test_saved_answers_come_back_checked_after_a_reload(client, person):
    quiz = make_quiz(count=2)
    attempt = begin(client, quiz)
    key = correct_keys(attempt)[2][0]
    save(client, attempt, 2, [key])
    html = client.get(reverse("quizzes:attempt", args=[attempt.key])).content.decode()
    assert re.search(rf'value="{key}" checked', html)


def test_starting_again_resumes_the_same_attempt(client, person):
    quiz = make_quiz()
    assert begin(client, quiz) == begin(client, quiz)
    html = client.get(f"/kuis/{quiz.slug}/").content.decode()
    assert "Lanjutkan mengerjakan" in html


def test_the_attempts_limit_is_explained(client, person):
    quiz = make_quiz(max_attempts=1)
    finish(client, begin(client, quiz), {})
    page = client.get(f"/kuis/{quiz.slug}/").content.decode()
    assert "sudah mengerjakan kuis ini satu kali" in page and "Kerjakan lagi" not in page
    response = client.post(f"/kuis/{quiz.slug}/", follow=True)
    assert "sudah mengerjakan kuis ini satu kali" in response.content.decode()
    assert Attempt.objects.count() == 1


class TestTampering:
    def test_score_and_correctness_sent_by_the_browser_are_ignored(self, client, person):
        quiz = make_quiz(count=2)
        attempt = begin(client, quiz)
        wrong = wrong_keys(attempt)
        response = save(client, attempt, 1, wrong[1], correct=True, points=1, score=100)
        assert response.status_code == 200
        finish(client, attempt, {2: wrong[2]}, score="100", passed="1", points="2")
        attempt.refresh_from_db()
        assert (attempt.score, attempt.passed) == (0, False)

    def test_an_option_from_another_question_is_refused(self, client, person):
        quiz = make_quiz(count=2)
        attempt = begin(client, quiz)
        response = save(client, attempt, 1, correct_keys(attempt)[2])
        assert response.status_code == 400 and "tidak dikenal" in response.json()["error"]
        response = finish(client, attempt, {1: correct_keys(attempt)[2]}, follow=True)
        assert "tidak dikenal" in response.content.decode()
        attempt.refresh_from_db()
        assert attempt.is_open and attempt.answers.filter(answered_at__isnull=False).count() == 0

    @pytest.mark.parametrize(
        "body",
        [
            "not json",
            "[]",
            '{"position": "satu", "options": []}',
            '{"position": 1}',
            '{"position": 1, "options": 5}',
            '{"position": 99, "options": []}',
            '{"position": 1, "options": ["not-a-uuid"]}',
            '{"position": 1, "options": ["' + "x" * 5000 + '"]}',
        ],
    )
    def test_malformed_answers_get_a_clear_refusal_not_an_error(self, client, person, body):
        attempt = begin(client, make_quiz(count=1))
        response = client.post(
            reverse("quizzes:answer", args=[attempt.key]),
            data=body,
            content_type="application/json",
        )
        assert response.status_code == 400 and response.json()["error"]

    def test_an_answer_after_submitting_is_refused_with_the_result_url(self, client, person):
        attempt = begin(client, make_quiz(count=1))
        finish(client, attempt, {})
        response = save(client, attempt, 1, correct_keys(attempt)[1])
        assert response.status_code == 409
        assert response.json()["result_url"] == reverse("quizzes:result", args=[attempt.key])
        assert Attempt.objects.get().score == 0


def test_someone_elses_attempt_is_not_found(client, person):
    attempt = begin(client, make_quiz(count=1))
    intruder = ParticipantFactory()
    client.force_login(intruder)
    for name in ("attempt", "result"):
        assert client.get(reverse(f"quizzes:{name}", args=[attempt.key])).status_code == 404
    assert save(client, attempt, 1, correct_keys(attempt)[1]).status_code == 404
    assert finish(client, attempt, correct_keys(attempt)).status_code == 404
    attempt.refresh_from_db()
    assert attempt.is_open and not attempt.answers.filter(answered_at__isnull=False).exists()


def test_a_logged_out_browser_is_told_to_log_in_again(client, person):
    attempt = begin(client, make_quiz(count=1))
    client.logout()
    response = save(client, attempt, 1, [])
    assert response.status_code == 401 and "Masuk lagi" in response.json()["error"]
    assert client.get(reverse("quizzes:attempt", args=[attempt.key])).status_code == 302


def test_an_attempt_past_its_time_opens_on_the_result(client, person):
    quiz = make_quiz(count=1, time_limit_minutes=5)
    attempt = begin(client, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=attempt.started_at.replace(year=2020))
    response = client.get(reverse("quizzes:attempt", args=[attempt.key]))
    assert response["Location"] == reverse("quizzes:result", args=[attempt.key])
    assert Attempt.objects.get().status == AttemptStatus.TIMED_OUT


def test_the_timer_counts_what_the_server_says_is_left(client, person):
    attempt = begin(client, make_quiz(count=1, time_limit_minutes=5))
    html = client.get(reverse("quizzes:attempt", args=[attempt.key])).content.decode()
    seconds = int(re.search(r'data-seconds-left="(\d+)"', html).group(1))
    assert 290 <= seconds <= 300


@pytest.mark.parametrize(
    ("review", "shows_key", "shows_explanation"),
    [
        (Review.SCORE, False, False),
        (Review.ANSWERS, True, False),
        (Review.EXPLANATIONS, True, True),
    ],
)
def test_the_result_shows_what_the_quiz_allows(
    client, person, review, shows_key, shows_explanation
):
    quiz = make_quiz(count=1, review=review)
    attempt = begin(client, quiz)
    finish(client, attempt, wrong_keys(attempt))
    html = client.get(reverse("quizzes:result", args=[attempt.key])).content.decode()
    assert "Nilai Anda 0" in html
    assert ("jawaban benar" in html) is shows_key
    assert ("Penjelasan-rahasia" in html) is shows_explanation


def test_one_question_per_screen_is_announced_to_the_script(client, person):
    attempt = begin(client, make_quiz(count=2, layout=Layout.ONE_PER_SCREEN))
    html = client.get(reverse("quizzes:attempt", args=[attempt.key])).content.decode()
    assert 'data-layout="satu"' in html and "js/quiz.js" in html


def test_a_hoax_or_fact_question_offers_the_verdicts(client, person):
    question = make_question(kind="hoaks_fakta", verdict="hoaks", text="Klaim: air garam obat.")
    attempt = begin(client, make_quiz([question]))
    html = client.get(reverse("quizzes:attempt", args=[attempt.key])).content.decode()
    for label in ("Hoaks", "Disinformasi", "Misinformasi", "Menyesatkan", "Satire", "Fakta"):
        assert f"<span>{label}</span>" in html
    assert 'type="radio"' in html and "Klaim: air garam obat." in html
