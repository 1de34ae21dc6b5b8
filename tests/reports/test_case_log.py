"""The desk's log is read by the desk only: the partner holds view_case (for forwarded cases), and
Wagtail's Site history report shows any model's log to anyone with a permission on that model."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from content.reports.models import CaseLogEntry, Status
from content.reports.services import partner, triage
from tests.factories.reports import submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

REASON = "Tautan-rahasia-alasan-penolakan"


@pytest.fixture
def logged_cases():
    desk = UserFactory(username="petugas", groups=["Petugas Aduan"])
    kept = submit_report(links=["https://www.tiktok.com/@a/video/1"]).report.case
    triage.case_change_status(case=kept, status=Status.REJECTED, user=desk, reason=REASON)
    forwarded = submit_report(links=["https://www.tiktok.com/@a/video/2"]).report.case
    partner.case_forward(forwarded, desk, note="Catatan-internal-petugas")
    return desk


def test_case_events_go_to_the_desk_log_not_wagtails_shared_one(logged_cases):
    assert CaseLogEntry.objects.count() == 2
    assert not ModelLogEntry.objects.filter(action__startswith="lentera.report.").exists()


@pytest.mark.parametrize(
    "who, sees", [("bawaslu", False), ("analis", False), ("petugas", True), ("admin", True)]
)
def test_only_the_desk_reads_it_in_site_history(client, logged_cases, who, sees):
    users = {
        "bawaslu": lambda: UserFactory(username="bawaslu", groups=["Mitra Bawaslu"]),
        "analis": lambda: UserFactory(username="analis", groups=["Analyst"]),
        "petugas": lambda: logged_cases,
        "admin": lambda: UserFactory(username="admin", is_superuser=True, is_staff=True),
    }
    client.force_login(users[who]())
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    page = response.content.decode()
    assert (REASON in page) is sees
    assert ("Catatan-internal-petugas" in page or "Kasus diteruskan" in page) is sees
