"""On a phone: /kuis/ lists the self-paced quizzes (a visitor sees no status), a participant
starts "Hoaks atau Fakta?", whose pictures load and say nothing of the answer, and after
submitting the list shows their own best score."""

import re

import pytest

pytestmark = pytest.mark.browser

NIP, PASSWORD = "198501012010011001", "lentera-peserta"
VERDICT_MARK = re.compile(
    r"\[\s*(HOAKS|DISINFORMASI|MISINFORMASI|MENYESATKAN|SATIRE|FAKTA)\s*\]", re.IGNORECASE
)


def _fits(page):
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390


def test_the_quiz_list_and_a_paper_whose_pictures_keep_the_answer(demo_site, phone):
    phone.goto(demo_site.url + "/kuis/")
    assert phone.locator("h1").inner_text() == "Kuis latihan mandiri"
    entry = phone.locator("li.card", has_text="Hoaks atau Fakta?")
    assert entry.count() == 1 and entry.locator("[data-status]").count() == 0
    _fits(phone)

    phone.goto(demo_site.url + "/akun/masuk/?next=/kuis/")
    phone.get_by_label("NIP, NIK, atau email").fill(NIP)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    phone.goto(demo_site.url + "/kuis/")
    entry = phone.locator("li.card", has_text="Hoaks atau Fakta?")
    assert entry.locator("[data-status]").inner_text().strip() == "Belum dikerjakan"
    _fits(phone)

    # Every picture on the paper: it loads, from the attempt's own address, with a neutral
    # alt text; nothing in the page (text or attributes) names a verdict label.
    pictures = []
    phone.on(
        "response",
        lambda response: pictures.append(response.url) if "/gambar/" in response.url else None,
    )
    entry.get_by_role("link", name="Hoaks atau Fakta?").click()
    phone.get_by_role("button", name=re.compile("Mulai mengerjakan|Kerjakan lagi")).click()
    assert "/kuis/percobaan/" in phone.url
    assert phone.locator(".question__image img").count() >= 6
    assert not VERDICT_MARK.search(phone.content())
    assert not VERDICT_MARK.search(phone.title())

    # One question per screen: on each, its picture loads, with a neutral alt text.
    seen = 0
    while True:
        question = phone.locator("fieldset.question:visible")
        image = question.locator(".question__image img")
        if image.count():
            image.evaluate("img => img.decode()")
            assert image.evaluate("img => img.naturalWidth") > 0
            assert re.fullmatch(r"Gambar untuk soal \d+", image.get_attribute("alt"))
            assert image.get_attribute("title") is None
            seen += 1
        _fits(phone)
        question.locator("label.option").first.click()
        if not phone.get_by_role("button", name="Berikutnya").is_visible():
            break
        phone.get_by_role("button", name="Berikutnya").click()
    assert seen >= 6
    assert pictures and all(re.search(r"/kuis/percobaan/[^/]+/gambar/\d+/$", u) for u in pictures)
    phone.get_by_role("button", name="Selesai dan kirim jawaban").click()
    assert "/hasil/" in phone.url
    phone.goto(demo_site.url + "/kuis/")
    status = phone.locator("li.card", has_text="Hoaks atau Fakta?").locator("[data-status]")
    assert "Nilai terbaik" in status.inner_text()
    _fits(phone)
