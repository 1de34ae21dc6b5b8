"""A draft session made for the organizer by another screen (the literacy index's "where to aim":
a session for the agencies weakest on a pillar). The page is created as Wagtail's create view
makes it: not live, with a first revision, logged; the organizer opens its edit page, sets the
date and venue, and publishes it. Nothing is published here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Page

from content.base.errors import NotAllowed
from content.training.models import SessionIndexPage, SessionMode, SessionPage


def session_parent():
    """The sessions section new sessions go under (/sesi/), or None."""
    return SessionIndexPage.objects.order_by("path").first()


def may_add_session(user, parent=None):
    """Whether `user` may create a session page (Wagtail's page permissions on the section)."""
    parent = parent if parent is not None else session_parent()
    if parent is None or user is None or not user.is_authenticated:
        return False
    return parent.permissions_for_user(user).can_add_subpage()


def next_working_day(today):
    day = today + datetime.timedelta(days=1)
    while day.weekday() >= 5:  # Saturday, Sunday
        day += datetime.timedelta(days=1)
    return day


def session_draft_create(
    *,
    by,
    key,
    title,
    description,
    agencies,
    topic=None,
    date,
    start_time=datetime.time(9, 0),
    end_time=datetime.time(11, 0),
    venue="Akan ditentukan",
    parent=None,
):
    """Create a draft session under the sessions section: (page, created). `key` names the
    request (a one-time token from the form that asked): the page's slug is made from it, and
    the section is locked while looking for it, so a doubled or concurrent request with the same
    key returns the first draft instead of a second one."""
    parent = parent if parent is not None else session_parent()
    if parent is None:
        raise NotAllowed("Bagian sosialisasi (/sesi/) belum ada.")
    if not may_add_session(by, parent):
        raise NotAllowed("Hanya penyelenggara yang boleh membuat sosialisasi.")
    slug = f"draf-{key}"[:255]
    with transaction.atomic():
        # Two requests with the same key queue here; the second finds the first's page.
        Page.objects.select_for_update().filter(pk=parent.pk).first()
        existing = SessionPage.objects.child_of(parent).filter(slug=slug).first()
        if existing is not None:
            return existing, False
        parent = Page.objects.get(pk=parent.pk).specific  # fresh tree fields (numchild)
        page = SessionPage(
            title=title,
            slug=slug,
            description=description,
            topic=topic,
            date=date,
            start_time=start_time,
            end_time=end_time,
            mode=SessionMode.OFFLINE,
            venue=venue,
            live=False,
            owner=by,
        )
        page.agencies = list(agencies)
        try:
            with transaction.atomic():
                parent.add_child(instance=page)
        except ValidationError as clash:
            # Without the row lock (SQLite ignores select_for_update), the other request may
            # have made it in between: Wagtail's sibling-slug check names the clash.
            existing = SessionPage.objects.child_of(parent).filter(slug=slug).first()
            if existing is None or "slug" not in getattr(clash, "message_dict", {}):
                raise
            return existing, False
        page.save_revision(user=by, log_action=True, clean=False)
    return page, True
