from django.apps import AppConfig
from django.db import transaction

from content.base.changes import records_changed, skipped


class StatsConfig(AppConfig):
    name = "content.stats"
    label = "stats"
    verbose_name = "Statistik"

    def ready(self):
        from content.base import page_cache, permissions
        from content.certificates.models import Certificate
        from content.people.models import User
        from content.quizzes.models import Attempt
        from content.stats import (
            # The screens register the figures the task worker computes again after a
            # change (warming.register): imported here, so the worker knows them too.
            admin_dashboard,  # noqa: F401
            admin_reports,  # noqa: F401
            cache,
            tasks,  # noqa: F401 (registers its background tasks)
            warming,
        )
        from content.stats import permissions as stats_permissions
        from content.stats.models import AgencyHeadcount
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
            SessionPage,
            User,
        )
        # A login writes the user's last_login, and issuing stores the certificate's PDF after
        # its row: neither changes a figure.
        unseen = {User: ("last_login",), Certificate: ("pdf",)}
        for model in behind_the_figures:
            ignore = unseen.get(model, ())
            page_cache.invalidate_on_change(model, scope=cache.SCOPE, ignore_fields=ignore)
            records_changed.connect(
                _refresh_after_commit(ignore, warming),
                sender=model,
                weak=False,
                dispatch_uid=f"stats-refresh:{model._meta.label}",
            )


def _refresh_after_commit(ignore_fields, warming):
    """A receiver of the announcements (changes.records_changed) that, once the write commits,
    has the task worker compute the figures again (`warming.schedule_refresh`, looked up at
    each write); writes of only `ignore_fields` are skipped."""

    def changed(sender, fields=None, **kwargs):
        if not skipped(fields, ignore_fields):
            transaction.on_commit(warming.schedule_refresh)

    return changed
