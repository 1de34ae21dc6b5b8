"""The organizer issues a whole session's certificates from the admin: the real task worker
beside the site does the work while the page's progress bar follows it, and the ZIP of every
PDF downloads at the end."""

import zipfile

import pytest

pytestmark = pytest.mark.browser

ORGANIZER, PASSWORD = "organizer", "lentera-organizer"


@pytest.fixture
def desk(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def test_bulk_issue_through_the_worker_with_its_progress_and_zip(demo_site, desk, tmp_path):
    base = demo_site.url
    desk.goto(base + "/admin/login/")
    desk.locator("#id_username").fill(ORGANIZER)
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("button[type=submit]").click()
    desk.wait_for_url(base + "/admin/")

    desk.goto(base + "/admin/sertifikat-massal/")
    session = desk.locator("select#id_session")
    # The oldest past session ("... (Angkatan N)") someone attended ("... (N hadir)"): today's
    # session is still under way, and its certificates wait for its end; the newest past one
    # holds the demo ASN's certificate to take in Akun saya (test_certificate_journey).
    labels = session.locator("option").all_inner_texts()[1:]
    label = next(
        text for text in reversed(labels) if "(Angkatan" in text and not text.endswith("(0 hadir)")
    )
    session.select_option(label=label)
    desk.get_by_role("button", name="Terbitkan").click()

    # The job's page: the worker finishes it and the page reloads itself to offer the ZIP.
    zip_link = desk.get_by_role("link", name="Unduh semua sertifikat (ZIP)")
    zip_link.wait_for(timeout=90_000)
    status = desk.locator(".bulk-issue > p[role=status]").inner_text()
    assert status.startswith("Selesai")
    attendees = int(label.rsplit("(", 1)[1].split()[0])
    assert f"{attendees} dari {attendees} peserta selesai" in status
    # Those who did not pass the session's post-test are listed as refusals, not issued.
    refused = int(status.split(", ")[1].split()[0]) if "tidak mendapat" in status else 0

    with desk.expect_download() as download_info:
        zip_link.click()
    path = tmp_path / "sertifikat.zip"
    download_info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert len(names) == attendees - refused > 0
        assert all(name.endswith(".pdf") for name in names)
        assert all(archive.read(name).startswith(b"%PDF-") for name in names)
