"""A case becomes a fact-check draft ("Buat cek fakta"): prefilled, in the moderation workflow,
not live, one per case, and only the screenshots the desk ticked become public images."""

import datetime
import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone
from wagtail.models import WorkflowState

from content.articles.models import FactCheckPage
from content.base.models import LenteraImage
from content.reports.models import Case, CaseLogEntry
from content.reports.services import fact_checks
from tests.factories.reports import screenshot_bytes, submit_report
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

POST = "https://www.facebook.com/permalink.php?story_fbid=1&id=2"


@pytest.fixture
def desk():
    return UserFactory(username="petugas", groups=["Petugas Aduan"])


def _case_with_two_reports():
    first = submit_report(
        links=[POST],
        description="Bansos Rp2 juta cair lewat tautan ini, isi data KTP.",
        screenshots=[screenshot_bytes(seed=1), screenshot_bytes(seed=2)],
        seen_at=timezone.make_aware(datetime.datetime(2026, 11, 20, 9, 0)),
    )
    submit_report(
        links=["https://m.facebook.com/permalink.php?id=2&story_fbid=1&utm_source=wa"],
        description="Ada pesan berantai soal bansos Rp2 juta.",
        screenshots=[screenshot_bytes(seed=3)],
        seen_at=timezone.make_aware(datetime.datetime(2026, 11, 18, 21, 0)),
    )
    case = first.report.case
    assert case.reports.count() == 2
    return case


class TestDraft:
    def test_the_draft_carries_the_claim_origin_first_seen_and_links_as_sources(
        self, site_tree, desk
    ):
        case = _case_with_two_reports()
        drafted = fact_checks.case_draft_fact_check(case, desk)
        page = FactCheckPage.objects.get(pk=drafted.page.pk)
        assert drafted.created
        assert "Bansos Rp2 juta cair lewat tautan ini" in page.claim
        assert "Ada pesan berantai soal bansos" in page.claim
        assert page.claim_short == "Bansos Rp2 juta cair lewat tautan ini, isi data KTP."
        assert page.claim_origin == "Facebook"
        assert page.claim_first_seen == datetime.date(2026, 11, 18)
        sources = [block.value for block in page.sources]
        assert [source["url"] for source in sources] == [
            POST,
            "https://m.facebook.com/permalink.php?id=2&story_fbid=1&utm_source=wa",
        ]
        assert sources[0]["title"] == "Unggahan yang dilaporkan (facebook.com)"
        assert page.get_parent().specific == site_tree.fact_checks
        assert page.owner == desk

    def test_the_draft_is_not_live_and_is_in_the_moderation_workflow(self, site_tree, desk):
        case = _case_with_two_reports()
        page = fact_checks.case_draft_fact_check(case, desk).page
        page.refresh_from_db()
        assert not page.live
        assert page.latest_revision is not None
        state = WorkflowState.objects.for_instance(page).get()
        assert state.status == WorkflowState.STATUS_IN_PROGRESS
        assert state.requested_by == desk
        assert state.workflow.name == "Tinjauan Moderator"
        assert state.current_task_state.task.name == "Persetujuan Moderator"
        assert page.workflow_in_progress

    def test_the_case_links_the_draft_and_the_log_says_who_drafted_it(self, site_tree, desk):
        case = _case_with_two_reports()
        page = fact_checks.case_draft_fact_check(case, desk).page
        case.refresh_from_db()
        assert case.fact_check_id == page.pk
        entry = CaseLogEntry.objects.get(action=fact_checks.DRAFTED)
        assert entry.object_id == str(case.pk)
        assert entry.user == desk
        assert entry.data["page_id"] == page.pk

    def test_the_placeholders_pass_the_pages_own_validation(self, site_tree, desk):
        page = fact_checks.case_draft_fact_check(_case_with_two_reports(), desk).page
        page = FactCheckPage.objects.get(pk=page.pk)
        page.full_clean()
        assert fact_checks.PLACEHOLDER_EXPLANATION in page.explanation
        assert page.verdict == fact_checks.PLACEHOLDER_VERDICT


