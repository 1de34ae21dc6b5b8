"""A fact-check drafted from a case, published through the moderation workflow: the case links it,
the log says so, reporters who agreed to be contacted by email are told once, and the page may
become a "Hoaks atau Fakta?" question."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content.articles.models import FactCheckPage
from content.quizzes.models import Question
from content.reports.models import Case, CaseLogEntry
from content.reports.services import fact_checks
from tests.factories.articles import FactCheckPageFactory, TopicFactory
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

POST = "https://www.tiktok.com/@akun.palsu/video/7301"
SUBJECT = "Aduan Anda sudah menjadi cek fakta di Lentera"


def _told():
    """The emails to reporters (Wagtail also emails moderators and the submitter about the
    workflow)."""
    return [message for message in mail.outbox if message.subject == SUBJECT]


def _everyone_emailed():
    return {
        address for message in mail.outbox for address in (*message.to, *message.cc, *message.bcc)
    }


@pytest.fixture
def desk():
    return UserFactory(username="petugas", groups=["Petugas Aduan"])


@pytest.fixture
def moderator():
    return UserFactory(username="moderator", groups=["Moderator"])


@pytest.fixture
def partner():
    return UserFactory(username="bawaslu", email="mitra@bawaslu.go.id", groups=["Mitra Bawaslu"])


def _reported_case():
    consenting = submit_report(
        links=[POST],
        description="Video ini bilang TPS pindah ke balai desa.",
        contact_email="sari@contoh.id",
        contact_consent=True,
    )
    submit_report(links=[POST + "?utm_source=wa"], contact_email="budi@contoh.id")
    submit_report(links=[POST], contact_phone="081234567890", contact_consent=True)
    # The same person reported twice: told once.
    submit_report(links=[POST], contact_email="SARI@contoh.id", contact_consent=True)
    case = consenting.report.case
    assert case.reports.count() == 4
    return case


def _write_and_approve(page, editor, moderator, *, verdict="hoaks"):
    """An editor writes the explanation and the label; the moderator approves the workflow's
    task, which publishes the latest revision (Wagtail's own publish)."""
    draft = page.get_latest_revision_as_object()
    draft.explanation = "<p>KPU memastikan lokasi TPS tidak berubah.</p>"
    draft.verdict = verdict
    draft.summary = "Lokasi TPS tidak pindah."
    draft.save_revision(user=editor)
    task_state = page.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, moderator, "approve")
    return FactCheckPage.objects.get(pk=page.pk)


def test_publishing_links_the_case_and_tells_consenting_reporters_once(
    site_tree, desk, moderator, partner, django_capture_on_commit_callbacks
):
    case = _reported_case()
    page = fact_checks.case_draft_fact_check(case, desk).page
    with django_capture_on_commit_callbacks(execute=True):
        published = _write_and_approve(page, desk, moderator)
    assert published.live
    case.refresh_from_db()
    assert case.fact_check_id == published.pk
    assert case.fact_check_notified_at is not None
    assert [message.to for message in _told()] == [["sari@contoh.id"]]
    message = _told()[0]
    assert published.get_full_url() in message.body
    assert "budi@contoh.id" not in message.body and "0812" not in message.body
    entry = CaseLogEntry.objects.get(action=fact_checks.PUBLISHED)
    assert entry.object_id == str(case.pk)
    assert entry.data == {"page_id": published.pk, "notified": 1, "phone_only": 1}

    # Published again (a correction): nobody is emailed again.
    with django_capture_on_commit_callbacks(execute=True):
        published.explanation = "<p>KPU memastikan lokasi TPS tidak berubah (diperbarui).</p>"
        published.save_revision(user=moderator).publish(user=moderator)
    assert len(_told()) == 1
    assert CaseLogEntry.objects.filter(action=fact_checks.PUBLISHED).count() == 1


def test_non_consenting_reporters_and_the_partner_are_never_emailed(
    site_tree, desk, moderator, partner, django_capture_on_commit_callbacks
):
    case = _reported_case()
    page = fact_checks.case_draft_fact_check(case, desk).page
    with django_capture_on_commit_callbacks(execute=True):
        _write_and_approve(page, desk, moderator)
    recipients = _everyone_emailed()
    assert "budi@contoh.id" not in recipients
    assert partner.email not in recipients
    assert "sari@contoh.id" in recipients
    assert [message.to for message in _told()] == [["sari@contoh.id"]]


