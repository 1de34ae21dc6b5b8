"""A walk-in checks in during today's session: its page shows their check-in time and that the
certificate is not ready until the session ends; once it has ended (the site's clock moved on,
not slept through) the certificate is theirs to take from the same page."""

import datetime
import sqlite3
import zoneinfo

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from content.training.checkin_tokens import Window, make_token

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
PASSWORD = "walk-in-e2e-sandi"


def _walk_in(demo_site, session_id):
    """A demo participant not yet recorded in today's session, with a password of this test's;
    the session's certificate does not ask for its post-test (the organizer turned that off),
    so only the clock decides."""
    with sqlite3.connect(demo_site.database) as db:
        user_id, email = db.execute(
            "SELECT id, email FROM people_user WHERE username LIKE 'demo-peserta-%' AND id NOT IN"
            " (SELECT participant_id FROM training_attendance WHERE session_id = ?)"
            " ORDER BY id DESC LIMIT 1",
            [session_id],
        ).fetchone()
        hashed = PBKDF2PasswordHasher().encode(PASSWORD, "e2esalt", iterations=1000)
        db.execute("UPDATE people_user SET password = ? WHERE id = ?", [hashed, user_id])
        db.execute(
            "UPDATE training_sessionpage SET certificate_requires_post_test = 0"
            " WHERE page_ptr_id = ?",
            [session_id],
        )
        day, start, end = db.execute(
            "SELECT date, start_time, end_time FROM training_sessionpage WHERE page_ptr_id = ?",
            [session_id],
        ).fetchone()
    day = datetime.date.fromisoformat(day)

    def moment(text):
        return datetime.datetime.combine(day, datetime.time.fromisoformat(text), tzinfo=WIB)

    return email, moment(start), moment(end)


def test_state_on_the_session_page_and_a_certificate_only_after_the_end(
    demo_site, phone, frozen_clock
):
    session_id = demo_site.page_id(SESSION)
    email, starts, ends = _walk_in(demo_site, session_id)
    during = starts + datetime.timedelta(minutes=30)
    frozen_clock(during)

    phone.goto(f"{demo_site.url}/akun/masuk/")
    phone.get_by_label("NIP, NIK, atau email").fill(email)
    phone.get_by_label("Kata sandi").fill(PASSWORD)
    phone.get_by_role("button", name="Masuk").click()
    phone.goto(f"{demo_site.url}/P/{make_token(session_id, Window.at())}/")
    assert "Presensi tercatat" in phone.locator(".checkin__ok").inner_text()

    phone.goto(f"{demo_site.url}/sesi/{SESSION}/")
    state = phone.locator(".participant-state")
    assert f"presensi pukul {during:%H.%M} WIB" in state.inner_text()
    assert phone.get_by_label("Ketik kode presensi yang tampil di layar").count() == 0
    # Not during the session: the page says why and when.
    assert "Sertifikat belum tersedia" in state.inner_text()
    assert f"setelah sosialisasi selesai, {ends.day}" in state.inner_text()
    assert phone.get_by_role("button", name="Ambil sertifikat").count() == 0
    assert phone.locator("#reg-heading").count() == 0  # no empty "Pendaftaran" panel

    frozen_clock(ends + datetime.timedelta(minutes=1))
    phone.reload()
    phone.get_by_role("button", name="Ambil sertifikat").click()
    assert "siap diunduh" in phone.locator(".messages").inner_text()
    assert "Sertifikat Anda sudah terbit" in phone.locator(".participant-state").inner_text()
