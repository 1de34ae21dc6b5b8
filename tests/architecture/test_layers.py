"""The apps depend one way. A lower app never imports a higher one, not even inside a function:
shared screens collect what each app registers instead (page cache, Akun saya, permissions).

    base <- people <- training <- quizzes <- certificates <- stats
    base <- articles
    home (the top of the product) may import every app but demo.
    demo (demo and synthetic data, above home) may import every app.
"""

import ast
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"
# What each app may import, besides itself. Apps planned but not written yet are listed so the
# rule is written down before their code is.
MAY_IMPORT = {
    "base": set(),
    "articles": {"base"},
    "people": {"base"},
    "training": {"base", "people", "articles"},
    "quizzes": {"base", "people", "training", "articles"},
    "certificates": {"base", "people", "training", "quizzes", "articles"},
    "stats": {"base", "people", "training", "quizzes", "certificates", "articles"},
    "home": {"base", "people", "training", "quizzes", "certificates", "stats", "articles"},
    "demo": {"base", "people", "training", "quizzes", "certificates", "stats", "articles", "home"},
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
