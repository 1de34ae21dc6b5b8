"""One place makes the site's absolute URLs: content/base/site_address.py, from the default
Wagtail Site's host and port (issue 19: with `PORT=9000 make run`, QR codes, emails, the
sitemap, canonical links, Open Graph and ClaimReview pointed at port 8000 or
http://localhost/, each made its own way). No other module or template may build one: not
from the request (build_absolute_uri, its Host or scheme), not from a setting, not by gluing a
scheme to a host, and not through Wagtail's page URLs directly.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
THE_PLACE = "content/base/site_address.py"
# Where the address is parsed from the environment (plain functions the settings use too): it
# writes the URL the Site then holds.
THE_PARSER = "content/base/address.py"

# Names whose use builds an absolute URL some other way.
FORBIDDEN_NAMES = {
    "build_absolute_uri": "the request's Host",
    "get_full_url": "Wagtail's page URL: use site_address.page_url",
    "full_url": "Wagtail's page URL: use site_address.page_url",
    "root_url": "a Site's address: use site_address.root_url",
    "WAGTAILADMIN_BASE_URL": "a setting: the Site holds the address",
    "SITE_URL": "a setting: the Site holds the address (services.site_address_set writes it)",
    "get_current_site": "Django's sites, or the request's Host",
    "RequestSite": "the request's Host",
    "scheme": "the request's scheme",
}
# Modules that may use one of them, and why.
ALLOWED = {
    ("content/base/checks.py", "SITE_URL"): "checks that production's address is a public one",
    (
        "content/demo/management/commands/reset_demo_data.py",
        "SITE_URL",
    ): "refuses to reset a site whose address is a public one",
    (
        "content/base/management/commands/set_site_address.py",
        "SITE_URL",
    ): "writes SITE_URL on the Site",
    ("content/demo/loader.py", "SITE_URL"): "makes the Site on a tree built before migrating",
    ("content/base/page_cache.py", "scheme"): "a cache key, never written out",
    ("content/base/page_cache.py", "scheme://{...}"): "a cache key, never written out",
    # The report desk's keys for links to posts on other sites (never this site's address).
    ("content/reports/rules/links.py", "scheme"): "a reported link's scheme, checked",
    ("content/reports/rules/links.py", "scheme://{...}"): "a reported post's key",
    ("content/reports/rules/links.py", "scheme:// + ..."): "a reported link without a scheme",
}
# request.get_host() names the host asked for; it may decide, never be written.
GET_HOST_ALLOWED = {
    "content/base/routing.py": "finds the request's Site",
    "content/base/page_cache.py": "a cache key",
    "content/people/views.py": "checks that a ?next= target stays on this host",
}
# A scheme glued to something formatted: f"https://{host}", "http://" + host, "%s://%s".
_GLUED = re.compile(r"://(\{\}|$)")
# In templates: a scheme before a variable, the request's host or scheme written out, Wagtail's
# full URLs.
TEMPLATE_PATTERNS = {
    r"://\s*\{\{": "a scheme glued to a variable",
    r"\{\{\s*request\.(get_host|scheme|build_absolute_uri)": "the request's host or scheme",
    r"\.full_url\b|\{%\s*fullpageurl\b|build_absolute_uri": "Wagtail's or the request's URL",
}


def _pieces(node):
    """An f-string's text, with {} where a value is formatted."""
    return "".join(
        value.value if isinstance(value, ast.Constant) else "{}" for value in node.values
    )


