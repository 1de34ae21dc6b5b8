"""The report desk's demo (content/demo/reports.py): its two accounts log in, every status is
present, the reports show what the desk does (grouping, screenshots, OPD, forwarding and the
partner's outcome, history spread over weeks), and a second load changes nothing."""

import datetime

import pytest
from django.apps import apps
from django.utils import timezone

from content.demo import reports as reports_demo
from content.demo import texts
from content.reports.models import Case, Report, Screenshot, Status
from tests.factories.people import AgencyFactory

pytestmark = pytest.mark.django_db


def _agencies():
    names = {item["agency"] for item in texts.reports() if item.get("agency")}
    for name in names:
        AgencyFactory(name=name, short_name=name)


def _rows():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("reports").get_models()
    }


def _state():
    return sorted(
        Case.objects.values_list(
            "pk", "status", "opened_at", "closed_at", "forwarded_at", "partner_outcome"
        )
    )


class TestReportsDemo:
    def test_loads_every_status_twice_idempotently(self, client):
        _agencies()
        notes = []
        reports_demo.load(notes.append)
        assert any("laporan aduan" in note for note in notes)
        rows, state = _rows(), _state()
        assert rows["reports.Report"] >= 36

        again = []
        reports_demo.load(again.append)
        assert again == []
        assert _rows() == rows and _state() == state

        assert set(Case.objects.values_list("status", flat=True)) == set(Status.values)
        # Reports of one post in different spellings share a case.
        assert Case.objects.count() < Report.objects.count()
        assert Screenshot.objects.count() >= 15
        neutrality = Case.objects.filter(kind="asn_kampanye")
        assert neutrality.filter(agency__isnull=False).count() >= 4
        forwarded = Case.objects.filter(forwarded_at__isnull=False)
        assert forwarded.exclude(partner_outcome="").count() >= 3
        assert set(forwarded.values_list("partner_outcome", flat=True)) >= {
            "ditindaklanjuti",
            "bukan_pelanggaran",
            "bukan_kewenangan",
        }
        # History spread over the last weeks; closed cases closed after they opened.
        now = timezone.now()
        oldest = Case.objects.order_by("opened_at").first().opened_at
        assert now - oldest > datetime.timedelta(days=21)
        assert not Report.objects.filter(submitted_at__gt=now).exists()
        for case in Case.objects.filter(status__in=[Status.DONE, Status.REJECTED]):
            assert case.opened_at < case.first_response_at <= case.closed_at <= now
        assert not Case.objects.filter(status=Status.REJECTED, reject_reason="").exists()

        for username, password in [("petugas", "lentera-petugas"), ("bawaslu", "lentera-bawaslu")]:
            response = client.post("/akun/masuk/", {"username": username, "password": password})
            assert response.status_code == 302, username
            assert client.get("/admin/").status_code == 200, username
            client.post("/akun/keluar/")
