"""With the Content-Security-Policy on, every page type works in Chromium: the public site,
the participant's pages, the projector and the admin's editors. A violation shows up in the
browser console, so the console must stay free of them."""

import re

import pytest

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"


def _log_in(page, url, username, password):
    page.goto(url + "/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(url + "/admin/")


def _violations(page, paths, base):
    """(path, console message) for every CSP violation and script error on these pages."""
    seen = []
    current = {"path": ""}
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and "Content Security Policy" in message.text
            and seen.append((current["path"], message.text[:160]))
        ),
    )
    page.on("pageerror", lambda error: seen.append((current["path"], str(error)[:160])))
    for path in paths:
        current["path"] = path
        response = page.goto(base + path)
        assert response.status < 400, (path, response.status)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    return seen


def _first_edit_url(page, base, query):
    page.goto(f"{base}/admin/pages/search/?q={query}")
    return re.search(r"/admin/pages/\d+/edit/", page.content()).group(0)


def test_public_pages(demo_site, browser):
    context = browser.new_context()
    page = context.new_page()
    page.goto(demo_site.url + "/materi/")
    article = page.locator(".card__title a").first.get_attribute("href")
    paths = ["/", "/materi/", article, "/cek-fakta/", "/cari/?q=hoaks", "/sesi/"]
    paths += [f"/sesi/{SESSION}/", "/akun/masuk/", "/akun/daftar/", "/akun/sandi/lupa/"]
    assert _violations(page, paths, demo_site.url) == []
    context.close()


def test_organizer_pages_and_editors(demo_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, demo_site.url, "organizer", "lentera-organizer")
    session_editor = _first_edit_url(page, demo_site.url, "Netralitas")
    paths = [
        "/admin/",
        session_editor,
        "/admin/participant/",
        "/admin/participant/new/",
        "/admin/attendance/new/",
        "/admin/presensi-impor/",
        f"/sesi/{SESSION}/presensi/layar/",
    ]
    assert _violations(page, paths, demo_site.url) == []
    # The inline panel (speakers) still works: its script ran with the nonce.
    page.goto(demo_site.url + session_editor)
    total = page.locator("input[name='speakers-TOTAL_FORMS']")
    before = int(total.input_value())
    page.get_by_role("button", name=re.compile("Narasumber", re.I)).first.click()
    assert int(total.input_value()) == before + 1
    context.close()


def test_editor_writes_an_article(demo_site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    _log_in(page, demo_site.url, "editor", "lentera-editor")
    article_editor = _first_edit_url(page, demo_site.url, "deepfake")
    paths = ["/admin/", article_editor, "/admin/images/", "/admin/documents/"]
    assert _violations(page, paths, demo_site.url) == []
    context.close()
