"""A participant scans the projector's QR code on their phone, logs in, and is checked in."""

import pytest

from content.training.checkin_tokens import Window, make_token

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"
ASN_NIP, PASSWORD = "198501012010011001", "lentera-peserta"


class TestCheckInOnAPhone:
    def test_scan_log_in_and_be_checked_in_once(self, demo_site, phone):
        session_id = demo_site.page_id(SESSION)
        scanned = (
            f"{demo_site.url}/sesi/{SESSION}/presensi/?t={make_token(session_id, Window.at())}"
        )

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
