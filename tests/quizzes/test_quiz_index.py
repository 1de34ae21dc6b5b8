"""/kuis/ lists the self-paced quizzes; a logged-in participant sees their own standing on each
(not started, best score, passed), a visitor the list alone. No question or answer is on it."""

import datetime
import re

import pytest
from django.utils import timezone

from content.quizzes.models import Attempt, AttemptStatus, Purpose
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_question, make_quiz

pytestmark = pytest.mark.django_db


def _finished(quiz, person, score, *, number=1):
    now = timezone.now()
    return Attempt.objects.create(
        quiz=quiz,
        participant=person,
        purpose=Purpose.SELF_PACED,
        number=number,
        status=AttemptStatus.SUBMITTED,
        seed=1,
        started_at=now,
        finished_at=now,
        max_points=1,
        points=score / 100,
        score=score,
        passed=score >= quiz.pass_mark,
    )


def _status(html, quiz):
    """The status line of `quiz`'s entry, as text."""
    entry = html.split(f'href="/kuis/{quiz.slug}/"', 1)[1].split("</li>", 1)[0]
    match = re.search(r"data-status>(.*?)</p>", entry, re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else None


@pytest.fixture
def quizzes():
    secret = make_question(text="Soal-rahasia-indeks?")
    return {
        "new": make_quiz([secret], title="Kuis Alfa", slug="kuis-alfa", pass_mark=70),
        "tried": make_quiz(title="Kuis Beta", slug="kuis-beta", pass_mark=70),
        "passed": make_quiz(title="Kuis Gama", slug="kuis-gama", pass_mark=70),
    }


def test_visitors_see_the_list_without_status(client, quizzes):
    make_quiz(title="Tes sosialisasi tertutup", slug="tes-tertutup", self_paced=False)
    make_quiz(
        title="Kuis yang sudah ditutup",
        slug="kuis-tutup",
        closes_at=timezone.now() - datetime.timedelta(days=1),
    )
    response = client.get("/kuis/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    for quiz in quizzes.values():
        assert f'href="/kuis/{quiz.slug}/"' in html and quiz.title in html
        assert _status(html, quiz) is None
    assert "tes-tertutup" not in html and "kuis-tutup" not in html
    assert "Soal-rahasia-indeks" not in html and "Pilihan benar" not in html
    assert "Masuk" in html


def test_a_participant_sees_their_own_standing(client, quizzes):
    person, other = ParticipantFactory(), ParticipantFactory()
    _finished(quizzes["tried"], person, 40)
    _finished(quizzes["tried"], person, 60, number=2)
    _finished(quizzes["passed"], person, 50)
    _finished(quizzes["passed"], person, 85, number=2)
    _finished(quizzes["new"], other, 100)  # someone else's attempt is not theirs
    client.force_login(person)

    html = client.get("/kuis/").content.decode()

    assert _status(html, quizzes["new"]) == "Belum dikerjakan"
    assert _status(html, quizzes["tried"]) == "Belum lulus Nilai terbaik 60 (lulus 70)"
    assert _status(html, quizzes["passed"]) == "Lulus Nilai terbaik 85"


def test_a_quiz_not_open_yet_says_when_it_opens(client):
    opens = timezone.now() + datetime.timedelta(days=2)
    quiz = make_quiz(title="Kuis Nanti", slug="kuis-nanti", opens_at=opens)
    html = client.get("/kuis/").content.decode()
    assert quiz.title in html and "Dibuka " in html


def test_the_navigation_and_the_home_page_link_it(client, site_tree):
    make_quiz(featured=True)
    html = client.get("/").content.decode()
    assert 'href="/kuis/"' in html


def test_the_sitemap_lists_it(client, site_tree):
    xml = client.get("/sitemap.xml").content.decode()
    assert re.search(r"<loc>https?://[^<]+/kuis/</loc>", xml)


def test_the_list_takes_the_same_queries_however_many_quizzes(client, quizzes):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from content.quizzes import selectors
    from tests.factories.articles import TopicFactory

    person = ParticipantFactory()
    with CaptureQueriesContext(connection) as few:
        selectors.self_paced_quizzes(person)
    for number in range(4):
        make_quiz(slug=f"kuis-lain-{number}", topic=TopicFactory())
    with CaptureQueriesContext(connection) as many:
        listed = selectors.self_paced_quizzes(person)
        [item.quiz.topic for item in listed]
    assert len(listed) == 7 and len(many) == len(few)
