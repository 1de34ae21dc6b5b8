from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from content.articles.models import ArticlePage, FactCheckPage, Topic
from content.people.models import Agency, Participant

pytestmark = pytest.mark.django_db


def _snapshot():
    return {
        "pages": Page.objects.count(),
        "revisions": sum(1 for _ in PageLogEntry.objects.all()),
        "images": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "users": get_user_model().objects.count(),
    }


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
        for identifier, password in [
            ("admin", "lentera-admin"),
            ("editor", "lentera-editor"),
            ("moderator", "lentera-moderator"),
            ("198501012010011001", "lentera-peserta"),
            ("ptt@contoh.go.id", "lentera-peserta"),
        ]:
            response = client.post("/akun/masuk/", {"username": identifier, "password": password})
            assert response.status_code == 302, identifier
            client.post("/akun/keluar/")
        assert client.get("/").status_code == 200

    def test_running_twice_changes_nothing(self):
        call_command("load_demo_data", stdout=StringIO())
        before = _snapshot()
        output = StringIO()
        call_command("load_demo_data", stdout=output)
        assert _snapshot() == before
        assert "tidak ada yang berubah" in output.getvalue()
