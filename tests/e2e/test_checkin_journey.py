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
        # Not logged in yet: the landing names the session and offers login after sign-up.
        phone.get_by_role("link", name="Sudah punya akun? Masuk").click()
        assert "/akun/masuk/" in phone.url
        phone.get_by_label("NIP, NIK, atau email").fill(ASN_NIP)
        phone.get_by_label("Kata sandi").fill(PASSWORD)
        phone.get_by_role("button", name="Masuk").click()

        assert "Presensi tercatat" in phone.locator(".checkin__ok").inner_text()
        assert "Ahmad Fauzi" in phone.locator(".checkin__ok").inner_text()

        phone.goto(scanned)  # a double tap
        assert "sudah presensi sebelumnya" in phone.locator(".checkin__ok").inner_text()

    def test_a_walk_in_scans_signs_up_and_ends_checked_in(self, demo_site, phone):
        session_id = demo_site.page_id(SESSION)
        scanned = f"{demo_site.url}/P/{make_token(session_id, Window.at())}/"

        phone.goto(scanned)
        landing = phone.locator("main")
        assert "Sosialisasi Literasi Digital dan Anti-Hoaks bagi ASN" in landing.inner_text()
        assert "Pindaian Anda disimpan" in landing.inner_text()
        assert " WIB" in landing.locator(".session__facts").inner_text()
        offers = landing.locator(".checkin__actions a")
        assert offers.all_inner_texts() == ["Daftar dan presensi", "Sudah punya akun? Masuk"]

        offers.first.click()
        assert "/akun/daftar/" in phone.url
        phone.get_by_label("PTT / non-ASN").check()
        phone.get_by_label("NIK").fill("3471015201900003")
        phone.get_by_label("Nama lengkap").fill("Dewi Baru Datang")
        phone.locator("select[name=agency]").select_option(index=1)
        phone.get_by_label("Jabatan").fill("Staf")
        phone.get_by_label("Email").fill("dewi.walkin@contoh.go.id")
        phone.get_by_label("Kata sandi", exact=True).fill("Lentera-2024-aman")
        phone.get_by_label("Ulangi kata sandi").fill("Lentera-2024-aman")
        phone.get_by_role("button", name="Daftar").click()

        # No second scan: the held one checks her in.
        done = phone.locator(".checkin__ok").inner_text()
        assert "Presensi tercatat" in done and "Dewi Baru Datang" in done

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
