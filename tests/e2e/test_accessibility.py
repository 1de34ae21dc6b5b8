"""axe-core (bundled by axe-playwright-python) on every public and participant page type and
the organizer's projector, in Debian's chromium, at phone and desktop width: no serious or
critical violation, and headings in order."""

import sqlite3

import pytest
from axe_playwright_python.sync_playwright import Axe

from content.training.checkin_tokens import Window, make_token

pytestmark = pytest.mark.browser

WIDTHS = {"phone": 390, "desktop": 1280}
SESSION_TODAY = "literasi-digital-hari-ini"
SESSION_LATER = "netralitas-studi-kasus"
axe = Axe()


def _problems(page):
    """The violations that count: serious or critical ones, and any heading-order issue."""
    results = axe.run(page).response
    return [
        (violation["id"], violation["impact"], [node["target"] for node in violation["nodes"]])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical") or violation["id"] == "heading-order"
    ]


def _problems_on(page, base, paths):
    found = {}
    for path in paths:
        page.goto(base + path)
        if problems := _problems(page):
            found[path] = problems
    return found


@pytest.fixture(params=sorted(WIDTHS), ids=sorted(WIDTHS))
def page(request, browser):
    context = browser.new_context(viewport={"width": WIDTHS[request.param], "height": 900})
    yield context.new_page()
    context.close()


def _first_card(page, base, listing):
    page.goto(base + listing)
    return page.locator(".card__title a").first.get_attribute("href")


def _certificate_code(demo_site):
    """A valid certificate of the demo (content/demo/certificates.py issues hundreds)."""
    with sqlite3.connect(demo_site.database) as db:
        query = "SELECT code FROM certificates_certificate WHERE revoked_at IS NULL ORDER BY id"
        return db.execute(query).fetchone()[0]


def test_the_checker_finds_what_it_should(page):
    page.set_content('<html lang="id"><body><main><h1>A</h1><h3>B</h3><img src="x.png"></main>')
    found = {rule for rule, _, _ in _problems(page)}
    assert {"image-alt", "heading-order"} <= found


def test_public_pages(page, demo_site):
    base = demo_site.url
    paths = [
        "/",
        "/materi/",
        _first_card(page, base, "/materi/"),
        "/cek-fakta/",
        _first_card(page, base, "/cek-fakta/"),
        "/materi/topik/anti-hoaks/",
        "/cari/?q=hoaks",
        "/cari/?q=tidak-ada-hasilnya",
        "/sesi/",
        f"/sesi/{SESSION_TODAY}/",
        f"/sesi/{SESSION_LATER}/",
        "/kuis/",
        "/akun/masuk/",
        "/akun/daftar/",
        "/akun/sandi/lupa/",
        "/akun/sandi/terkirim/",
        "/sertifikat/verifikasi/",
        f"/sertifikat/verifikasi/{_certificate_code(demo_site)}/",
        "/halaman-yang-tidak-ada/",
        # A walk-in's scan, not logged in: the landing that holds it.
        f"/P/{make_token(demo_site.page_id(SESSION_TODAY), Window.at())}/",
    ]
    assert _problems_on(page, base, paths) == {}


def test_participant_pages(page, demo_site):
    base = demo_site.url
    page.goto(base + "/akun/masuk/")
    page.get_by_label("NIP, NIK, atau email").fill("ptt@contoh.go.id")
    page.get_by_label("Kata sandi").fill("lentera-peserta")
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{base}/sesi/{SESSION_LATER}/")
    register = page.get_by_role("button", name="Daftar sekarang")
    if register.count():
        register.click()
    token = make_token(demo_site.page_id(SESSION_TODAY), Window.at())
    paths = [
        "/akun/",
        "/kuis/",
        f"/sesi/{SESSION_TODAY}/",
        f"/sesi/{SESSION_LATER}/",
        f"/sesi/{SESSION_LATER}/batal/",
        "/presensi/",
        f"/P/{token}/",
    ]
    assert _problems_on(page, base, paths) == {}


def test_organizer_pages(page, demo_site):
    """The projector, with check-in open (the QR code, the code, the live counter) and closed."""
    base = demo_site.url
    page.goto(base + "/akun/masuk/")
    page.get_by_label("NIP, NIK, atau email").fill("organizer")
    page.get_by_label("Kata sandi").fill("lentera-organizer")
    page.get_by_role("button", name="Masuk").click()
    projector = f"/sesi/{SESSION_LATER}/presensi/layar/"
    found = _problems_on(page, base, [f"/sesi/{SESSION_TODAY}/presensi/layar/", projector])
    assert page.get_by_role("button", name="Buka presensi").is_visible()  # closed: never opened
    assert found == {}


def test_touch_targets_are_big_enough_on_a_phone(browser, demo_site):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(demo_site.url + "/akun/daftar/")
    for radio in page.locator("input[type=radio]").all():
        box = radio.bounding_box()
        assert box["width"] >= 22 and box["height"] >= 22
    for label in page.locator(".field .check").all():
        assert label.bounding_box()["height"] >= 44
    for link in page.locator(".site-footer a").all():
        assert link.bounding_box()["height"] >= 44
    context.close()


def test_quiz_pages(page, demo_site):
    """A self-paced quiz's start page, the attempt (one question per screen) and the result."""
    base = demo_site.url
    page.goto(base + "/akun/masuk/")
    page.get_by_label("NIP, NIK, atau email").fill("ptt@contoh.go.id")
    page.get_by_label("Kata sandi").fill("lentera-peserta")
    page.get_by_role("button", name="Masuk").click()
    found = _problems_on(page, base, ["/kuis/hoaks-atau-fakta/"])
    # Start, or go on with the attempt the other width's run left open.
    page.locator(".quiz-start .button--large").first.click()
    assert "/kuis/percobaan/" in page.url
    page.locator(".quiz--paged").wait_for()  # the script has shown the first question alone
    for label in page.locator("fieldset:not([hidden]) label.option").all():
        assert label.bounding_box()["height"] >= 44  # a thumb's width on a phone
    if problems := _problems(page):
        found["attempt"] = problems
    page.locator("fieldset:not([hidden]) label.option").first.click()
    while page.get_by_role("button", name="Berikutnya").is_visible():
        page.get_by_role("button", name="Berikutnya").click()
    page.get_by_role("button", name="Selesai dan kirim jawaban").click()
    assert "/hasil/" in page.url
    if problems := _problems(page):
        found["result"] = problems
    assert found == {}
