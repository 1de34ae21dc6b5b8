import json
from urllib.parse import quote

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from content.base import reader_cache, site_address, times
from content.base.site_address import page_url
from content.base.site_menu import site_menu_items

register = template.Library()


@register.filter
def admin_value(value):
    """A value as the admin shows it: Ya/Tidak for a boolean, "-" for nothing (never Python's
    True, False or None)."""
    if value is True:
        return "Ya"
    if value is False:
        return "Tidak"
    if value is None:
        return "-"
    return value


@register.filter
def wib(moment, format=None):
    """A moment in Jakarta time with "WIB": {{ x|wib }} or {{ x|wib:"H.i" }} (base/times.py)."""

    return times.wib(moment, format or times.DEFAULT_FORMAT)


# The same escapes as Django's json_script: nothing in the data can close the <script> element.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """Render `data` as a schema.org JSON-LD script element."""
    payload = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(payload))


@register.simple_tag
def absolute_url(url):
    """`url` (a path) on the site's public address: canonical links, og:url, og:image."""
    return site_address.absolute_url(url)


@register.simple_tag
def page_absolute_url(page):
    """A page's absolute URL on the site's public address."""
    return page_url(page)


@register.inclusion_tag("includes/share_links.html", takes_context=True)
def share_links(context, page):
    """Share buttons, WhatsApp first: it is where hoaxes spread, so it is where corrections go."""
    url = page_url(page)
    text = f"{page.title} {url}"
    return {
        "url": url,
        "links": [
            ("WhatsApp", f"https://wa.me/?text={quote(text)}", "whatsapp"),
            ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={quote(url)}", "facebook"),
            ("X", f"https://twitter.com/intent/tweet?text={quote(text)}", "x"),
            (
                "Telegram",
                f"https://t.me/share/url?url={quote(url)}&text={quote(page.title)}",
                "telegram",
            ),
        ],
    }


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters changed (None removes one)."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def site_menu(context):
    """The main navigation's items (content/base/site_menu.py) as (item, is the current page's)."""
    path = getattr(context.get("request"), "path", "")  # no request when the 500 page renders
    return [(item, item.is_current(path)) for item in site_menu_items()]


@register.simple_tag(takes_context=True)
def personal(context, name, **arguments):
    """A part of the page that is the reader's own (see content/base/reader_cache.py): rendered
    for this request, or a marker filled in per request when the page is shared with readers."""
    return reader_cache.render_personal(context.get("request"), name, arguments)


@register.simple_tag(takes_context=True)
def userbar(context, position="bottom-right"):
    """Wagtail's user bar, without its permission queries for visitors and plain readers (who
    may not edit anything, so never see it): on pages the reader cache already knows, elsewhere
    (a quiz, its result) the answer is kept per user like the reader cache's."""
    # An error page answered before AuthenticationMiddleware ran (a NUL in the path, a bad
    # Host header) has a request without a user: it is a visitor's page.
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return ""
    request = context["request"]
    if reader_cache.known_plain_reader(request):
        return ""
    if not (user.is_staff or user.is_superuser) and reader_cache.remembered_plain_reader(user):
        return ""
    return wagtailuserbar(context, position)