def test_a_publication_still_carrying_the_placeholder_tells_nobody_yet(
    site_tree, desk, moderator, django_capture_on_commit_callbacks
):
    case = _reported_case()
    page = fact_checks.case_draft_fact_check(case, desk).page
    with django_capture_on_commit_callbacks(execute=True):
        task_state = page.current_workflow_state.current_task_state
        task_state.task.specific.on_action(task_state, moderator, "approve")
    assert FactCheckPage.objects.get(pk=page.pk).live
    assert _told() == []
    assert Case.objects.get(pk=case.pk).fact_check_notified_at is None
    # Once the explanation is written and the page published again, they are told.
    with django_capture_on_commit_callbacks(execute=True):
        written = FactCheckPage.objects.get(pk=page.pk)
        written.explanation = "<p>KPU memastikan lokasi TPS tidak berubah.</p>"
        written.save_revision(user=moderator).publish(user=moderator)
    assert [message.to for message in _told()] == [["sari@contoh.id"]]


def test_an_erased_contact_is_not_emailed(
    site_tree, desk, moderator, django_capture_on_commit_callbacks
):
    case = _reported_case()
    case.reports.update(contact_email="", contact_phone="", contact_erased_at="2026-12-01T00:00Z")
    page = fact_checks.case_draft_fact_check(case, desk).page
    with django_capture_on_commit_callbacks(execute=True):
        _write_and_approve(page, desk, moderator)
    assert _told() == []


def test_a_fact_check_not_drafted_from_a_case_changes_no_case(
    site_tree, moderator, django_capture_on_commit_callbacks
):
    case = _reported_case()
    with django_capture_on_commit_callbacks(execute=True):
        FactCheckPageFactory(parent=site_tree.fact_checks).save_revision().publish()
    assert Case.objects.get(pk=case.pk).fact_check_id is None
    assert mail.outbox == []
    assert not CaseLogEntry.objects.filter(action=fact_checks.PUBLISHED).exists()


def test_the_question_is_made_when_the_drafted_page_is_published(
    site_tree, moderator, django_capture_on_commit_callbacks
):
    # A desk officer who also writes the question bank (as the page's own panel asks).
    writer = UserFactory(username="petugas-editor", groups=["Petugas Aduan", "Editor"])
    topic = TopicFactory(slug="pemilu")
    case = submit_report(
        links=[POST],
        description="TPS pindah ke balai desa.",
        screenshots=[screenshot_bytes(seed=5)],
    ).report.case
    shot = case.reports.get().screenshots.get()
    page = fact_checks.case_draft_fact_check(
        case, writer, include_screenshots=[shot.pk], make_question=True, topic=topic
    ).page
    assert page.make_question and page.question_image is not None
    assert page.listing_image is None  # the page refuses one image for both
    assert not Question.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        published = _write_and_approve(page, writer, moderator, verdict="hoaks")
    question = Question.objects.get(fact_check=published)
    assert question.text == "TPS pindah ke balai desa."
    assert question.image == published.question_image
    assert question.verdict == "hoaks"
    assert question.topic == topic


def _publish_in_admin(client, page, explanation):
    """The page editor's "Terbitkan", as a moderator posts it."""
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "claim": page.claim,
            "claim_short": page.claim_short,
            "verdict": "hoaks",
            "claim_origin": page.claim_origin,
            "claim_first_seen": "",
            "claim_author": page.claim_author,
            "claim_author_kind": page.claim_author_kind,
            "summary": "Lokasi TPS tidak pindah.",
            "listing_image": "",
            "explanation": rich_text(explanation),
            "sources": streamfield([]),
            "archive_links": streamfield([]),
            "topic": "",
            "tags": "",
            "published_date": page.published_date.isoformat(),
            "author_name": "",
            "seo_title": "",
            "search_description": "",
            "social_image": "",
            "comments": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_the_editors_publish_button_refuses_the_placeholder_explanation(
    client, site_tree, desk, moderator
):
    page = fact_checks.case_draft_fact_check(_reported_case(), desk).page
    client.force_login(moderator)
    _publish_in_admin(client, page, f"<p>{fact_checks.PLACEHOLDER_EXPLANATION}</p>")
    assert not FactCheckPage.objects.get(pk=page.pk).live
    _publish_in_admin(client, page, "<p>KPU memastikan lokasi TPS tidak berubah.</p>")
    assert FactCheckPage.objects.get(pk=page.pk).live
