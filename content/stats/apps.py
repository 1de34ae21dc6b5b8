from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_delete, post_save

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
            cache,
            tasks,  # noqa: F401 (registers its background tasks)
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
            receiver = _refresh_after_commit(ignore)
            uid = f"stats-refresh:{model._meta.label}"
            post_save.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}:save")
            post_delete.connect(receiver, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
            records_changed.connect(
                _bulk(receiver), sender=model, weak=False, dispatch_uid=f"{uid}:bulk"
            )


def _refresh_after_commit(ignore_fields):
    """A receiver that, once the write commits, has the task worker compute the figures again
    (warming.py); saves of only `ignore_fields` are skipped."""

    def changed(sender, update_fields=None, **kwargs):
        if skipped(update_fields, ignore_fields):
            return
        from content.stats import warming

        transaction.on_commit(warming.schedule_refresh)

    return changed


def _bulk(receiver):
    """The same receiver for changes.records_changed, which names the fields `fields`."""

    def bulk_changed(sender, fields, **kwargs):
        receiver(sender, update_fields=fields)

    return bulk_changed
