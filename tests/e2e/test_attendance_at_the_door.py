"""An organizer at the door marks people by hand in the admin, one after another: "Simpan dan
tambah lagi" keeps the session on an empty form, and "Simpan" shows that session's list."""

import datetime
import sqlite3
import zoneinfo

import pytest

pytestmark = pytest.mark.browser

SESSION = "literasi-digital-hari-ini"
TITLE = "Sosialisasi Literasi Digital dan Anti-Hoaks bagi ASN"
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _during_the_session(demo_site, session_id):
    """Half an hour after the session starts. The demo's session is "today" in WIB: between
    midnight and its start (17.00 to 01.00 UTC) the real clock is before it, and the door may
    not mark anyone yet."""
    with sqlite3.connect(demo_site.database) as db:
        day, start = db.execute(
            "SELECT date, start_time FROM training_sessionpage WHERE page_ptr_id = ?",
            [session_id],
        ).fetchone()
    starts = datetime.datetime.combine(
        datetime.date.fromisoformat(day), datetime.time.fromisoformat(start), tzinfo=WIB
    )
    return starts + datetime.timedelta(minutes=30)


def _people_not_yet_recorded(demo_site, session_id, how_many):
    """Active demo participants with an email and no attendance in the session, as
    (email, full name)."""
    with sqlite3.connect(demo_site.database) as db:
        return db.execute(
            "SELECT email, full_name FROM people_user"
            " WHERE participant_group != '' AND email != '' AND is_active AND erased_at IS NULL"
            " AND id NOT IN (SELECT participant_id FROM training_attendance WHERE session_id = ?)"
            " ORDER BY id DESC LIMIT ?",
            [session_id, how_many],
        ).fetchall()


def test_marking_people_at_the_door_keeps_the_session(demo_site, browser, frozen_clock):
    session_id = demo_site.page_id(SESSION)
    frozen_clock(_during_the_session(demo_site, session_id))
    (first_email, first_name), (second_email, second_name) = _people_not_yet_recorded(
        demo_site, session_id, 2
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="id-ID")
    page = context.new_page()
    page.goto(demo_site.url + "/admin/login/")
    page.fill("input[name=username]", "organizer")
    page.fill("input[name=password]", "lentera-organizer")
    page.click("form button[type=submit]")
    page.wait_for_url(demo_site.url + "/admin/")

    page.goto(demo_site.url + "/admin/attendance/new/")
    page.locator("select[name=session]").select_option(label=TITLE)
    page.get_by_label("Peserta (NIP, NIK, atau email)").fill(first_email)
    page.get_by_role("button", name="Simpan dan tambah lagi").click()

    page.wait_for_url(f"**/admin/attendance/new/?session={session_id}")
    assert page.locator("select[name=session]").input_value() == str(session_id)
    assert page.get_by_label("Peserta (NIP, NIK, atau email)").input_value() == ""
    assert "orang tercatat" in page.locator("main").inner_text()

    page.get_by_label("Peserta (NIP, NIK, atau email)").fill(second_email)
    page.get_by_role("button", name="Simpan", exact=True).click()

    page.wait_for_url(f"**/admin/attendance/?session={session_id}")
    listing = page.locator("main table").inner_text()
    assert first_name in listing and second_name in listing
    rows = page.locator("main table tbody tr").all_inner_texts()
    # Only today's session: none of its earlier batches ("… (Angkatan 3)") nor other sessions.
    assert rows and all(TITLE in row and "Angkatan" not in row for row in rows)
    context.close()
