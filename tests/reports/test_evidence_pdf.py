"""The evidence bundle and the period summary: signed as certificates are, the hashes readable in
the text, nothing of the reporter in it."""

import datetime
import subprocess

import pytest
from django.urls import reverse
from django.utils import timezone

from content.certificates import signing
from content.reports.models import Case
from tests.reports.partner_world import REPORTER_EMAIL, REPORTER_PHONE, build_partner_world

pytestmark = pytest.mark.django_db


def pdf_text(pdf, tmp_path):
    path = tmp_path / "berkas.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def pdf_images(pdf, tmp_path):
    path = tmp_path / "gambar.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(
        ["pdfimages", "-list", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return [line for line in listing.splitlines()[2:] if line.strip()]


@pytest.fixture
def world():
    return build_partner_world()


class TestEvidenceBundle:
    def test_signed_with_the_hashes_and_the_screenshots_and_no_reporter(
        self, client, world, tmp_path
    ):
        client.force_login(world.partner)
        response = client.get(reverse("reports_case_evidence", args=[world.forwarded.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        pdf = response.content
        check = signing.signature_check(pdf)
        assert check.intact, check
        text = pdf_text(pdf, tmp_path)
        squeezed = "".join(text.split())
        shots = [s for r in world.forwarded.reports.all() for s in r.screenshots.all()]
        assert len(shots) == 2
        for shot in shots:
            assert shot.original_sha256 in squeezed
            assert shot.stored_sha256 in squeezed
        assert len(pdf_images(pdf, tmp_path)) == 2
        assert "instagram.com/p/KampanyeASN123" in squeezed
        assert "Seorangmengunggah" not in squeezed  # the text reads as written
        assert "SeorangASNmengunggah" in squeezed
        for secret in (REPORTER_EMAIL, REPORTER_PHONE, world.reporter.email, "@contoh"):
            assert secret not in squeezed
        assert world.forwarded.reported_person.nip not in squeezed

    def test_a_change_to_the_file_breaks_the_signature(self, client, world):
        client.force_login(world.desk)
        pdf = client.get(reverse("reports_case_evidence", args=[world.forwarded.pk])).content
        altered = bytearray(pdf)
        spot = pdf.index(b"/Title")
        altered[spot + 8] ^= 1
        assert not signing.signature_intact(bytes(altered))

    def test_the_desk_gets_any_case_the_partner_forwarded_ones_only(self, client, world):
        url = reverse("reports_case_evidence", args=[world.not_forwarded.pk])
        client.force_login(world.partner)
        assert client.get(url).status_code == 404
        client.force_login(world.desk)
        assert client.get(url).status_code == 200


class TestPeriodSummary:
    def test_aggregates_only_signed(self, client, world, tmp_path):
        Case.objects.filter(pk=world.forwarded.pk).update(
            first_response_at=world.forwarded.opened_at + datetime.timedelta(hours=5),
            partner_outcome="ditindaklanjuti",
        )
        Case.objects.filter(pk=world.not_forwarded.pk).update(
            first_response_at=world.not_forwarded.opened_at + datetime.timedelta(hours=1)
        )
        today = timezone.localdate()
        client.force_login(world.partner)
        response = client.get(
            reverse("reports_summary_pdf"),
            {
                "dari": (today - datetime.timedelta(days=20)).isoformat(),
                "sampai": today.isoformat(),
            },
        )
        assert response.status_code == 200
        pdf = response.content
        assert signing.signature_intact(pdf)
        text = pdf_text(pdf, tmp_path)
        assert "Ringkasan meja aduan" in text
        # Two cases, three reports; one forwarded (50%); median of 5 h and 1 h.
        assert "kasus (3 laporan)" in text
        assert "3,0 jam" in text
        assert "50%" in text
        for secret in (REPORTER_EMAIL, REPORTER_PHONE, world.reporter.email, "KampanyeASN"):
            assert secret not in "".join(text.split())

    def test_a_period_that_ends_before_it_starts_is_refused(self, client, world):
        client.force_login(world.desk)
        response = client.get(
            reverse("reports_summary_pdf"), {"dari": "2026-05-10", "sampai": "2026-05-01"}
        )
        assert response.status_code == 400
        assert "tidak boleh sebelum" in response.content.decode()
