"""Rendered pages for logged-in readers: one shared copy per page and generation, with the
personal parts filled in for each request.

The anonymous page cache (page_cache.py) serves visitors without a session. Participants who
logged in would otherwise pay for a full render of every page although almost all of it is the
same for everyone: only a few parts are theirs (a CSRF token in a form, their registration on a
session page). So for a *plain reader* (logged in, active, no staff flag and no permission at
all: nothing of the admin, no Wagtail user bar, no organizer tools) a page that says it may be
shared is rendered once with markers in place of its personal parts, stored under the same
generation (and scopes, and fresh-until moment) as the anonymous copy, and every later request
only fills the markers in:

    {% personal "training.registration" session_id=page.pk status=status.0 %}

renders the part registered under that name, `renderer(request, **arguments)`, right away when
nothing is captured, and a marker plus a note of the name and arguments when the page is being
captured. The arguments are stored with the copy, so they must be plain values (numbers,
strings, None). `{% csrf_token %}` needs no tag: a captured page gets a marker as its token.

A page opts in with ``share_with_readers(request, page)`` from the view that renders it, and
only its main view may: a route that shows someone's own records must not. Pages with a view
restriction, on themselves or an ancestor, are never shared. A request with pending messages,
or a response that sets a cookie, uses a real CSRF token or asks not to be cached, is rendered
and sent as usual and not stored.

The markers carry a random token per captured copy, so text in a page can never be taken for
one.
"""

import re
import secrets
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.db.models.signals import m2m_changed
from django.middleware.csrf import get_token
from django.utils.safestring import mark_safe

from content.base import page_cache, routing
from content.base.generations import current_generation, invalidate, still_fresh

_CAPTURE_ATTRIBUTE = "_reader_cache_capture"
_RENDERERS = {}
_CSRF = "csrf"
READER_HIT = "reader-hit"
READER_MISS = "reader-miss"


def personal_part(name):
    """Register `renderer(request, **arguments) -> str` as the personal part `name`."""

    def register(renderer):
        _RENDERERS[name] = renderer
        return renderer

    return register


personal_part(_CSRF)(lambda request: get_token(request))


@dataclass
class _Capture:
    token: str = field(default_factory=lambda: f"lnt{secrets.token_hex(8)}")
    holes: list = field(default_factory=list)
    shared: bool = False

    def hole(self, name, arguments):
        self.holes.append((name, arguments))
        return mark_safe(f"{self.token}h{len(self.holes) - 1}e")  # noqa: S308 (letters, digits)


def _capture(request):
    return getattr(request, _CAPTURE_ATTRIBUTE, None) if request is not None else None


def render_personal(request, name, arguments):
    """The personal part `name` for this request, or its marker while the page is captured."""
    capture = _capture(request)
    if capture is not None:
        return capture.hole(name, arguments)
    return mark_safe(_RENDERERS[name](request, **arguments))  # noqa: S308 (rendered HTML)


class _CsrfMarker:
    """What `{% csrf_token %}` reads as the token in a captured page: a marker per use."""

    def __init__(self, capture):
        self.capture = capture

    def __bool__(self):
        return True

    def __eq__(self, other):
        return False

    __hash__ = object.__hash__

    def __str__(self):
        return self.capture.hole(_CSRF, {})

    __html__ = __str__


def context_for(request):
    """Context entries a page's get_context adds: the CSRF marker while capturing."""
    capture = _capture(request)
    return {"csrf_token": _CsrfMarker(capture)} if capture is not None else {}


def share_with_readers(request, page):
    """The page being rendered is the same for every plain reader but for its personal parts."""
    capture = _capture(request)
    if capture is None:
        return
    if page.alias_of_id is None and not routing.may_be_restricted(page):
        capture.shared = True


def _timeout_seconds():
    return settings.READER_CACHE_SECONDS


