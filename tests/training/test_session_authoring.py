"""Organizers write session pages on a site that has only been migrated: no demo data grants
them anything."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import GroupPagePermission
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content.articles.models import ArticleIndexPage, ArticlePage
from content.home.models import HomePage
from content.training.models import SessionIndexPage, SessionPage
from tests.factories.users import UserFactory


def _session_form(**changes):
    data = {
        "title": "Etika Bermedia Sosial bagi ASN",
        "slug": "etika-bermedia-sosial",
        "description": rich_text("<p>Menjaga netralitas di media sosial.</p>"),
        "date": (timezone.localdate() + datetime.timedelta(days=14)).isoformat(),
        "start_time": "09:00",
        "end_time": "12:00",
        "mode": "offline",
        "venue": "Aula Diskominfo",
        "online_url": "",
        "target_group": "asn",
        "capacity": "60",
        "registration_deadline": "",
        "training_hours": "3",
        "allow_walk_in": "on",
        "late_after_minutes": "15",
        "speakers": inline_formset(
            [{"name": "Dr. Hendra Gunawan", "institution": "Diskominfo", "role": "Narasumber"}]
        ),
        "materials": inline_formset([]),
        "action-publish": "action-publish",
    }
    data.update(changes)
    return nested_form_data(data)


class TestOrganizerWritesSessions(WagtailPageTestCase):
    def setUp(self):
        self.sessions = SessionIndexPage.objects.get()
        self.organizer = UserFactory(username="organizer", groups=["Organizer"])

    def test_the_migrated_site_grants_organizers_the_sessions_section(self):
        granted = set(
            GroupPagePermission.objects.filter(group__name="Organizer").values_list(
                "page_id", "permission__codename"
            )
        )
        assert granted == {
            (self.sessions.pk, codename) for codename in ("add_page", "change_page", "publish_page")
        }

    def test_an_organizer_creates_and_publishes_a_session(self):
        self.client.force_login(self.organizer)
        self.assertCanCreate(self.sessions, SessionPage, _session_form())
        session = SessionPage.objects.get(slug="etika-bermedia-sosial")
        assert session.live and session.capacity == 60
        assert [speaker.name for speaker in session.speakers.all()] == ["Dr. Hendra Gunawan"]

    def test_an_organizer_cannot_write_materials(self):
        self.client.force_login(self.organizer)
        materials = ArticleIndexPage.objects.get()
        response = self.client.get(f"/admin/pages/add/articles/articlepage/{materials.pk}/")
        assert response.status_code == 302
        assert not ArticlePage.objects.exists()

    def test_an_editors_session_is_not_published_without_a_moderator(self):
        self.client.force_login(UserFactory(username="editor", groups=["Editor"]))
        url = f"/admin/pages/add/training/sessionpage/{self.sessions.pk}/"
        self.client.post(url, _session_form())
        assert not SessionPage.objects.live().exists()

    def test_a_sessions_section_made_later_is_granted_too(self):
        self.sessions.delete()
        home = HomePage.objects.get()
        again = home.add_child(instance=SessionIndexPage(title="Sosialisasi", slug="sesi"))
        organizers = Group.objects.get(name="Organizer")
        assert GroupPagePermission.objects.filter(group=organizers, page=again).count() == 3