def url_builders(source):
    """(line, what) for each place a Python source builds an absolute URL itself."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES:
            if isinstance(node.value, ast.Name) and node.value.id == "site_address":
                continue  # the one place's own functions
            found.append((node.lineno, node.attr))
        elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES and node.id != "scheme":
            found.append((node.lineno, node.id))
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] in FORBIDDEN_NAMES:
            found.append((node.lineno, node.name.split(".")[-1]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get_host":
            found.append((node.lineno, "get_host"))
        elif isinstance(node, ast.JoinedStr) and _GLUED.search(_pieces(node)):
            found.append((node.lineno, "scheme://{...}"))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            left = node.left
            if (
                isinstance(left, ast.Constant)
                and isinstance(left.value, str)
                and re.search(r"://(%s)?$", left.value)
            ):
                found.append((node.lineno, "scheme:// + ..."))
    return sorted(set(found))


def template_url_builders(text):
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        found += [
            (number, why) for pattern, why in TEMPLATE_PATTERNS.items() if re.search(pattern, line)
        ]
    return found


class TestTheRuleItself:
    @pytest.mark.parametrize(
        "source, what",
        [
            ("url = request.build_absolute_uri(path)", ["build_absolute_uri"]),
            ("url = page.get_full_url(request)", ["get_full_url"]),
            ("url = page.full_url", ["full_url"]),
            ("url = site.root_url + path", ["root_url"]),
            ("url = settings.WAGTAILADMIN_BASE_URL.rstrip('/') + path", ["WAGTAILADMIN_BASE_URL"]),
            ("from django.conf.settings import WAGTAILADMIN_BASE_URL", ["WAGTAILADMIN_BASE_URL"]),
            ("base = f\"{'https' if secure else 'http'}://{domain}\"", ["scheme://{...}"]),
            ("base = f'https://{request.get_host()}/x'", ["get_host", "scheme://{...}"]),
            ("base = 'http://' + host", ["scheme:// + ..."]),
            ("base = '%s://%s' % (scheme, host)", ["scheme:// + ..."]),
            ("base = f'{request.scheme}://{host}'", ["scheme", "scheme://{...}"]),
            ("share = f'https://wa.me/?text={quote(text)}'", []),
            ("source = 'https://www.bkn.go.id/berita/'", []),
            ("url = site_address.absolute_url(reverse('sitemap'))", []),
            ("url = site_address.root_url()", []),
        ],
    )
    def test_builders_are_found(self, source, what):
        assert [name for _, name in url_builders(source)] == what

    @pytest.mark.parametrize(
        "text, count",
        [
            ("{{ protocol }}://{{ domain }}{% url 'x' %}", 1),
            (
                '<meta content="{{ request.scheme }}://{{ request.get_host }}">',
                2,
            ),
            ('<link rel="canonical" href="{{ page.full_url }}">', 1),
            ("{% fullpageurl page %}", 1),
            ('{% cache 60 "k" page.pk request.get_host %}', 0),
            ('<a href="https://wa.me/{{ s.hoax_report_whatsapp }}">', 0),
            ("{% absolute_url og.url %}", 0),
        ],
    )
    def test_template_builders_are_found(self, text, count):
        assert len(template_url_builders(text)) == count


def python_offenders(root):
    offenders = []
    for path in sorted((root / "content").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name in {THE_PLACE, THE_PARSER} or "/migrations/" in name:
            continue
        for line, what in url_builders(path.read_text()):
            if what == "get_host" and name in GET_HOST_ALLOWED:
                continue
            if (name, what) not in ALLOWED:
                offenders.append(f"{name}:{line} {what}")
    return offenders


def template_offenders(root):
    offenders = []
    for folder in [root / "templates", *(root / "content").glob("*/templates")]:
        for path in sorted(folder.rglob("*")):
            if path.suffix in {".html", ".txt", ".xml"}:
                name = path.relative_to(root).as_posix()
                for line, why in template_url_builders(path.read_text()):
                    offenders.append(f"{name}:{line} {why}")
    return offenders


def test_only_site_address_builds_absolute_urls():
    assert python_offenders(ROOT) == [], (
        "Build absolute URLs with content.base.site_address (absolute_url, page_url, host)."
    )


def test_no_template_builds_absolute_urls():
    assert template_offenders(ROOT) == [], (
        "Templates write absolute URLs with {% absolute_url path %} or "
        "{% page_absolute_url page %} (lentera tags)."
    )
