"""The middleware in front of the site's pages: the anonymous page cache, handing the requests
it does not take to the readers' cache (reader_cache.py). It sits above page_cache.py,
reader_cache.py and routing.py, which do not import it.

Two parts, at two places in MIDDLEWARE:

- `PageCopyMiddleware`, right after whitenoise (which serves the static files): it reads every
  generation once for the request (generations.read_for_request: one Redis round trip, the
  only one a cached page costs; a logged-in reader's session is read in it too, sessions.py)
  and serves an anonymous visitor's copy from there, before sessions, locale, CSRF and the
  rest are set up for a request that needs none of them. The copy it serves is the response as
  it left this place when it was rendered: status, headers (X-Frame-Options, Content-Language,
  Vary, Content-Length: what the middleware below added) and body. The middleware above it
  (security, CSP, Permissions-Policy) still runs on every hit.
- `AnonymousPageCacheMiddleware`, last but for axes: renders what was not served, with only the
  query parameters the page declares (page_cache.PageQuery), and notes the key, scopes and
  lifetime of a copy that may be kept; `PageCopyMiddleware` stores it on the way out, unless a
  middleware below set a cookie on it.
"""

from django.http import HttpResponse

from content.base import page_cache, reader_cache, routing, sessions
from content.base.generations import current_generation, end_request, read_for_request, still_fresh

_TO_STORE = "_page_copy_to_store"
# Set per response, never stored with the copy.
_NOT_STORED = {page_cache.CACHE_HEADER.lower(), "set-cookie"}


class PageCopyMiddleware:
    """One read of the generations per request, and the anonymous copies served early."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # A form's POST (a quiz's answers, a registration) reads a generation only if it needs
        # one: no read up front for it.
        if request.method not in ("GET", "HEAD") or request.path.startswith(
            page_cache.EXCLUDED_PREFIXES
        ):
            return self.get_response(request)
        session_key = sessions.prefetch_key(request)
        token = read_for_request(also=(session_key,) if session_key else ())
        try:
            query = self._query(request)
            if query is not None:
                response = self._cached(query)
                if response is not None:
                    return response
            response = self.get_response(request)
            stored = getattr(request, _TO_STORE, None)
            if stored is not None and not response.cookies:
                self._store(response, *stored)
            return response
        finally:
            end_request(token)

    @staticmethod
    def _query(request):
        if not page_cache.is_cacheable_request(request):
            return None
        try:
            return page_cache.PageQuery(request, current_generation(), "anonymous")
        except Exception:  # noqa: BLE001 (a bad Host header: the middleware below answers it)
            return None

    @staticmethod
    def _cached(query):
        names = query.names()
        if names is None:
            return None
        cached = page_cache.copies.get(query.key(names))
        if cached is None or not still_fresh(cached[0]):
            return None
        _scopes, status, headers, content = cached
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response[page_cache.CACHE_HEADER] = "hit"
        return response

    @staticmethod
    def _store(response, key, scopes, timeout):
        headers = [
            (name, value) for name, value in response.items() if name.lower() not in _NOT_STORED
        ]
        copy = (scopes, response.status_code, headers, response.content)
        page_cache.copies.set(key, copy, timeout)


class AnonymousPageCacheMiddleware:
    """Renders the anonymous pages PageCopyMiddleware did not serve, and notes what it may
    store; requests it does not take go to the reader cache (reader_cache.py), which serves
    logged-in readers a shared copy with their own parts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(page_cache.EXCLUDED_PREFIXES):
            routing.attach_site(request)
        if not page_cache.is_cacheable_request(request):
            return reader_cache.serve(request, self.get_response)
        query = page_cache.PageQuery(request, current_generation(), "anonymous")
        notes = page_cache.take_notes(request)
        with query:
            response = self.get_response(request)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # while the view's query is still the declared one
        if (
            page_cache.is_cacheable_response(request, response)
            and (timeout := page_cache.timeout_for(notes)) > 0
        ):
            key = query.remember(notes, timeout)
            setattr(request, _TO_STORE, (key, notes.scopes, timeout))
            response[page_cache.CACHE_HEADER] = "miss"
        return response
