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


def _projector(browser, demo_site, width, height):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.goto(demo_site.url + "/akun/masuk/")
    page.get_by_label("NIP, NIK, atau email").fill("organizer")
    page.get_by_label("Kata sandi").fill("lentera-organizer")
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{demo_site.url}/sesi/{SESSION}/presensi/layar/")
    return context, page


# Many venue projectors are 1024x768 (4:3); the QR then takes the width it can spare.
SCREENS = {
    "1024x768": (1024, 768, 0.7),
    "1280x800": (1280, 800, 0.8),
    "1920x1080": (1920, 1080, 0.8),
}


@pytest.mark.parametrize("size", SCREENS.values(), ids=SCREENS.keys())
def test_the_projector_fits_one_screen_with_the_qr_as_large_as_possible(demo_site, browser, size):
    width, height, qr_share = size
    context, page = _projector(browser, demo_site, width, height)

    assert page.evaluate("document.scrollingElement.scrollHeight") <= height
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    for selector in ("[data-qr]", "h1", "[data-code]", "[data-seconds]", "[data-count]"):
        box = page.locator(selector).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= height, selector
        assert box["x"] >= 0 and box["x"] + box["width"] <= width, selector
    close = page.get_by_role("button", name="Tutup presensi").bounding_box()
    assert close["y"] >= 0 and close["y"] + close["height"] <= height
    assert page.locator("[data-qr] svg").bounding_box()["height"] >= qr_share * height
    context.close()


DARK = 128  # below: a dark module (or the screen behind); an edge's grey pixel is one or other


def _quiet_zone_in_modules(image, found, modules):
    """The light margin around the QR symbol as a camera sees it, in modules (the smallest
    side). The symbol's edges are its dark pixels near where the reader `found` it (its
    finder patterns reach three corners, so they are the symbol's own edges); from each edge,
    through the middle of the side, outwards, the run of light pixels until a dark one (the
    page's own background included)."""
    gray = image.convert("L")
    corners = [found.position.top_left, found.position.top_right]
    corners += [found.position.bottom_right, found.position.bottom_left]
    xs, ys = [c.x for c in corners], [c.y for c in corners]
    near = (max(xs) - min(xs)) // modules  # a module's width: the reader's box is approximate
    area = (min(xs) - near, min(ys) - near, max(xs) + near + 1, max(ys) + near + 1)
    dark = gray.crop(area).point(lambda value: 255 if value < DARK else 0).getbbox()
    left, top = area[0] + dark[0], area[1] + dark[1]
    right, bottom = area[0] + dark[2], area[1] + dark[3]  # the first column and row past it
    module = (right - left) / modules
    middle_x, middle_y = (left + right) // 2, (top + bottom) // 2

    def light_run(x, y, dx, dy):
        run = 0
        while 0 <= x < gray.width and 0 <= y < gray.height and gray.getpixel((x, y)) >= DARK:
            run, x, y = run + 1, x + dx, y + dy
        return run

    runs = [
        light_run(left - 1, middle_y, -1, 0),
        light_run(middle_x, top - 1, 0, -1),
        light_run(right, middle_y, 1, 0),
        light_run(middle_x, bottom, 0, 1),
    ]
    return min(runs) / module


@pytest.mark.parametrize("size", SCREENS.values(), ids=SCREENS.keys())
def test_the_projectors_qr_reads_back_with_a_quiet_zone_of_four_modules(demo_site, browser, size):
    """The projector as rendered, screenshot and read by zxing-cpp (the reader the certificate
    tests use): the URL decodes, and the light margin around the symbol is the four modules
    ISO/IEC 18004 asks for (it was about 1.6: one module in the SVG and the box's padding)."""
    import io

    import zxingcpp
    from PIL import Image

    width, height, _ = size
    context, page = _projector(browser, demo_site, width, height)
    image = Image.open(io.BytesIO(page.screenshot()))
    context.close()

    found = zxingcpp.read_barcodes(image)
    assert len(found) == 1
    qr = found[0]
    assert qr.text.startswith("HTTP://127.0.0.1:") and "/P/" in qr.text
    modules = 17 + 4 * int(qr.extra["Version"])
    assert _quiet_zone_in_modules(image, qr, modules) >= 3.8  # 4, less a pixel's rounding
