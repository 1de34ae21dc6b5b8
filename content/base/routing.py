"""What Wagtail looks up on every page request, kept in the shared cache under the page cache's
generation (generations.py), so a change to a page, a site or a view restriction is seen at once.

Stock Wagtail finds the site for the request (one query), fetches the site's root page and its
specific page (two), then walks the path one level at a time, a child and its specific page per
level (two each), and then looks for view restrictions on the page and its ancestors (two).
About a third of an article's render went there. Here:

- `attach_site(request)`: the request's Site, with its root page (specific) already loaded,
  from the cache (Wagtail reads it from `request._wagtail_site`), and the sites' root paths
  (`request._wagtail_cached_site_root_paths`, which every page URL reads).
- `cached_route(root, request, components, route)`: which page a path leads to, as (page id,
  page type, levels consumed); the page is then fetched once, by id, as its specific type, and
  routes what is left of the path itself (a RoutablePage's sub-routes), so `live` and sub-route
  rules still apply.
- `restricted_paths()`: the tree paths of pages that carry a view restriction (usually none),
  and of aliases. A page none of whose ancestors is in it needs no restriction query.

Sites and view restrictions invalidate the generation when saved or deleted (base/apps.py);
publishing, unpublishing, moving and deleting pages already do.
"""

import hashlib

from django.apps import apps
from wagtail.models import Page, PageViewRestriction, Site

from content.base import page_cache
from content.base.generations import current_generation

TIMEOUT = 60 * 60


def _key(*parts):
    return ":".join(["page-data", str(current_generation()), *map(str, parts)])


def attach_site(request):
    """Put the request's Site (root page loaded) where Wagtail looks for it first, and the
    sites' root paths (every page URL needs them) where Wagtail keeps them for the request."""
    if not hasattr(request, "_wagtail_cached_site_root_paths"):
        request._wagtail_cached_site_root_paths = site_root_paths()
    if hasattr(request, "_wagtail_site"):
        return
    try:
        host = request.get_host()
    except Exception:  # noqa: BLE001 (a bad Host header: let Wagtail and Django answer it)
        return
    key = _key("site", host)
    site = page_cache.copies.get(key)
    if site is None:
        site = Site.find_for_request(request)
        if site is None:
            return
        # Loaded now, so the cached copy carries them.
        site.root_page.specific  # noqa: B018
        page_cache.copies.set(key, site, TIMEOUT)
    request._wagtail_site = site


def site_root_paths():
    """Wagtail's Site.get_site_root_paths(), per generation: Wagtail keeps them in the shared
    cache under a key of their own (a round trip per request); a site saved, a page published
    or moved moves the generation on, as they make Wagtail drop its key."""
    key = _key("site-root-paths")
    paths = page_cache.copies.get(key)
    if paths is None:
        paths = Site.get_site_root_paths()
        page_cache.copies.set(key, paths, TIMEOUT)
    return paths


def cached_route(root, request, components, route):
    """`route(request, components)` (Wagtail's walk from `root`), remembered per path."""
    # Hashed: a path is as long as a client makes it, and a key should not be.
    path = hashlib.sha256("/".join(components).encode()).hexdigest()[:32]
    key = _key("route", root.pk, path)
    found = page_cache.copies.get(key)
    if found is not None:
        pk, label, consumed = found
        model = apps.get_model(label)
        try:
            page = model.objects.get(pk=pk)
        except model.DoesNotExist:
            pass  # deleted without a signal: walk the tree as Wagtail does
        else:
            return page.route(request, components[consumed:])
    result = route(request, components)
    page = result[0]
    if page.pk != root.pk:  # the root's own sub-routes would lead back here
        page_cache.copies.set(key, (page.pk, page._meta.label, page.depth - root.depth), TIMEOUT)
    return result


def restricted_paths():
    """(paths of pages with a view restriction, paths of alias pages), per generation."""
    key = _key("restricted-paths")
    paths = page_cache.copies.get(key)
    if paths is None:
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        aliases = list(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
        paths = (restricted, aliases)
        page_cache.copies.set(key, paths, TIMEOUT)
    return paths


def may_be_restricted(page):
    """Whether a view restriction may apply to `page`: one on it or an ancestor, or an alias
    among them (whose source's restrictions apply). False means certainly none."""
    restricted, aliases = restricted_paths()
    return any(page.path.startswith(path) for path in (*restricted, *aliases))


def public(queryset):
    """`queryset.public()`, without its restriction query when no page has a restriction."""
    restricted, _aliases = restricted_paths()
    return queryset.public() if restricted else queryset
