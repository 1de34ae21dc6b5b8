"""Every model whose rows a cache shows tells it of bulk writes too (content/base/changes.py)."""

import pytest
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, PageViewRestriction, Site

from content.base import page_cache
from content.base.changes import NotifyingQuerySet, records_changed
from content.training.models import Attendance

# Written through Wagtail's own screens and models, never in bulk by Lentera's code.
WAGTAIL_WRITES = (Page, Site, PageViewRestriction, BaseSiteSetting)


def test_every_watched_model_tells_the_caches_of_bulk_writes():
    watched = page_cache.watched_models()
    assert Attendance in watched  # the registry is filled (by stats' ready())
    unheard = [
        model._meta.label
        for model in watched
        if not issubclass(model, WAGTAIL_WRITES)
        and not issubclass(model._default_manager._queryset_class, NotifyingQuerySet)
    ]
    assert unheard == []


@pytest.mark.django_db
def test_bulk_writes_send_one_signal_naming_their_fields(sessions):
    from tests.factories.people import ParticipantFactory
    from tests.factories.training import SessionPageFactory, mark_attendance

    heard = []

    def listener(sender, fields, **kwargs):
        heard.append((sender, fields))

    records_changed.connect(listener, sender=Attendance)
    try:
        session = SessionPageFactory(parent=sessions)
        people = [ParticipantFactory() for _ in range(3)]
        rows = [mark_attendance(session, person) for person in people]
        heard.clear()  # mark_attendance saves one by one: post_save, not this signal

        assert Attendance.objects.filter(session=session).update(status="terlambat") == 3
        assert Attendance.objects.filter(session=session, status="hadir").update(method="qr") == 0
        Attendance.objects.bulk_update(rows, ["status"])
        Attendance.objects.filter(session=session).delete()
        Attendance.objects.bulk_create(rows)
    finally:
        records_changed.disconnect(listener, sender=Attendance)

    assert heard == [
        (Attendance, frozenset({"status"})),  # the update that changed nothing sent nothing
        (Attendance, frozenset({"status"})),
        (Attendance, None),
    ]
