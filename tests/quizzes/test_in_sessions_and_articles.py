"""Where quizzes appear: a session's pre- and post-test under its page, an article's
"Uji pemahaman Anda", and the participant's own attempts in Akun saya and the data download."""

import datetime
import json

import pytest
from django.utils import timezone

from content.quizzes.models import Attempt, Purpose, Review
from content.training import services as training_services
from tests.factories.articles import ArticlePageFactory
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_question, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    return SessionPageFactory(parent=sessions, capacity=30)


def test_the_pre_test_lives_under_the_session_page(client, session):
    quiz = make_quiz(self_paced=False, title="Pre-test Netralitas")
    use_in_session(quiz, session, Purpose.PRE)
    person = ParticipantFactory()
    training_services.registration_create(session=session, participant=person)
    client.force_login(person)
    assert "Pre-test Netralitas" in client.get(session.url + "pre-test/").content.decode()
    response = client.post(session.url + "pre-test/")
    attempt = Attempt.objects.get()
    assert response["Location"] == f"/kuis/percobaan/{attempt.key}/"
    assert (attempt.session_id, attempt.purpose) == (session.pk, Purpose.PRE)
    assert client.get(session.url + "post-test/").status_code == 404  # no post-test set


def test_only_people_in_the_session_take_its_tests(client, session):
    use_in_session(make_quiz(self_paced=False), session, Purpose.POST)
    client.force_login(ParticipantFactory())
    page = client.get(session.url + "post-test/").content.decode()
    # Told before trying, with no button that could only fail.
    assert "Daftar atau lakukan presensi" in page and "Mulai mengerjakan" not in page
    response = client.post(session.url + "post-test/", follow=True)
    assert "Daftar atau lakukan presensi" in response.content.decode()
    assert not Attempt.objects.exists()


def test_walk_ins_who_checked_in_take_the_post_test(client, session):
    use_in_session(make_quiz(self_paced=False), session, Purpose.POST)
    person = ParticipantFactory()
    mark_attendance(session, person)
    client.force_login(person)
    client.post(session.url + "post-test/")
    assert Attempt.objects.get().participant == person


def test_the_same_quiz_as_pre_and_post_test_keeps_two_sets_of_attempts(client, session):
    quiz = make_quiz(self_paced=False, max_attempts=1)
    use_in_session(quiz, session, Purpose.PRE)
    use_in_session(quiz, session, Purpose.POST)
    person = ParticipantFactory()
    mark_attendance(session, person)
    client.force_login(person)
    for route in ("pre-test", "post-test"):
        attempt_url = client.post(f"{session.url}{route}/")["Location"]
        client.post(attempt_url + "selesai/")
    assert sorted(Attempt.objects.values_list("purpose", flat=True)) == ["post", "pre"]


def test_the_session_page_links_its_tests_while_they_are_open(client, session):
    now = timezone.now()
    pre = make_quiz(self_paced=False)
    post = make_quiz(self_paced=False)
    use_in_session(pre, session, Purpose.PRE, closes_at=now - datetime.timedelta(minutes=1))
    use_in_session(post, session, Purpose.POST, opens_at=now - datetime.timedelta(minutes=1))
    html = client.get(session.url).content.decode()
    assert "Kerjakan post-test" in html and f'href="{session.url}post-test/"' in html
    assert "Kerjakan pre-test" not in html


def test_the_cached_session_page_shows_a_test_from_the_moment_it_is_added(
    client, session, cache_on
):
    assert "Tes sosialisasi" not in client.get(session.url).content.decode()
    use_in_session(make_quiz(self_paced=False), session, Purpose.POST)
    assert "Kerjakan post-test" in client.get(session.url).content.decode()


def test_an_article_links_its_quizzes(client, site_tree, cache_on):
    article = ArticlePageFactory(parent=site_tree.materials)
    assert "Uji pemahaman Anda" not in client.get(article.url).content.decode()
    quiz = make_quiz(title="Kenali Hoaks Pemilu")
    quiz.articles.add(article)
    quiz.save()
    html = client.get(article.url).content.decode()
    assert "Uji pemahaman Anda" in html and f'href="/kuis/{quiz.slug}/"' in html


def test_akun_saya_and_the_download_hold_my_attempts_only(client):
    quiz = make_quiz(count=1, title="Latihan Cek Fakta")
    me, other = ParticipantFactory(), ParticipantFactory()
    for person in (me, other):
        client.force_login(person)
        client.post(client.post(f"/kuis/{quiz.slug}/")["Location"] + "selesai/")
    client.force_login(me)
    page = client.get("/akun/").content.decode()
    assert "Latihan Cek Fakta" in page and page.count("/hasil/") == 1
    mine = Attempt.objects.get(participant=me)
    assert f"/kuis/percobaan/{mine.key}/hasil/" in page
    data = json.loads(client.get("/akun/data-saya/").content)
    assert [row["kuis"] for row in data["kuis"]] == ["Latihan Cek Fakta"]
    assert data["kuis"][0]["nilai"] == "0.00" and data["kuis"][0]["lulus"] is False


def test_a_pre_test_shows_the_score_without_pass_or_fail(client, session):
    use_in_session(make_quiz(self_paced=False, count=1), session, Purpose.PRE)
    person = ParticipantFactory()
    mark_attendance(session, person)
    client.force_login(person)
    start = client.get(session.url + "pre-test/").content.decode()
    assert "Nilai lulus" not in start
    attempt_url = client.post(session.url + "pre-test/")["Location"]
    result = client.post(attempt_url + "selesai/", follow=True).content.decode()
    assert "Nilai Anda 0" in result and "tanpa lulus atau tidak lulus" in result
    assert "Belum lulus" not in result
    assert "Belum lulus" not in client.get("/akun/").content.decode()


def test_the_download_holds_my_choices_but_never_the_answer_key(client):
    question = make_question(
        options=(("Kanal resmi", True), ("Grup percakapan", False), ("Akun anonim", False))
    )
    quiz = make_quiz([question], review=Review.EXPLANATIONS)
    me = ParticipantFactory()
    client.force_login(me)
    attempt_url = client.post(f"/kuis/{quiz.slug}/")["Location"]
    wrong = question.options.get(text__startswith="Grup percakapan")
    client.post(attempt_url + "selesai/", {"q1": [str(wrong.key)]})
    download = client.get("/akun/data-saya/").content.decode()
    row = json.loads(download)["kuis"][0]
    assert row["jawaban_anda"] == [
        {
            "nomor": 1,
            "soal": question.text,
            "pilihan": [wrong.text],
            "dijawab": row["jawaban_anda"][0]["dijawab"],
        }
    ]
    assert row["jawaban_anda"][0]["dijawab"]
    assert "Kanal resmi" not in download and question.explanation not in download
