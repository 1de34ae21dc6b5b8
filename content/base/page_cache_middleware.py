"""The middleware in front of the site's pages: the anonymous page cache, handing the requests
it does not take to the readers' cache (reader_cache.py). It sits above page_cache.py,
reader_cache.py and routing.py, which do not import it."""

from django.core.cache import cache

from content.base import page_cache, reader_cache, routing
from content.base.generations import current_generation, still_fresh


class AnonymousPageCacheMiddleware:
    """The anonymous page cache; requests it does not take go to the reader cache
    (reader_cache.py), which serves logged-in readers a shared copy with their own parts."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(page_cache.EXCLUDED_PREFIXES):
            routing.attach_site(request)
        if not page_cache.is_cacheable_request(request):
            return reader_cache.serve(request, self.get_response)
        query = page_cache.PageQuery(request, current_generation(), "anonymous")
        names = query.names()
        if names is not None:
            cached = cache.get(query.key(names))
            if cached is not None and still_fresh(cached[0]):
                response = cached[1]
                response[page_cache.CACHE_HEADER] = "hit"
                return response
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
            if hasattr(response, "render") and callable(response.render):
                response.add_post_render_callback(
                    lambda rendered: cache.set(key, (notes.scopes, rendered), timeout)
                )
            else:
                cache.set(key, (notes.scopes, response), timeout)
            response[page_cache.CACHE_HEADER] = "miss"
        return response
