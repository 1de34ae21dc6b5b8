"""A page cache for anonymous visitors that the writes which change a page invalidate at once.

Every cached response is stored under a key that includes a *generation* number kept in the
shared cache (generations.py). Publishing, unpublishing, moving or deleting a page bumps it
(Wagtail's page signals), and so does every announced write (changes.py: saves, deletes and bulk
writes) of a model an app registered from its ``AppConfig.ready()``:

    page_cache.invalidate_on_change(Topic)      # topics appear on many pages

so every page rendered before is ignored from that moment on, in every web process sharing the
cache: listings, tag pages, feeds and the sitemap included, with no need to work out which URLs
a change touched. Stale entries simply expire.

Some figures change often without a publish (seats taken on /sesi/). Bumping the generation for
each registration would empty the whole cache at every click, so they get a *scope*: a second
generation counter, bumped by the models registered for it

    page_cache.invalidate_on_change(Registration, scope="sessions")

and a view that shows such a figure says so with ``depends_on(request, "sessions")``. Its cached
copy records the scope's generation and is ignored once the scope moves on. A view whose content
changes with the clock (a session starting) calls ``fresh_until(request, moment)``.

A copy is keyed on the path and the query parameters the page *declares* it reads, never the
raw query string: otherwise `?x=1`, `?x=2`... would each render and store a fresh copy, and
anyone could empty the cache or load the server with a loop. A page type declares its
parameters (`query_params` on the page class, applied by the `before_serve_page` hook in
base/wagtail_hooks.py), a function view with `@page_cache.query_params("q", "halaman")`. While a
request may be stored, the view sees only what it declared (request.GET and QUERY_STRING are
cut down to those, keys sorted), so a copy never holds an undeclared parameter, e.g. in a
pagination link, and an undeclared parameter can never change what is stored. The names a path
declared are remembered per generation, so the next request with unknown parameters finds the
copy without a render.

Logged-in users (anyone with a session cookie) never get the anonymous copy, and no response that
sets a cookie, uses a CSRF token or asks not to be cached is stored. Plain readers (logged-in
participants) get a copy of their own kind, with their personal parts filled in per request:
see reader_cache.py, which keys its copies on the same generations.

This module holds what the views and the two caches share; the middleware that serves the
copies (page_cache_middleware.py) sits above it, reader_cache.py and routing.py.
"""

import functools
import hashlib
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db.models.signals import post_delete
from django.http import QueryDict
from django.utils import timezone
from django.utils.connection import ConnectionProxy
from django.utils.encoding import escape_uri_path
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from content.base import changes
from content.base.generations import (  # callers may name them here
    current_generation,
    invalidate,
    register_scope,
)

# The copies and lookups keyed on a generation: each process keeps what it read (local_first.py).
copies = ConnectionProxy(caches, "pages")

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
# Every model registered with invalidate_on_change (a test checks their writes are announced).
_watched_models = set()


def invalidate_on_change(model, *, scope=None, when=None, ignore_fields=()):
    """A write of `model` rows, as announced (changes.records_changed), invalidates every cached
    page, or only the pages that depend on `scope`. `when(instance, created)` may skip saves
    that change nothing visible (a write naming no rows always counts), and a write of only
    `ignore_fields` (e.g. a user's last_login at every login) is skipped."""

    def changed(sender, fields=None, instances=(), created=False, **kwargs):
        if changes.skipped(fields, ignore_fields):
            return
        if when is None or not instances or any(when(row, created) for row in instances):
            invalidate(scope)

    _watched_models.add(model)
    register_scope(scope)
    uid = f"page-cache:{model._meta.label}:{scope}"
    changes.records_changed.connect(changed, sender=model, weak=False, dispatch_uid=uid)


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
    # Wagtail's news of a deleted page is the model signal; its page type's listeners (the
    # statistics count session pages) hear it as an announcement, cascades included.
    page_type = instance.specific_class
    if page_type is not None and page_type is not Page:
        changes.recorded(page_type, instances=(instance,))


