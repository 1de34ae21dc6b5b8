"""The public report desk on a phone (390 px), no account: a visitor reports a hoax with a link and
a screenshot, sees the tracking code once, and reads the status by that code. The pages fit the
screen and axe-core finds no serious problem on them."""

import datetime
import io
import random
import re

import pytest
from PIL import Image, ImageDraw

from tests.e2e.test_accessibility import _problems

pytestmark = pytest.mark.browser
SHOT = "/tmp/lentera-lapor-390.png"


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _screenshot_png():
    rng = random.Random(7)
    picture = Image.new("RGB", (360, 640), (250, 250, 250))
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x, y = rng.randrange(360), rng.randrange(640)
        draw.rectangle([x, y, x + 80, y + 40], fill=tuple(rng.randrange(256) for _ in range(3)))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def test_a_visitor_reports_a_hoax_and_reads_its_status(phone, demo_site, frozen_clock):
    base = demo_site.url
    start = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    frozen_clock(start)  # the form is served now ...
    phone.goto(base + "/")
    phone.get_by_role("navigation", name="Navigasi utama").get_by_role(
        "link", name="Lapor hoaks"
    ).click()
    phone.wait_for_url(base + "/lapor/")
    assert _fits(phone) and _problems(phone) == []
    phone.screenshot(path=SHOT, full_page=True)

    phone.get_by_label("Hoaks", exact=True).check()
    phone.get_by_label("Tautan unggahan").fill(
        "https://m.facebook.com/story.php?story_fbid=123&id=456&mibextid=abc"
    )
    phone.get_by_label("Tangkapan layar").set_input_files(
        files=[{"name": "layar.png", "mimeType": "image/png", "buffer": _screenshot_png()}]
    )
    phone.get_by_label("Kapan Anda melihatnya?").fill(start.date().isoformat())
    phone.get_by_label("Apa isinya?").fill("Pesan berantai: bansos Rp 5 juta lewat tautan ini.")
    frozen_clock(start + datetime.timedelta(seconds=30))  # ... and sent half a minute later
    # Generous: the screenshot is decoded in a child process, on a machine that may be busy.
    with phone.expect_navigation(timeout=120_000):
        phone.get_by_role("button", name="Kirim laporan").click()
    assert phone.url == base + "/lapor/terkirim/", phone.locator("main").inner_text()
    code = phone.locator("[data-tracking-code]").inner_text()
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{4}){5}-[0-9A-Z]{2}", code)
    assert "Facebook" in phone.content()
    assert _fits(phone) and _problems(phone) == []
    phone.screenshot(path="/tmp/lentera-lapor-terkirim-390.png", full_page=True)
    # Shown once: coming back to the page leads to the form again.
    phone.goto(base + "/lapor/terkirim/")
    assert phone.url == base + "/lapor/"

    # The status by the code, typed as people do (lower case, spaces).
    phone.goto(base + "/lapor/status/")
    phone.get_by_label("Kode pelacakan").fill(code.lower().replace("-", " "))
    phone.get_by_role("button", name="Cek status").click()
    phone.wait_for_url(f"{base}/lapor/status/{code}/")
    facts = phone.locator("[data-report-status]")
    assert facts.get_attribute("data-report-status") == "baru"
    assert "Baru" in facts.inner_text() and "Diterima" in facts.inner_text()
    # Nothing of the report itself is shown.
    assert "bansos" not in phone.content() and "facebook" not in phone.content().lower()
    assert _fits(phone) and _problems(phone) == []
    phone.screenshot(path="/tmp/lentera-lapor-status-390.png", full_page=True)
