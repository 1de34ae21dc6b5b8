"""Telling caches about writes that Django sends no post_save for.

`QuerySet.update()`, `bulk_create()` and `bulk_update()` write many rows at once and send no
model signal, so the page cache and the statistics never heard of an attendance list imported
from paper, of records moved by a merge, or of a group changed from an effective date. Models
whose rows feed a cache use `NotifyingQuerySet`: they send `records_changed` once per call
(per batch for bulk_update), and `page_cache.invalidate_on_change` (and any other listener)
hears it as it hears post_save. Deleting through a queryset needs nothing: while a post_delete
receiver is connected, Django deletes row by row and sends post_delete for each.
"""

from django.db import models
from django.dispatch import Signal

# sender: the model; fields: the frozenset of fields written, or None when whole rows were added.
records_changed = Signal()


class NotifyingQuerySet(models.QuerySet):
    # bulk_update() needs nothing of its own: Django writes each batch with update().

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            records_changed.send(sender=self.model, fields=frozenset(kwargs))
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            # With ignore_conflicts no row may have gone in; a needless invalidation is cheap.
            records_changed.send(sender=self.model, fields=None)
        return created

    bulk_create.alters_data = True


def skipped(fields, ignore_fields):
    """True when a write touched only fields no cache shows (`update_fields` of a save, or the
    fields of a bulk write); None means whole rows, never skipped."""
    return bool(fields) and set(fields) <= set(ignore_fields)
