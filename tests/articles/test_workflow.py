"""An editor's page reaches the public only after a moderator approves it."""

import pytest
from django.urls import reverse
from wagtail.models import Workflow, WorkflowPage
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content.articles.models import ArticlePage
from tests.factories.users import editor as make_editor
from tests.factories.users import moderator as make_moderator

pytestmark = pytest.mark.django_db


def _article_form(title, **actions):
    return nested_form_data(
        {
            "title": title,
            "slug": "waspada-undangan-apk",
            "summary": "Undangan pernikahan berbentuk APK mencuri data.",
            "body": streamfield([("paragraph", rich_text("<p>Jangan pasang berkas APK.</p>"))]),
            "audience": "umum",
            "published_date": "2024-10-08",
            "tags": "phishing, apk",
            **actions,
        }
    )


@pytest.fixture
def sections(site_tree):
    workflow = Workflow.objects.get(name="Tinjauan Moderator")
    WorkflowPage.objects.get_or_create(page=site_tree.materials, defaults={"workflow": workflow})
    return site_tree


def _add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("articles", "articlepage", parent.pk))


class TestEditorialWorkflow:
    def test_groups_and_workflow_exist_from_migrations(self, db):
        workflow = Workflow.objects.get(name="Tinjauan Moderator")
        [task] = workflow.tasks.all()
        assert [group.name for group in task.specific.groups.all()] == ["Moderator"]

    def test_editor_cannot_publish(self, client, sections):
        editor = make_editor()
        client.force_login(editor)

        response = client.post(
            _add_url(sections.materials),
            _article_form("Waspada undangan APK", **{"action-publish": "1"}),
        )

        page = ArticlePage.objects.get(slug="waspada-undangan-apk")
        assert response.status_code == 302
        assert not page.live
        assert not page.permissions_for_user(editor).can_publish()
        assert (
            client.get(page.url if page.url else "/materi/waspada-undangan-apk/").status_code == 404
        )

    def test_submitted_page_goes_live_after_moderator_approval(self, client, sections):
        client.force_login(make_editor())
        client.post(
            _add_url(sections.materials),
            _article_form("Waspada undangan APK", **{"action-submit": "1"}),
        )
        page = ArticlePage.objects.get(slug="waspada-undangan-apk")
        state = page.current_workflow_state
        assert state is not None and state.status == "in_progress"
        assert not page.live

        client.logout()
        assert client.get("/materi/waspada-undangan-apk/").status_code == 404

        client.force_login(make_moderator())
        task_state = state.current_task_state
        response = client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
            {"comment": "Sudah dicek, terbitkan."},
        )
        assert response.status_code == 302

        page.refresh_from_db()
        assert page.live
        client.logout()
        public = client.get("/materi/waspada-undangan-apk/")
        assert public.status_code == 200
        assert "Waspada undangan APK" in public.content.decode()


def test_the_moderator_is_told_in_indonesian(client, sections, django_capture_on_commit_callbacks):
    from django.core import mail

    moderator = make_moderator()
    moderator.email = "moderator@contoh.go.id"
    moderator.save()
    client.force_login(make_editor())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _add_url(sections.materials),
            _article_form("Waspada undangan APK", **{"action-submit": "1"}),
        )
    [email] = [message for message in mail.outbox if message.to == ["moderator@contoh.go.id"]]
    assert "Waspada undangan APK" in email.subject
    assert "diajukan" in email.subject and "submitted" not in email.subject
    assert "submitted" not in email.body and "moderation" not in email.body
