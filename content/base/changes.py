"""What changed, said by the code that changed it: the one signal the caches listen to.

The page cache (page_cache.invalidate_on_change) and the statistics refresh (stats/apps.py)
hear of writes through `records_changed` only, sent by `recorded(Model, ...)`. Three doors
send it, and between them every write of a watched model goes through one:

- `AnnouncedModel` (base/models/announced.py): a model whose rows feed a cache says so in its
  own save() and delete() (a delete names every model its cascade emptied). Services, the
  admin's viewsets and snippets, Django's admin and the tests' factories all write through
  save(), so none of them can forget; Django's model signals are not needed for it.
- `NotifyingQuerySet`: `update()`, `bulk_create()` and `bulk_update()` (imports, merges,
  regrouping) call no save(); such a queryset announces once per call (per batch for
  bulk_update). A queryset `delete()` is announced by the service that makes it (e.g. the
  quizzes' merge), as it deletes what it chose to.
- A service that writes without save() or a NotifyingQuerySet (the check-in's single-statement
  insert, training/services/attendance.py) calls `recorded(...)` itself.

Models Lentera does not own are announced by their owner: Wagtail's page signals (publish,
unpublish, move, delete) stay the page cache's news of pages, and the rows only Wagtail's and
Django's own screens write (sites, view restrictions) are passed on from their model signals
by `announce_saves_of(...)`. Those, and a deleted page passed on to its page type's listeners
(page_cache.py: session pages feed the figures), are the only model signals turned into
announcements.

Why sent at once and not on commit: a listener bumps a generation, as it did when it heard
post_save, at the same moment; a listener with work that must wait for the commit defers it
itself (the statistics refresh queues its task with transaction.on_commit). Sending on commit
would also leave unheard every write the tests make inside their transaction.
"""

from django.apps import apps
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal

# sender: the model; fields: the frozenset of fields written, or None for whole rows (added,
# saved whole or deleted); instances: the rows, when known (a bulk write names none); created:
# the rows were added. Cached per sender, as Django's model signals are: every save of an
# AnnouncedModel sends it, most to no listener.
records_changed = Signal(use_caching=True)


def recorded(model, *, fields=None, instances=(), created=False):
    """Announce a write of `model` rows: `fields` written (None: whole rows), the `instances`
    when known, `created` when they are new rows. A proxy's write is announced as its concrete
    model's (an admin screen's Participant is a User): listeners name the table's model."""
    records_changed.send(
        sender=model._meta.concrete_model,
        fields=None if fields is None else frozenset(fields),
        instances=tuple(instances),
        created=created,
    )


def deleted(counts):
    """Announce a delete from Django's answer to it, {model label: rows}: the model deleted and
    every model its cascade reached."""
    for label, rows in counts.items():
        if rows:
            recorded(apps.get_model(label))


class NotifyingQuerySet(models.QuerySet):
    # bulk_update() needs nothing of its own: Django writes each batch with update().

    def update(self, **kwargs):
        rows = super().update(**kwargs)
        if rows:
            recorded(self.model, fields=kwargs)
        return rows

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            # With ignore_conflicts no row may have gone in; a needless invalidation is cheap.
            recorded(self.model, created=True)
        return created

    bulk_create.alters_data = True


def announce_saves_of(model):
    """Pass a model's post_save and post_delete on as announcements: for the rows that only
    Wagtail's or Django's own code writes (sites, view restrictions), whose signals are their
    owner's announcement."""

    def saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
        recorded(sender, fields=update_fields, instances=(instance,), created=created)

    def removed(sender, instance, **kwargs):
        recorded(sender, instances=(instance,))

    uid = f"changes:{model._meta.label}"
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(removed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")


def skipped(fields, ignore_fields):
    """True when a write touched only fields no cache shows (`update_fields` of a save, or the
    fields of a bulk write); None means whole rows, never skipped."""
    return bool(fields) and set(fields) <= set(ignore_fields)
