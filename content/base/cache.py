"""A page cache for anonymous visitors that publishing invalidates at once.

Every cached response is stored under a key that includes a *generation* number kept in the shared
cache. Publishing, unpublishing, moving or deleting a page (or editing a topic or the site
settings) bumps the generation, so every page rendered before is ignored from that moment on,
in every web process sharing the cache: listings, tag pages, feeds and the sitemap included, with
no need to work out which URLs a change touched. Stale entries simply expire.

Logged-in users (anyone with a session cookie) always get a fresh page, and so does any response
that sets a cookie, uses a CSRF token or asks not to be cached.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

GENERATION_KEY = "page-cache:generation"
CACHE_HEADER = "X-Lentera-Cache"
# Only the public site is cached; these prefixes are never.
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/akun/", "/documents/", "/static/", "/media/")


def current_generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        generation = cache.get(GENERATION_KEY, 1)
    return generation


def invalidate(**kwargs):
    """Bump the generation: every cached page becomes stale at once."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.add(GENERATION_KEY, 2, timeout=None)


def connect_invalidation_signals():
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(invalidate, dispatch_uid="page-cache-published")
    page_unpublished.connect(invalidate, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="page-cache-moved")
    post_delete.connect(_invalidate_on_delete, dispatch_uid="page-cache-deleted")
    post_save.connect(_invalidate_on_shared_content, dispatch_uid="page-cache-shared-saved")


def _invalidate_on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page) and instance.live:
        invalidate()
    else:
        _invalidate_on_shared_content(sender, instance)


def _invalidate_on_shared_content(sender, instance, created=False, **kwargs):
    """Topics and site settings appear on many pages (filters, header, footer)."""
    from wagtail.contrib.settings.models import BaseSiteSetting

    from content.articles.models import Topic

    # Settings rows are created with their defaults on first read: nothing visible changed.
    if isinstance(instance, Topic) or (isinstance(instance, BaseSiteSetting) and not created):
        invalidate()


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


def _key(request, generation):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode()).hexdigest()
    return f"page-cache:{generation}:{request.method}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        generation = current_generation()
        key = _key(request, generation)
        cached = cache.get(key)
        if cached is not None:
            cached[CACHE_HEADER] = "hit"
            return cached
        response = self.get_response(request)
        if _is_cacheable_response(request, response):
            timeout = settings.PAGE_CACHE_SECONDS
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(lambda r: cache.set(key, r, timeout))
            else:
                cache.set(key, response, timeout)
            response[CACHE_HEADER] = "miss"
        return response
