"""Akun saya on a phone (390 px): "Ubah email" with the current password, the "menunggu
konfirmasi" state with the pending address and a way to cancel it, and the page the link in the
email opens. axe-core finds no serious problem on any of them, and nothing is wider than the
screen."""

import sqlite3

import pytest

from content.people import confirmation_links
from tests.e2e.test_accessibility import _problems

pytestmark = pytest.mark.browser
NEW_ADDRESS = "ptt.alamat.baru.yang.cukup.panjang@dinas-komunikasi.contoh.go.id"


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _pending_change(demo_site):
    with sqlite3.connect(demo_site.database) as db:
        row = db.execute(
            "SELECT id FROM people_pendingidentitychange WHERE status = 'pending' ORDER BY id DESC"
        ).fetchone()
    return row[0] if row else None


def test_changing_the_email_on_a_phone(phone, demo_site):
    base = demo_site.url
    phone.goto(base + "/akun/masuk/")
    phone.get_by_label("NIP, NIK, atau email").fill("ptt@contoh.go.id")
    phone.get_by_label("Kata sandi").fill("lentera-peserta")
    phone.get_by_role("button", name="Masuk").click()
    phone.goto(base + "/akun/")

    summary = phone.get_by_text("Ubah email", exact=True)
    assert summary.bounding_box()["height"] >= 44  # a thumb's height
    summary.click()
    phone.get_by_label("Email baru").fill(NEW_ADDRESS)
    phone.get_by_label("Kata sandi saat ini").fill("salah-sekali")
    phone.get_by_role("button", name="Kirim tautan konfirmasi").click()
    assert "Kata sandi salah." in phone.content()
    assert _fits(phone) and _problems(phone) == []

    phone.get_by_label("Kata sandi saat ini").fill("lentera-peserta")
    phone.get_by_role("button", name="Kirim tautan konfirmasi").click()
    status = phone.get_by_role("status").filter(has_text="Menunggu konfirmasi")
    assert NEW_ADDRESS in status.inner_text()
    assert phone.locator(".email-address").first.inner_text() == "ptt@contoh.go.id"
    assert _fits(phone) and _problems(phone) == []

    # The link the new address received: it shows what it confirms, and may be refused.
    token = confirmation_links.make_token(
        confirmation_links.CHANGE, _pending_change(demo_site), confirmation_links.EMAIL_SIDE
    )
    link_page = phone.context.new_page()
    link_page.goto(f"{base}/akun/konfirmasi/{token}/")
    assert "Konfirmasi perubahan data login" in link_page.content()
    assert _fits(link_page) and _problems(link_page) == []
    link_page.close()

    phone.get_by_role("button", name="Batalkan perubahan email").click()
    assert "Perubahan email dibatalkan" in phone.content()
    assert not phone.get_by_role("status").filter(has_text="Menunggu konfirmasi").count()
    assert _pending_change(demo_site) is None
