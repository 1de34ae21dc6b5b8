"""A participant scans the projector's QR code on their phone, logs in, and is checked in."""

import pytest

from content.training.checkin_tokens import Window, make_token

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"
ASN_NIP, PASSWORD = "198501012010011001", "lentera-peserta"


class TestCheckInOnAPhone:
    def test_scan_log_in_and_be_checked_in_once(self, demo_site, phone):
        session_id = demo_site.page_id(SESSION)
        scanned = f"{demo_site.url}/P/{make_token(session_id, Window.at())}/"

        phone.goto(scanned)
        assert "/akun/masuk/" in phone.url  # not logged in yet: log in first
        phone.get_by_label("NIP, NIK, atau email").fill(ASN_NIP)
        phone.get_by_label("Kata sandi").fill(PASSWORD)
        phone.get_by_role("button", name="Masuk").click()

        assert "Presensi tercatat" in phone.locator(".checkin__ok").inner_text()
        assert "Ahmad Fauzi" in phone.locator(".checkin__ok").inner_text()

        phone.goto(scanned)  # a double tap
        assert "sudah presensi sebelumnya" in phone.locator(".checkin__ok").inner_text()

    def test_organizer_projector_shows_the_code_and_a_live_count(self, demo_site, browser):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(demo_site.url + "/akun/masuk/")
        page.get_by_label("NIP, NIK, atau email").fill("organizer")
        page.get_by_label("Kata sandi").fill("lentera-organizer")
        page.get_by_role("button", name="Masuk").click()

        page.goto(f"{demo_site.url}/sesi/{SESSION}/presensi/layar/")
        code = page.locator("[data-code]").inner_text()
        assert len(code) == 6
        assert page.locator("[data-qr] svg").is_visible()
        status = page.evaluate("fetch(document.body.dataset.statusUrl).then(r => r.json())")
        assert status["open"] is True and status["code"] in {code, status["code"]}
        assert int(page.locator("[data-count]").inner_text()) == status["count"]
        context.close()


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)], ids=["1280x800", "1920x1080"])
def test_the_projector_fits_one_screen_with_the_qr_as_large_as_possible(demo_site, browser, size):
    width, height = size
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(demo_site.url + "/akun/masuk/")
    page.get_by_label("NIP, NIK, atau email").fill("organizer")
    page.get_by_label("Kata sandi").fill("lentera-organizer")
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{demo_site.url}/sesi/{SESSION}/presensi/layar/")

    assert page.evaluate("document.scrollingElement.scrollHeight") <= height
    for selector in ("[data-qr]", "[data-code]", "[data-seconds]", "[data-count]"):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    close = page.get_by_role("button", name="Tutup presensi").bounding_box()
    assert close["y"] + close["height"] <= height
    assert page.locator("[data-qr] svg").bounding_box()["height"] >= 0.8 * height
    context.close()
