"""On a phone: a participant of today's demo session opens its pre-test, is asked the
self-assessment first (twelve statements, five labelled choices each, nothing wider than the
screen), answers it, and is then offered the pre-test with their own self-scores beside it."""

import os
import re
import subprocess
import sys
import textwrap

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import ROOT

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"
PTT_EMAIL, PASSWORD = "ptt@contoh.go.id", "lentera-peserta"

# The demo's PTT participant attends today's session, whose pre-test (with the demo's
# self-assessment) is open now.
SETUP = textwrap.dedent(
    f"""
    from content.base.errors import NotAllowed
    from content.people.models import User
    from content.quizzes.models import SessionTest
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
    test = SessionTest.objects.get(session=session, purpose="pre")
    assert test.self_assessment_id is not None
    SessionTest.objects.filter(pk=test.pk).update(opens_at=None, closes_at=None)
    test.quiz.__class__.objects.filter(pk=test.quiz_id).update(opens_at=None, closes_at=None)
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


def _fits(page):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_the_self_assessment_comes_first_then_the_pre_test(demo_site, phone):
    _prepare(demo_site)
    phone.goto(demo_site.url + "/akun/masuk/")
    phone.get_by_label("NIP, NIK, atau email").fill(PTT_EMAIL)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()

    phone.goto(f"{demo_site.url}/sesi/{SESSION}/pre-test/")
    expect(phone.locator("h1")).to_have_text("Swanilai Literasi Digital ASN")
    statements = phone.locator("fieldset.question")
    expect(statements).to_have_count(12)
    _fits(phone)
    for index in range(12):
        group = statements.nth(index)
        # Each statement is a group named by its legend, with five labelled choices.
        expect(group.locator("legend")).to_contain_text(f"Pernyataan {index + 1} dari 12")
        expect(group.get_by_role("radio")).to_have_count(5)
        group.get_by_label("4 · Setuju", exact=True).check()
        box = group.locator("label.option").first.bounding_box()
        assert box["height"] >= 44 and box["x"] + box["width"] <= 390
    phone.get_by_role("button", name="Kirim swanilai").click()

    expect(phone.get_by_text("swanilai Anda tersimpan")).to_be_visible()
    expect(phone.get_by_role("heading", name="Swanilai Anda")).to_be_visible()
    expect(phone.get_by_role("button", name=re.compile("Mulai mengerjakan"))).to_be_visible()
    _fits(phone)
    # Answered once: the statements are not asked again.
    phone.reload()
    expect(phone.locator("fieldset.question")).to_have_count(0)