class TestScreenshots:
    def test_only_the_ticked_screenshots_become_images_in_their_own_collection(
        self, site_tree, desk
    ):
        case = _case_with_two_reports()
        shots = list(fact_checks.prefill_selectors.case_screenshots(case))
        assert len(shots) == 3
        page = fact_checks.case_draft_fact_check(case, desk, include_screenshots=[shots[2].pk]).page
        image = LenteraImage.objects.get()
        assert image.collection.name == "Tangkapan layar aduan"
        assert page.listing_image == image
        with image.file.open("rb") as copied, shots[2].image.open("rb") as kept:
            assert copied.read() == kept.read()
        # Public file name: nothing of the case or the screenshot's hash in it.
        assert shots[2].stored_sha256 not in image.file.name
        assert f"aduan-{case.pk}" not in image.file.name

    def test_no_tick_no_public_image(self, site_tree, desk):
        fact_checks.case_draft_fact_check(_case_with_two_reports(), desk)
        assert not LenteraImage.objects.exists()

    def test_another_cases_screenshot_is_never_copied(self, site_tree, desk):
        case = _case_with_two_reports()
        other = submit_report(
            links=["https://www.tiktok.com/@akun/video/77"],
            screenshots=[screenshot_bytes(seed=9)],
        ).report
        foreign = other.screenshots.get()
        fact_checks.case_draft_fact_check(case, desk, include_screenshots=[foreign.pk])
        assert not LenteraImage.objects.exists()


class TestOneDraftPerCase:
    def test_a_second_click_returns_the_same_draft(self, site_tree, desk):
        case = _case_with_two_reports()
        first = fact_checks.case_draft_fact_check(case, desk)
        again = fact_checks.case_draft_fact_check(Case.objects.get(pk=case.pk), desk)
        assert not again.created
        assert again.page.pk == first.page.pk
        assert FactCheckPage.objects.filter(live=False).count() == 1
        assert CaseLogEntry.objects.filter(action=fact_checks.DRAFTED).count() == 1

    def test_a_deleted_draft_may_be_drafted_again(self, site_tree, desk):
        case = _case_with_two_reports()
        fact_checks.case_draft_fact_check(case, desk).page.delete()
        again = fact_checks.case_draft_fact_check(Case.objects.get(pk=case.pk), desk)
        assert again.created

    @pytest.mark.postgres
    @pytest.mark.django_db(transaction=True, serialized_rollback=True)
    def test_concurrent_clicks_make_one_page(self, site_tree):
        desk = UserFactory(username="petugas", groups=["Petugas Aduan"])
        case = _case_with_two_reports()
        barrier = threading.Barrier(4)
        results = []

        def click():
            try:
                barrier.wait()
                results.append(fact_checks.case_draft_fact_check(case, desk).page.pk)
            finally:
                connection.close()

        threads = [threading.Thread(target=click) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert len(set(results)) == 1
        assert FactCheckPage.objects.filter(live=False).count() == 1


class TestPermission:
    def test_someone_without_triage_may_not_draft(self, site_tree):
        editor = UserFactory(username="editor", groups=["Editor"])
        with pytest.raises(PermissionDenied):
            fact_checks.case_draft_fact_check(_case_with_two_reports(), editor)
        assert not FactCheckPage.objects.filter(live=False).exists()

    def test_the_question_needs_the_question_banks_permission(self, site_tree, desk):
        with pytest.raises(PermissionDenied):
            fact_checks.case_draft_fact_check(_case_with_two_reports(), desk, make_question=True)


def test_the_pages_own_rules_still_hold_for_a_draft(site_tree):
    # A question needs a topic (FactCheckPage.clean); the draft is refused, not weakened.
    writer = UserFactory(username="pe", groups=["Petugas Aduan", "Editor"])
    case = _case_with_two_reports()
    with pytest.raises(ValidationError):
        fact_checks.case_draft_fact_check(case, writer, make_question=True)
    assert not FactCheckPage.objects.filter(live=False).exists()
    assert Case.objects.get(pk=case.pk).fact_check_id is None