def is_plain_reader(user):
    """Logged in and allowed nothing beyond reading and taking part: no staff flag, no group,
    no permission. Two queries (the user's and their groups' permissions); serve() keeps the
    answer per user under the generation, which a change of groups or permissions moves on."""
    if not user.is_authenticated or not user.is_active or user.is_staff or user.is_superuser:
        return False
    return not user.get_all_permissions()


def _plain_reader_key(generation, user):
    return f"page-data:{generation}:plain-reader:{user.pk}"


def remembered_plain_reader(user, generation=None, found=None):
    """is_plain_reader(user), kept per user under the page cache's generation: a cache read
    instead of two permission queries. `found` may hold the key already read with others."""
    key = _plain_reader_key(generation or current_generation(), user)
    plain = found.get(key) if found is not None else page_cache.copies.get(key)
    if plain is None:
        plain = is_plain_reader(user)
        page_cache.copies.set(key, plain, _timeout_seconds())
    return plain


def known_plain_reader(request):
    """True when serve() found the request's user to be a plain reader (no permission at all),
    so a personal part may skip permission checks."""
    return getattr(request, "_plain_reader", False)


def _permissions_changed(sender, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        invalidate()


def connect_permission_signals():
    """Groups and permissions given or taken move the generation on: who is a plain reader is
    kept under it."""
    user_model = get_user_model()
    for through in (
        user_model.groups.through,
        user_model.user_permissions.through,
        Group.permissions.through,
    ):
        m2m_changed.connect(
            _permissions_changed,
            sender=through,
            weak=False,
            dispatch_uid=f"reader-cache:{through._meta.label}",
        )


def _is_candidate(request):
    return (
        _timeout_seconds() > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path.startswith(page_cache.EXCLUDED_PREFIXES)
    )


def _fill(content, token, holes, request):
    pieces = re.split(f"{token}h([0-9]+)e".encode(), content)
    for index in range(1, len(pieces), 2):
        name, arguments = holes[int(pieces[index])]
        pieces[index] = str(_RENDERERS[name](request, **arguments)).encode()
    return b"".join(pieces)


def serve(request, get_response):
    """The response for a request the anonymous cache does not take (see the module's doc)."""
    if not _is_candidate(request):
        return get_response(request)
    user = request.user
    if not user.is_authenticated or not user.is_active or user.is_staff or user.is_superuser:
        return get_response(request)
    generation = current_generation()
    query = page_cache.PageQuery(request, generation, "reader")
    # One round trip for the usual request without a query, whose key needs no names.
    plain_key, bare_key = _plain_reader_key(generation, user), query.key(())
    found = page_cache.copies.get_many([plain_key] if query.full else [plain_key, bare_key])
    plain = remembered_plain_reader(user, generation, found)
    if not plain:
        return get_response(request)
    request._plain_reader = True  # their parts need not ask for permissions again
    # Flash messages are shown once, in the page: not from (or into) a shared copy.
    if len(get_messages(request)):
        return get_response(request)
    cached = found.get(bare_key)
    if query.full and (names := query.names()) is not None:
        cached = page_cache.copies.get(query.key(names))
    if cached is not None and still_fresh(cached[0]):
        _scopes, token, holes, response = cached
        response.content = _fill(response.content, token, holes, request)
        response[page_cache.CACHE_HEADER] = READER_HIT
        return response

    capture = _Capture()
    notes = page_cache.take_notes(request)
    setattr(request, _CAPTURE_ATTRIBUTE, capture)
    try:
        with query:
            response = get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
    finally:
        delattr(request, _CAPTURE_ATTRIBUTE)
    if (
        capture.shared
        and page_cache.is_cacheable_response(request, response)
        and (timeout := page_cache.timeout_for(notes, _timeout_seconds())) > 0
    ):
        key = query.remember(notes, timeout)
        page_cache.copies.set(key, (notes.scopes, capture.token, capture.holes, response), timeout)
        response[page_cache.CACHE_HEADER] = READER_MISS
    if capture.holes and not response.streaming:
        response.content = _fill(response.content, capture.token, capture.holes, request)
    return response
