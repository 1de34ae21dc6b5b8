"""A visitor on a phone finds a fact-check by searching, reads it and filters materials."""

import pytest

pytestmark = pytest.mark.browser

FACT_CHECK = "[HOAKS] Rekrutmen CPNS dan PPPK Pemkot Lentera Jalur Khusus Lewat WhatsApp"


def _fits_the_screen(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


class TestReaderOnAPhone:
    def test_home_page_shows_latest_fact_checks_and_materials(self, demo_site, phone):
        phone.goto(demo_site.url + "/")
        assert phone.locator("h1").inner_text() == "Cerdas bermedia, bijak berbagi"
        assert phone.locator("#home-factchecks ~ * .card, .section .card").count() >= 6
        assert _fits_the_screen(phone)
        # Images load lazily: fetch each one to prove it is served.
        statuses = phone.evaluate(
            "Promise.all([...document.images].map(img => fetch(img.src).then(r => r.status)))"
        )
        assert statuses and set(statuses) == {200}

    def test_search_then_read_a_fact_check(self, demo_site, phone):
        phone.goto(demo_site.url + "/")
        phone.get_by_label("Cari materi dan cek fakta").fill("PPPK")
        phone.get_by_role("button", name="Cari").click()
        phone.wait_for_url("**/cari/?q=PPPK")
        result = phone.locator(".search-result", has_text=FACT_CHECK)
        assert result.locator(".verdict").inner_text() == "HOAKS"

        result.get_by_role("link", name=FACT_CHECK).click()
        assert phone.locator("h1").inner_text() == FACT_CHECK
        assert phone.locator(".claim blockquote").inner_text().strip()
        whatsapp = phone.get_by_role("link", name="WhatsApp", exact=True)
        assert whatsapp.get_attribute("href").startswith("https://wa.me/?text=")
        assert _fits_the_screen(phone)

    def test_filter_materials_by_topic_and_audience(self, demo_site, phone):
        phone.goto(demo_site.url + "/materi/")
        phone.get_by_label("Topik").select_option("netralitas-asn")
        phone.get_by_label("Sasaran").select_option("asn")
        phone.get_by_role("button", name="Terapkan").click()
        phone.wait_for_url("**topik=netralitas-asn**")
        titles = phone.locator(".card__title").all_inner_texts()
        assert len(titles) == 2
        assert all("Netralitas" in title or "Sanksi" in title for title in titles)
        assert _fits_the_screen(phone)

    def test_skip_link_moves_focus_to_the_content(self, demo_site, phone):
        phone.goto(demo_site.url + "/materi/")
        phone.keyboard.press("Tab")
        assert phone.evaluate("document.activeElement.textContent") == "Langsung ke konten"
        phone.keyboard.press("Enter")
        assert phone.evaluate("document.activeElement.id") == "konten"
