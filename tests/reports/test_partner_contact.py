"""The reporter's contact never reaches the partner: every URL of the project (the access table's
world), opened as the partner, with its CSV and XLSX exports where it has them, PDFs read back as
text (pdftotext) and spreadsheets unpacked, holds none of the reporter's email, phone or account."""

import io
import subprocess
import zipfile

import pytest
from django.urls import reverse

from content.reports.models import Report
from tests.access.world import build_world
from tests.factories.people import ParticipantFactory

pytestmark = pytest.mark.django_db

EMAIL = "pelapor.rahasia.7731@contoh.id"
PHONE = "081299887766"
ACCOUNT_EMAIL = "akun.pelapor.5521@contoh.go.id"
ACCOUNT_NAME = "Pelapor Rahasia Tujuhsatu"


def _body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def readable(response, tmp_path):
    """The response as text a person could read: a PDF's text, a spreadsheet's cells."""
    body = _body(response)
    kind = response.get("Content-Type", "")
    if body.startswith(b"%PDF") or "pdf" in kind:
        path = tmp_path / "jawaban.pdf"
        path.write_bytes(body)
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True)
        # A file that is no real PDF (the world's sample document) is read as bytes.
        text = done.stdout if done.returncode == 0 else body.decode("latin-1")
        return text + "".join(text.split())
    if body.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            return "".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return body.decode("utf-8", "replace")


def test_no_partner_visible_response_holds_the_reporters_contact(client, site_tree, tmp_path):
    world = build_world(site_tree)
    reporter = ParticipantFactory(email=ACCOUNT_EMAIL, full_name=ACCOUNT_NAME)
    Report.objects.update(
        contact_email=EMAIL, contact_phone=PHONE, contact_consent=True, reporter=reporter
    )
    client.force_login(world.users["partner"])
    urls = sorted(set(world.urls.values()) | {"/admin/", reverse("reports_partner_cases")})
    opened = set()
    for url in urls:
        for suffix in ("", "?export=csv", "?export=xlsx"):
            joiner = "&" if "?" in url and suffix else ""
            target = url + (suffix.replace("?", joiner, 1) if joiner else suffix)
            response = client.get(target)
            if response.status_code != 200:
                continue
            opened.add(target)
            text = readable(response, tmp_path)
            for secret in (EMAIL, PHONE, PHONE[1:], ACCOUNT_EMAIL, ACCOUNT_NAME):
                assert secret not in text, (target, secret)
            if target.startswith("/admin/"):  # the public form asks for consent in these words
                assert "bersedia dihubungi" not in text.lower(), target
    # The partner's own screens were among those read (the list, the case, its PDF, a picture).
    partner_screens = ("reports_partner_cases", "reports_partner_case", "reports_case_evidence")
    assert {world.urls[name] for name in (*partner_screens, "reports_case_screenshot")} <= opened
