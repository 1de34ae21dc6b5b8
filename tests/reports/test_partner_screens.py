import pytest
from django.urls import reverse

from content.reports.models import Case, PartnerOutcome
from tests.reports.partner_world import REPORTER_EMAIL, REPORTER_PHONE, build_partner_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_partner_world()


@pytest.fixture
def as_partner(client, world):
    client.force_login(world.partner)
    return client


class TestPartnerList:
    def test_lists_forwarded_cases_only(self, as_partner, world):
        page = as_partner.get(reverse("reports_partner_cases")).content.decode()
        assert reverse("reports_partner_case", args=[world.forwarded.pk]) in page
        assert reverse("reports_partner_case", args=[world.not_forwarded.pk]) not in page

    def test_filters_by_outcome_and_kind(self, as_partner, world):
        url = reverse("reports_partner_cases")
        detail = reverse("reports_partner_case", args=[world.forwarded.pk])
        assert detail in as_partner.get(url, {"hasil": "belum"}).content.decode()
        assert detail not in as_partner.get(url, {"hasil": "ditindaklanjuti"}).content.decode()
        assert detail not in as_partner.get(url, {"kind": "hoaks"}).content.decode()
        assert detail in as_partner.get(url, {"kind": "asn_kampanye"}).content.decode()

    def test_a_page_number_that_is_none_still_lists(self, as_partner, world):
        url = reverse("reports_partner_cases")
        for number in ("²", "-1", "99999999999", "2"):
            response = as_partner.get(url, {"halaman": number})
            assert response.status_code == 200, number
            assert f"Kasus #{world.forwarded.pk}" in response.content.decode()

    def test_the_desk_has_its_own_screens_not_the_partners(self, client, world):
        client.force_login(world.desk)
        response = client.get(reverse("reports_partner_cases"))
        # Inside the admin a refusal sends the user back to the dashboard.
        assert (response.status_code, response.get("Location")) == (302, "/admin/")


class TestPartnerCase:
    def test_shows_the_evidence_and_never_the_reporter(self, as_partner, world):
        response = as_partner.get(reverse("reports_partner_case", args=[world.forwarded.pk]))
        page = response.content.decode()
        shot = world.forwarded.reports.first().screenshots.first()
        assert shot.original_sha256 in page and shot.stored_sha256 in page
        assert "instagram.com/p/KampanyeASN123" in page
        assert "Seorang ASN mengunggah" in page
        assert "Sudah kami teruskan ke Bawaslu." in page
        assert world.forwarded.reported_person.full_name in page
        # The reported person's NIP is masked.
        assert "198703152011011002" not in page and "1987" in page
        for secret in (REPORTER_EMAIL, REPORTER_PHONE, world.reporter.email):
            assert secret not in page
        assert "bersedia dihubungi" not in page.lower()

    def test_a_case_not_forwarded_is_not_found(self, as_partner, world):
        response = as_partner.get(reverse("reports_partner_case", args=[world.not_forwarded.pk]))
        assert response.status_code == 404

    def test_the_partner_records_an_outcome(self, as_partner, world):
        url = reverse("reports_partner_outcome", args=[world.forwarded.pk])
        response = as_partner.post(url, {"outcome": "bukan_kewenangan", "note": "Ranah KPU"})
        assert response.status_code == 302
        case = Case.objects.get(pk=world.forwarded.pk)
        assert case.partner_outcome == PartnerOutcome.NOT_OUR_AUTHORITY
        assert case.partner_note == "Ranah KPU"

    def test_no_outcome_on_a_case_not_forwarded(self, as_partner, world):
        url = reverse("reports_partner_outcome", args=[world.not_forwarded.pk])
        assert as_partner.post(url, {"outcome": "ditindaklanjuti"}).status_code == 404
        assert Case.objects.get(pk=world.not_forwarded.pk).partner_outcome == ""


class TestScreenshots:
    def test_streamed_to_the_partner_for_a_forwarded_case(self, as_partner, world):
        shot = world.forwarded.reports.first().screenshots.first()
        url = reverse("reports_case_screenshot", args=[world.forwarded.pk, shot.pk])
        response = as_partner.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/png"
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert response["Cache-Control"].startswith("private, no-store")

    def test_not_for_a_case_not_forwarded_nor_under_another_case(self, as_partner, world):
        hidden = world.not_forwarded.reports.first().screenshots.first()
        url = reverse("reports_case_screenshot", args=[world.not_forwarded.pk, hidden.pk])
        assert as_partner.get(url).status_code == 404
        # The hidden screenshot's id under the forwarded case's id.
        url = reverse("reports_case_screenshot", args=[world.forwarded.pk, hidden.pk])
        assert as_partner.get(url).status_code == 404

    def test_the_desk_sees_any_case(self, client, world):
        client.force_login(world.desk)
        hidden = world.not_forwarded.reports.first().screenshots.first()
        url = reverse("reports_case_screenshot", args=[world.not_forwarded.pk, hidden.pk])
        assert client.get(url).status_code == 200


class TestForwardButton:
    def test_the_desk_forwards_once(self, client, world):
        client.force_login(world.desk)
        url = reverse("reports_case_forward", args=[world.not_forwarded.pk])
        response = client.post(url, {"next": "/admin/"})
        assert response.status_code == 302 and response["Location"] == "/admin/"
        assert Case.objects.get(pk=world.not_forwarded.pk).forwarded_by == world.desk
        client.post(url)
        messages = [str(m) for m in response.wsgi_request._messages]
        assert any("diteruskan" in message for message in messages)

    def test_the_partner_cannot_forward(self, as_partner, world):
        url = reverse("reports_case_forward", args=[world.not_forwarded.pk])
        response = as_partner.post(url)
        assert (response.status_code, response.get("Location")) == (302, "/admin/")
        assert Case.objects.get(pk=world.not_forwarded.pk).forwarded_at is None


class TestDeskCasePage:
    def test_offers_forwarding_until_the_case_is_forwarded(self, client, world):
        client.force_login(world.desk)
        page = client.get(reverse("aduan:case", args=[world.not_forwarded.pk])).content.decode()
        forward = reverse("reports_case_forward", args=[world.not_forwarded.pk])
        assert forward in page and "Teruskan ke Bawaslu" in page
        response = client.post(forward)
        assert response["Location"] == reverse("aduan:case", args=[world.not_forwarded.pk])
        page = client.get(reverse("aduan:case", args=[world.not_forwarded.pk])).content.decode()
        assert forward not in page
        assert reverse("reports_case_evidence", args=[world.not_forwarded.pk]) in page