@dataclass
class Notes:
    """What the view said about the page it rendered: scopes it shows, and until when."""

    scopes: dict = field(default_factory=dict)
    until: object = None
    query_names: set = field(default_factory=set)


_NOTES_ATTRIBUTE = "_page_cache_notes"


def take_notes(request):
    """Start noting what the view rendering `request` says about its page (depends_on,
    fresh_until, use_query)."""
    notes = Notes()
    setattr(request, _NOTES_ATTRIBUTE, notes)
    return notes


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


def is_cacheable_request(request):
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        # Pending flash messages must be shown, not hidden behind a cached copy.
        and "messages" not in request.COOKIES
        and not request.path.startswith(EXCLUDED_PREFIXES)
    )


def is_cacheable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
    )


def timeout_for(notes, seconds=None):
    timeout = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    if notes.until is not None:
        timeout = min(timeout, math.floor((notes.until - timezone.now()).total_seconds()))
    return timeout


# Query parameters --------------------------------------------------------------------------

_FULL_QUERY_ATTRIBUTE = "_page_cache_full_query"


def canonical_query(query, names):
    """`query` (a QueryDict) cut down to `names`: keys sorted, each key's values in their order,
    so the same parameters in another order or beside unknown ones give the same copy."""
    kept = QueryDict(mutable=True)
    for name in sorted(set(names) & set(query)):
        kept.setlist(name, query.getlist(name))
    kept._mutable = False
    return kept


def _expose(request, query):
    """What the view reads as the request's query: request.GET and the QUERY_STRING that
    get_full_path() and Django's own code read."""
    request.GET = query
    request.META["QUERY_STRING"] = query.urlencode()


def use_query(request, *names):
    """The page being rendered reads these query parameters (and no other). While the request
    may be stored, it sees only the ones it declared; otherwise nothing changes."""
    full = getattr(request, _FULL_QUERY_ATTRIBUTE, None)
    notes = getattr(request, _NOTES_ATTRIBUTE, None)
    if full is not None and notes is not None:
        notes.query_names.update(names)
        _expose(request, canonical_query(full, notes.query_names))
    return request.GET


def query_params(*names):
    """Decorator of a function view that reads the query parameters `names` (use_query)."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            use_query(request, *names)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


class PageQuery:
    """A request that may be stored: its full query kept aside while the view runs with only
    the parameters it declares, and the key parts that depend on them."""

    def __init__(self, request, generation, kind):
        self.request = request
        self.full = request.GET
        self.query_string = request.META.get("QUERY_STRING", "")
        location = f"{request.scheme}://{request.get_host()}{escape_uri_path(request.path)}"
        self.location = location
        digest = hashlib.sha256(location.encode()).hexdigest()
        self.names_key = f"page-query-names:{generation}:{digest}"
        self.prefix = f"page-cache:{generation}:{kind}:{request.method}"

    def names(self):
        """The names the path's view declared (remembered), or None when not known yet. A
        request without a query needs none: its key is the same whatever they are."""
        if not self.full:
            return ()
        return copies.get(self.names_key)

    def key(self, names):
        query = canonical_query(self.full, names).urlencode()
        digest = hashlib.sha256(f"{self.location}?{query}".encode()).hexdigest()
        return f"{self.prefix}:{digest}"

    def __enter__(self):
        setattr(self.request, _FULL_QUERY_ATTRIBUTE, self.full)
        _expose(self.request, QueryDict())
        return self

    def __exit__(self, *exc_info):
        # Middleware outside this one (and Wagtail's redirects, on a 404) read the real query.
        delattr(self.request, _FULL_QUERY_ATTRIBUTE)
        self.request.GET = self.full
        self.request.META["QUERY_STRING"] = self.query_string

    def remember(self, notes, timeout):
        """Keep the names the view declared, so the next request finds the copy unrendered."""
        names = sorted(notes.query_names)
        copies.set(self.names_key, names, timeout)
        return self.key(names)
