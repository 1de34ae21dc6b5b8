from django.conf import settings
from django.db import models

from content.base.changes import NotifyingQuerySet
from content.base.models.announced import AnnouncedModel


class OperationalRecord(AnnouncedModel):
    """Rows written while the platform is used (registrations, attendance, attempts,
    certificates), as opposed to page content.

    Content never references them, so they stay out of Wagtail's reference index, which would
    otherwise add index writes to every check-in or quiz answer.
    """

    wagtail_reference_index_ignore = True

    # Saves, deletes and bulk writes (imports, merges, regrouping) are announced: changes.py.
    objects = NotifyingQuerySet.as_manager()

    class Meta:
        abstract = True


class ChangeLogRecord(OperationalRecord):
    """A row of a log of changes (attendance corrections, identity changes): who made the
    change and when. Logs are written by services only and never edited."""

    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diubah oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField("waktu", auto_now_add=True)

    class Meta:
        abstract = True
