"""Every absolute URL the site writes, from one place: the default Wagtail Site's host and
port, which `manage.py set_site_address` sets from SITE_URL (production) or from the address
`make run` serves on (development). Never from the Host a request happened to carry: a QR code
printed from the organizer's laptop at 127.0.0.1, or a reset link asked for through a forged
Host header, would send people elsewhere. tests/architecture/test_site_address.py keeps other
code from building absolute URLs its own way.
"""

from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

from content.base import page_cache, routing
from content.base.address import parse

TIMEOUT = 60 * 60


def root_url():
    """ "https://lentera.example.go.id", "http://192.168.1.20:9000": the default Site's address
    (remembered until a Site changes), or SITE_URL while no Site exists."""
    key = f"site-address:{page_cache.current_generation()}"
    url = page_cache.copies.get(key)
    if url is None:
        site = Site.objects.filter(is_default_site=True).first()
        url = site.root_url if site is not None else parse(settings.SITE_URL).url
        page_cache.copies.set(key, url, TIMEOUT)
    return url


def host():
    """The address without its scheme, as people type it: "lentera.example.go.id",
    "192.168.1.20:9000"."""
    return urlsplit(root_url()).netloc


def absolute_url(url):
    """`url` (a path from reverse(), page.url or a storage) on the site's address; a URL that
    already names its host (a file on S3) is left as it is."""
    if urlsplit(url).scheme:
        return url
    if not url.startswith("/"):
        raise ValueError(f"Not a path from the site's root: {url!r}")
    return root_url() + url


def page_url(page):
    """A page's absolute URL: its site's address and its path (Wagtail's own, also read from
    the Site). Wagtail keeps the sites' root paths on the page when it has no request: given
    this process's copy for the generation (routing.site_root_paths), not read from the shared
    cache for every page."""
    if not hasattr(page, "_wagtail_cached_site_root_paths"):
        page._wagtail_cached_site_root_paths = routing.site_root_paths()
    return page.get_full_url()
