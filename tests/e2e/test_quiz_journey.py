"""A participant takes a session's post-test on a phone, loses the connection half-way,
answers anyway, and finds the answer on the server once the connection is back."""

import os
import sqlite3
import subprocess
import sys
import textwrap

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"
PTT_EMAIL, PASSWORD = "ptt@contoh.go.id", "lentera-peserta"

# The demo's participant attends today's session, and its post-test is open now and shown one
# question per screen (run in the demo site's own database, through the services).
SETUP = textwrap.dedent(
    f"""
    from content.articles.models import Topic
    from content.base.errors import NotAllowed
    from content.people.models import User
    from content.quizzes.models import Option, PickedQuestion, Question, Quiz, SessionTest
    from content.training import services
    from content.training.models import SessionPage

    session = SessionPage.objects.get(slug="{SESSION}")
    person = User.objects.get(email="{PTT_EMAIL}")
    try:
        services.attendance_mark(
            session=session, participant=person, status="hadir", by=None,
            override_reason="Uji ujung ke ujung",
        )
    except NotAllowed:
        pass
    test = SessionTest.objects.filter(session=session, purpose="post").first()
    if test is None:
        topic = Topic.objects.first()
        quiz = Quiz.objects.create(title="Post-test uji", slug="post-test-uji-e2e")
        for number in range(3):
            question = Question.objects.create(topic=topic, text=f"Soal uji {{number}}?")
            for order, text in enumerate(["Pilihan A", "Pilihan B", "Pilihan C"]):
                Option.objects.create(
                    question=question, text=text, is_correct=order == 0, sort_order=order
                )
            PickedQuestion.objects.create(quiz=quiz, question=question, sort_order=number)
        test = SessionTest.objects.create(quiz=quiz, session=session, purpose="post")
    SessionTest.objects.filter(pk=test.pk).update(opens_at=None, closes_at=None)
    Quiz.objects.filter(pk=test.quiz_id).update(
        layout="satu", opens_at=None, closes_at=None, time_limit_minutes=None, max_attempts=None
    )
    """
)


def _prepare(demo_site):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"sqlite:///{demo_site.database}",
    }
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", SETUP],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def _saved_answer(demo_site, attempt_key, position):
    with sqlite3.connect(demo_site.database) as db:
        row = db.execute(
            "SELECT a.chosen FROM quizzes_answer a JOIN quizzes_attempt t ON a.attempt_id = t.id "
            "WHERE t.key = ? AND a.position = ?",
            [attempt_key.replace("-", ""), position],
        ).fetchone()
    return row[0]


def _option_id(demo_site, option_key):
    with sqlite3.connect(demo_site.database) as db:
        return db.execute(
            "SELECT id FROM quizzes_option WHERE key = ?", [option_key.replace("-", "")]
        ).fetchone()[0]


def test_an_answer_given_offline_reaches_the_server_when_the_connection_returns(demo_site, phone):
    _prepare(demo_site)
    phone.goto(demo_site.url + "/akun/masuk/")
    phone.get_by_label("NIP, NIK, atau email").fill(PTT_EMAIL)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()

    phone.goto(f"{demo_site.url}/sesi/{SESSION}/post-test/")
    phone.locator("form button[type=submit]").filter(has_text="mengerjakan").first.click()
    assert "/kuis/percobaan/" in phone.url
    attempt_key = phone.url.rstrip("/").split("/")[-1]
    status = phone.locator("[data-save-status]")

    # Question 1, online: saved at once.
    first = phone.locator("fieldset[data-position='1']")
    first.locator("label.option").first.click()
    expect(status).to_contain_text("tersimpan")
    assert _saved_answer(demo_site, attempt_key, 1) != "[]"

    # Question 2, offline: kept in the browser, not on the server yet.
    phone.get_by_role("button", name="Berikutnya").click()
    second = phone.locator("fieldset[data-position='2']")
    assert second.is_visible() and not first.is_visible()
    phone.context.set_offline(True)
    option = second.locator("label.option").nth(1)
    option_key = option.locator("input").get_attribute("value")
    option.click()
    phone.locator("[data-offline]").wait_for(state="visible")
    expect(status).to_contain_text("koneksi")
    assert _saved_answer(demo_site, attempt_key, 2) == "[]"

    # Back online: the answer goes to the server by itself.
    phone.context.set_offline(False)
    expect(status).to_contain_text("tersimpan")
    assert _saved_answer(demo_site, attempt_key, 2) == f"[{_option_id(demo_site, option_key)}]"
    phone.locator("[data-offline]").wait_for(state="hidden")

    # A reload (a phone that slept) resumes on the same question with the answer chosen.
    phone.reload()
    assert phone.locator("fieldset[data-position='2']").is_visible()
    assert phone.locator(f"input[value='{option_key}']").is_checked()
    assert "2 dari" in phone.locator("[data-progress]").inner_text()

    # Finishing from the last question shows the score; the answers wait, because the
    # post-test has no closing time and others may still take it.
    while phone.get_by_role("button", name="Berikutnya").is_visible():
        phone.get_by_role("button", name="Berikutnya").click()
    phone.get_by_role("button", name="Selesai dan kirim jawaban").click()
    assert "/hasil/" in phone.url
    assert "Nilai Anda" in phone.locator(".quiz-result__score").inner_text()
    expect(phone.locator(".quiz-result__pending")).to_contain_text("penyelenggara menutup tes")
    assert "jawaban benar" not in phone.content()
    assert phone.locator(".review__explanation").count() == 0
    assert phone.evaluate("document.scrollingElement.scrollWidth") <= 390
