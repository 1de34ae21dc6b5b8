"""The apps depend one way. A lower app never imports a higher one, not even inside a function:
shared screens collect what each app registers instead (page cache, Akun saya, permissions, the
main menu). Nor does a lower app's template name a higher app's URL ({% url 'people:login' %}).

    base <- people <- training <- quizzes <- certificates <- stats
    base <- articles
    home (the top of the product) may import every app but demo.
    demo (demo and synthetic data, above home) may import every app.

The same layers are an import-linter contract (pyproject.toml, test_import_contracts.py); this
test keeps its own reading of imports, and adds the templates, which import-linter cannot read.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
TEMPLATES = ROOT / "templates"
# Templates outside templates/<app>/ belong to base (the frame every page shares, StreamField
# blocks, error pages), but Wagtail admin overrides: those are the project's, above every app as
# config/urls.py is (the admin's login links to people's one password reset).
BASE_TEMPLATES = {"includes", "blocks", "base.html", "404.html", "500.html"}
PROJECT_TEMPLATES = {"wagtailadmin"}
# What each app may import, besides itself. Apps planned but not written yet are listed so the
# rule is written down before their code is.
MAY_IMPORT = {
    "base": set(),
    "articles": {"base"},
    "people": {"base"},
    "training": {"base", "people", "articles"},
    "quizzes": {"base", "people", "training", "articles"},
    "certificates": {"base", "people", "training", "quizzes", "articles"},
    "reports": {"base", "people", "training", "quizzes", "certificates", "articles"},
    "stats": {"base", "people", "training", "quizzes", "certificates", "reports", "articles"},
    "home": {
        "base",
        "people",
        "training",
        "quizzes",
        "certificates",
        "reports",
        "stats",
        "articles",
    },
    "demo": {
        "base",
        "people",
        "training",
        "quizzes",
        "certificates",
        "reports",
        "stats",
        "articles",
        "home",
    },
}


def _apps():
    return sorted(path.name for path in CONTENT.iterdir() if (path / "apps.py").exists())


def imported_apps(source, *, module):
    """The project apps a module's source imports, at any depth, as {app: first line}."""
    found = {}
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if len(parts) >= 2 and parts[0] == "content":
                found.setdefault(parts[1], node.lineno)
    return found


def _modules(app):
    for path in sorted((CONTENT / app).rglob("*.py")):
        relative = path.relative_to(CONTENT.parent).with_suffix("")
        yield path, ".".join(relative.parts)


class TestTheRuleItself:
    def test_every_app_has_a_place_in_the_layers(self):
        assert set(_apps()) <= set(MAY_IMPORT)

    @pytest.mark.parametrize(
        "source, expected",
        [
            ("from content.training import services", {"training"}),
            ("import content.articles.selectors", {"articles"}),
            ("def f():\n    from content.people.models import User", {"people"}),
            ("from ..training import rules", {"training"}),
            ("from . import selectors", {"base"}),
            ("import os\nfrom django.db import models", set()),
        ],
    )
    def test_imports_are_found_wherever_they_are(self, source, expected):
        found = imported_apps(source, module="content.base.module")
        assert set(found) - {"base"} == expected - {"base"}
        assert ("base" in found) == ("base" in expected)


@pytest.mark.parametrize("app", _apps())
def test_app_imports_only_the_layers_below_it(app):
    upward = []
    for path, module in _modules(app):
        for imported, line in imported_apps(path.read_text(), module=module).items():
            if imported != app and imported not in MAY_IMPORT[app]:
                upward.append(f"{path.relative_to(CONTENT.parent)}:{line} imports {imported}")
    assert upward == []


_URL_TAG = re.compile(r"""{%\s*url\s+["']([^"']+)["']""")


def template_app(relative):
    """The app a template under templates/ belongs to (templates/<app>/..., or base), or None
    for the project's own."""
    first = Path(relative).parts[0]
    if first in PROJECT_TEMPLATES:
        return None
    return "base" if first in BASE_TEMPLATES else first


def named_urls(source):
    """The URL names a template's {% url %} tags name, as {name: first line}."""
    found = {}
    for line_number, line in enumerate(source.splitlines(), start=1):
        for name in _URL_TAG.findall(line):
            found.setdefault(name, line_number)
    return found


def url_apps():
    """{URL name, namespaced as templates write it: app} for every named URL whose view is in
    an app (Wagtail's own URLs are in none)."""
    apps = {}

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, inner)
            elif pattern.name:
                parts = getattr(pattern.callback, "__module__", "").split(".")
                if len(parts) >= 2 and parts[0] == "content":
                    apps[":".join(filter(None, [namespace, pattern.name]))] = parts[1]

    walk(get_resolver().url_patterns, "")
    return apps


class TestTheTemplateRule:
    @pytest.mark.parametrize(
        "relative, app",
        [
            ("includes/header.html", "base"),
            ("base.html", "base"),
            ("500.html", "base"),
            ("blocks/quote_block.html", "base"),
            ("people/includes/account_menu.html", "people"),
            ("training/session_page.html", "training"),
            ("wagtailadmin/login.html", None),
        ],
    )
    def test_a_template_belongs_to_its_folders_app(self, relative, app):
        assert template_app(relative) == app

    def test_every_template_has_a_place_in_the_layers(self):
        apps = {template_app(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")}
        assert apps - {None} <= set(MAY_IMPORT)

    def test_url_tags_are_found(self):
        source = """<a href="{% url 'people:login' %}">\n{% url "search" as s %}{% url var %}"""
        assert named_urls(source) == {"people:login": 1, "search": 2}

    def test_url_names_map_to_the_app_of_their_view(self):
        apps = url_apps()
        assert apps["people:login"] == "people"
        assert apps["quizzes:index"] == "quizzes"
        assert apps["search"] == "articles"
        assert apps["checkin_code"] == "training"


def test_templates_name_only_urls_of_their_app_and_the_layers_below_it():
    apps = url_apps()
    upward = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        relative = path.relative_to(TEMPLATES)
        app = template_app(relative)
        if app is None:
            continue
        for name, line in named_urls(path.read_text()).items():
            named = apps.get(name)
            if named and named != app and named not in MAY_IMPORT[app]:
                upward.append(f"templates/{relative}:{line} names {name} ({named})")
    assert upward == []
