from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command

from content.articles.models import ArticlePage, FactCheckPage, Topic
from content.people.models import Agency, Participant
from content.training.models import Attendance, Registration, SessionPage

pytestmark = pytest.mark.django_db


def _row_counts():
    """The number of rows of every model of every installed app."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


class TestLoadDemoData:
    def test_builds_the_demo_site(self, client):
        call_command("load_demo_data", stdout=StringIO())

        assert ArticlePage.objects.live().count() >= 12
        assert FactCheckPage.objects.live().count() >= 6
        assert set(Topic.objects.values_list("name", flat=True)) >= {
            "Literasi Digital",
            "Anti-Hoaks",
            "Netralitas ASN",
            "Keamanan Digital",
        }
        assert all(page.tags.exists() for page in ArticlePage.objects.all())
        assert not ArticlePage.objects.filter(listing_image__isnull=True).exists()
        assert Agency.objects.count() >= 30
        assert Participant.objects.count() >= 200
        assert Participant.objects.filter(participant_group="ptt").exists()
        assert SessionPage.objects.live().count() >= 14
        assert Attendance.objects.count() > 100
        # Records keep the person's agency and group at the time.
        assert not Registration.objects.filter(agency__isnull=True).exists()
        for identifier, password in [
            ("admin", "lentera-admin"),
            ("editor", "lentera-editor"),
            ("moderator", "lentera-moderator"),
            ("organizer", "lentera-organizer"),
            ("analyst", "lentera-analyst"),
            ("198501012010011001", "lentera-peserta"),
            ("ptt@contoh.go.id", "lentera-peserta"),
        ]:
            response = client.post("/akun/masuk/", {"username": identifier, "password": password})
            assert response.status_code == 302, identifier
            client.post("/akun/keluar/")
        assert client.get("/").status_code == 200

    def test_running_twice_changes_no_table(self):
        call_command("load_demo_data", stdout=StringIO())
        before = _row_counts()
        output = StringIO()
        call_command("load_demo_data", stdout=output)
        assert _row_counts() == before
        assert "tidak ada yang berubah" in output.getvalue()
