"""The desk makes a fact-check from a report, on a phone: a desk officer opens a reported case,
clicks "Buat cek fakta", ticks the screenshot (told it becomes public) and lands in the page
editor on the draft, which waits for the moderator."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.urls import reverse

from tests.e2e.conftest import PHONE, ROOT

pytestmark = pytest.mark.browser

DESK, PASSWORD = "petugas-uji", "rahasia-uji-123"
CLAIM = "Pemungutan suara diundur ke minggu depan, kata pesan berantai ini."


def _reported_case(demo_site):
    """A desk officer and a case reported with a screenshot, written into the demo site's
    database through the same service the public form uses."""
    folder = demo_site.database.parent
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.e2e",
        "DATABASE_URL": f"sqlite:///{demo_site.database}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private-media"),
        "TASK_WORKER": "false",
    }
    script = textwrap.dedent(
        f"""
        from tests.factories.reports import screenshot_bytes, submit_report
        from tests.factories.users import UserFactory
        UserFactory(username={DESK!r}, groups=["Petugas Aduan"])
        case = submit_report(
            links=["https://www.instagram.com/p/Cek123/"],
            description={CLAIM!r},
            screenshots=[screenshot_bytes(seed=21)],
        ).report.case
        print(case.pk)
        """
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "shell", "-c", script],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def desk_phone(browser):
    context = browser.new_context(viewport=PHONE, locale="id-ID", is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def test_the_desk_makes_a_fact_check_draft_from_a_reported_case(demo_site, desk_phone):
    base = demo_site.url
    case_id = _reported_case(demo_site)
    page = desk_phone
    page.goto(base + "/admin/login/")
    page.locator("#id_username").fill(DESK)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(base + "/admin/")

    page.goto(base + reverse("aduan:case", args=[case_id]))
    page.get_by_role("link", name="Buat cek fakta").click()
    page.wait_for_url(base + reverse("reports_fact_check_draft", args=[case_id]))

    # The claim as reported, and the warning that a ticked screenshot becomes public.
    assert page.locator("#id_claim").input_value() == CLAIM
    assert page.locator("[data-public-media-warning]").is_visible()
    # The screen fits the phone: nothing to scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_label("Tangkapan layar 1").check()
    page.get_by_role("button", name="Buat draf cek fakta").click()

    # The page editor, on the draft: not live, submitted to the moderator.
    page.wait_for_url(f"{base}/admin/pages/*/edit/")
    assert page.locator("#id_claim").input_value() == CLAIM
    assert page.locator("#id_title").input_value().startswith("Pemungutan suara diundur")
    body = page.locator("body").inner_text()
    assert "Persetujuan Moderator" in body or "moderasi" in body.lower()
