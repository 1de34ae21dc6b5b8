"""A page cache for anonymous visitors that the writes which change a page invalidate at once.

Every cached response is stored under a key that includes a *generation* number kept in the
shared cache. Publishing, unpublishing, moving or deleting a page bumps it, and so does saving
any model an app registered from its ``AppConfig.ready()``:

    page_cache.invalidate_on_change(Topic)      # topics appear on many pages

(a bulk write counts too, when the model's queryset is changes.NotifyingQuerySet), so every
page rendered before is ignored from that moment on, in every web process sharing the cache:
listings, tag pages, feeds and the sitemap included, with no need to work out which URLs a
change touched. Stale entries simply expire.

Some figures change often without a publish (seats taken on /sesi/). Bumping the generation for
each registration would empty the whole cache at every click, so they get a *scope*: a second
generation counter, bumped by the models registered for it

    page_cache.invalidate_on_change(Registration, scope="sessions")

and a view that shows such a figure says so with ``depends_on(request, "sessions")``. Its cached
copy records the scope's generation and is ignored once the scope moves on. A view whose content
changes with the clock (a session starting) calls ``fresh_until(request, moment)``.

Logged-in users (anyone with a session cookie) never get the anonymous copy, and no response that
sets a cookie, uses a CSRF token or asks not to be cached is stored. Plain readers (logged-in
participants) get a copy of their own kind, with their personal parts filled in per request:
see reader_cache.py, which keys its copies on the same generations.
"""

import hashlib
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.base.changes import records_changed, skipped

CACHE_HEADER = "X-Lentera-Cache"
# Only the public site is cached; these prefixes are never. The check-in's (the QR code's /P/
# and the typed code's /presensi/) answer each person differently and must not cost a query.
EXCLUDED_PREFIXES = (
    "/admin/",
    "/akun/",
    "/documents/",
    "/static/",
    "/media/",
    "/P/",
    "/p/",
    "/presensi/",
)
_GENERATION_KEY = "page-cache:generation"
# Every model registered with invalidate_on_change (a test checks their bulk writes are heard).
_watched_models = set()


def _generation_key(scope):
    return f"{_GENERATION_KEY}:{scope}" if scope else _GENERATION_KEY


def current_generation(scope=None):
    key = _generation_key(scope)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, 1, timeout=None)
        generation = cache.get(key, 1)
    return generation


def invalidate(scope=None, **kwargs):
    """Bump a generation: every cached page (or every page depending on `scope`) is stale."""
    key = _generation_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 2, timeout=None)


def invalidate_on_change(model, *, scope=None, when=None, ignore_fields=()):
    """Saving or deleting a `model` row invalidates every cached page, or only the pages that
    depend on `scope`. `when(instance, created)` may skip saves that change nothing visible, and
    a save of only `ignore_fields` (e.g. a user's last_login at every login) is skipped."""

    def changed(sender, instance, created=False, update_fields=None, **kwargs):
        if skipped(update_fields, ignore_fields):
            return
        if when is None or when(instance, created):
            invalidate(scope)

    def bulk_changed(sender, fields, **kwargs):
        # No instance to ask `when` about: a bulk write always counts.
        if not skipped(fields, ignore_fields):
            invalidate(scope)

    _watched_models.add(model)
    uid = f"page-cache:{model._meta.label}:{scope}"
    post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:save")
    post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}:delete")
    records_changed.connect(bulk_changed, sender=model, weak=False, dispatch_uid=f"{uid}:bulk")


def watched_models():
    return frozenset(_watched_models)


def connect_page_signals():
    page_published.connect(invalidate, dispatch_uid="page-cache-published")
    page_unpublished.connect(invalidate, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="page-cache-moved")
    # Deleting a page of any type deletes its wagtailcore.Page row, which sends this signal.
    post_delete.connect(_page_deleted, sender=Page, dispatch_uid="page-cache-deleted")


def _page_deleted(sender, instance, **kwargs):
    if instance.live:
        invalidate()


@dataclass
class _Notes:
    """What the view said about the page it rendered: scopes it shows, and until when."""

    scopes: dict = field(default_factory=dict)
    until: object = None


_NOTES_ATTRIBUTE = "_page_cache_notes"


def depends_on(request, *scopes):
    """The page being rendered shows figures of these scopes. Call it before reading them: a
    write made after this call makes the cached copy stale."""
    notes = getattr(request, _NOTES_ATTRIBUTE, None)
    if notes is not None:
        for scope in scopes:
            notes.scopes.setdefault(scope, current_generation(scope))


def fresh_until(request, moment):
    """The page being rendered changes by itself at `moment` (a status that follows the clock)."""
    notes = getattr(request, _NOTES_ATTRIBUTE, None)
    if notes is not None and moment is not None:
        notes.until = moment if notes.until is None else min(notes.until, moment)


def _is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Pending flash messages must be shown, not hidden behind a cached copy.
        and "messages" not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def _is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


def _timeout(notes, seconds=None):
    timeout = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    if notes.until is not None:
        timeout = min(timeout, math.floor((notes.until - timezone.now()).total_seconds()))
    return timeout


def _still_fresh(scopes):
    if not scopes:
        return True
    keys = {_generation_key(scope): generation for scope, generation in scopes.items()}
    return cache.get_many(list(keys)) == keys


def _key(request, generation):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{generation}:{request.method}:{digest}"


class AnonymousPageCacheMiddleware:
    """The anonymous page cache; requests it does not take go to the reader cache
    (reader_cache.py), which serves logged-in readers a shared copy with their own parts."""

    def __init__(self, get_response):
        from content.base import reader_cache

        self.get_response = get_response
        self.reader_cache = reader_cache

    def __call__(self, request):
        from content.base import routing

        if not request.path.startswith(EXCLUDED_PREFIXES):
            routing.attach_site(request)
        if not _is_cacheable_request(request):
            return self.reader_cache.serve(request, self.get_response)
        key = _key(request, current_generation())
        cached = cache.get(key)
        if cached is not None and _still_fresh(cached[0]):
            response = cached[1]
            response[CACHE_HEADER] = "hit"
            return response
        notes = _Notes()
        setattr(request, _NOTES_ATTRIBUTE, notes)
        response = self.get_response(request)
        if _is_cacheable_response(request, response) and (timeout := _timeout(notes)) > 0:
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(
                    lambda rendered: cache.set(key, (notes.scopes, rendered), timeout)
                )
            else:
                cache.set(key, (notes.scopes, response), timeout)
            response[CACHE_HEADER] = "miss"
        return response
