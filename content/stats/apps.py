from django.apps import AppConfig
from django.db import transaction

from content.base.changes import records_changed, skipped


class StatsConfig(AppConfig):
    name = "content.stats"
    label = "stats"
    verbose_name = "Statistik"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from content.articles.models import FactCheckPage
        from content.base import page_cache, permissions
        from content.certificates.models import Certificate
        from content.people.models import User
        from content.quizzes.models import Attempt
        from content.reports.models import Case, Report
        from content.stats import (
            # The screens register the figures the task worker computes again after a
            # change (warming.register): imported here, so the worker knows them too.
            admin_dashboard,  # noqa: F401
            admin_literacy,  # noqa: F401
            admin_reports,  # noqa: F401
            cache,
            tasks,  # noqa: F401 (registers its background tasks)
            warming,
        )
        from content.stats import permissions as stats_permissions
        from content.stats.literacy import item_flags  # noqa: F401 (the item analysis' notes)
        from content.stats.models import AgencyHeadcount, NationalIndex
        from content.training.models import Attendance, Registration, SessionPage

        permissions.declare(*stats_permissions.GROUPS)
        # The records behind the figures (people: "registered on the platform" counts them by
        # their current agency): a change makes every cached figure stale.
        behind_the_figures = (
            Attendance,
            Registration,
            Attempt,
            Certificate,
            AgencyHeadcount,
            NationalIndex,
            SessionPage,
            User,
            # The report desk's figures (desk.py); a deleted fact-check page is announced by
            # the page cache (page_cache._page_deleted), its publishing below.
            Case,
            Report,
            FactCheckPage,
        )
        # A login writes the user's last_login, and issuing stores the certificate's PDF after
        # its row: neither changes a figure. Nor do a case's texts, status, officer or the
        # partner's note, or a reporter's contact (and its erasure).
        unseen = {
            User: ("last_login",),
            Certificate: ("pdf",),
            Case: CASE_FIELDS_UNSEEN,
            Report: REPORT_FIELDS_UNSEEN,
        }
        for model in behind_the_figures:
            ignore = unseen.get(model, ())
            page_cache.invalidate_on_change(model, scope=cache.SCOPE, ignore_fields=ignore)
            records_changed.connect(
                _refresh_after_commit(ignore, warming),
                sender=model,
                weak=False,
                dispatch_uid=f"stats-refresh:{model._meta.label}",
            )
        from django.db.models.signals import post_delete, post_save

        from content.quizzes.models import Answer, Question
        from content.quizzes.models.self_assessment import Rating, SelfAssessmentResponse

        _listen_for_literacy(
            tasks,
            announced=(Attempt, Answer, Rating, SelfAssessmentResponse),
            questions=Question,
            signals=(post_save, post_delete),
        )
        # A case counts as turned into a fact-check while its page is live: publishing and
        # unpublishing one (Wagtail's page signals; its saves are not announced) are news.
        fact_check_news = _fact_check_news(page_cache, cache.SCOPE, warming)
        page_published.connect(
            fact_check_news, sender=FactCheckPage, weak=False, dispatch_uid="stats-fact-check-live"
        )
        page_unpublished.connect(
            fact_check_news, sender=FactCheckPage, weak=False, dispatch_uid="stats-fact-check-off"
        )


CASE_FIELDS_UNSEEN = (
    "summary",
    "status",
    "reject_reason",
    "public_answer",
    "closed_at",
    "assigned_to",
    "reported_person",
    "forwarded_by",
    "partner_outcome",
    "partner_note",
    "partner_outcome_at",
)
REPORT_FIELDS_UNSEEN = ("contact_email", "contact_phone", "contact_consent", "contact_erased_at")


def _fact_check_news(page_cache, scope, warming):
    def changed(sender, **kwargs):
        page_cache.invalidate(scope)
        transaction.on_commit(warming.schedule_refresh)

    return changed


def _refresh_after_commit(ignore_fields, warming):
    """A receiver of the announcements (changes.records_changed) that, once the write commits,
    has the task worker compute the figures again (`warming.schedule_refresh`, looked up at
    each write); writes of only `ignore_fields` are skipped."""

    def changed(sender, fields=None, **kwargs):
        if not skipped(fields, ignore_fields):
            transaction.on_commit(warming.schedule_refresh)

    return changed


# Writes of an answer that only save what a participant chose, while the attempt is open: the
# index reads finished attempts, whose scoring writes `points` (and the attempt's status).
ANSWER_FIELDS_UNSEEN = ("chosen", "answered_at", "option_order")


def _listen_for_literacy(tasks, *, announced, questions, signals):
    """Queue the literacy index's calibration (debounced, in the task worker) when what it
    reads changes: attempts and their answers, self-assessment ratings, and questions (a
    pillar set or changed; Question is page-like content that does not announce its saves, so
    its own post_save is heard)."""
    for model in announced:
        unseen = ANSWER_FIELDS_UNSEEN if model._meta.model_name == "answer" else ()
        records_changed.connect(
            _after_commit(tasks.schedule_literacy_calibration, unseen),
            sender=model,
            weak=False,
            dispatch_uid=f"stats-literacy:{model._meta.label}",
        )

    def question_changed(sender, update_fields=None, raw=False, **kwargs):
        if not raw:
            transaction.on_commit(tasks.schedule_literacy_calibration)

    for signal in signals:
        signal.connect(
            question_changed,
            sender=questions,
            weak=False,
            dispatch_uid=f"stats-literacy:{questions._meta.label}:{signal is signals[0]}",
        )


def _after_commit(schedule, ignore_fields):
    def changed(sender, fields=None, **kwargs):
        if not skipped(fields, ignore_fields):
            transaction.on_commit(schedule)

    return changed
