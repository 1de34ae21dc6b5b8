"""Imports sit at the top of a module. An import inside a function hides what a module depends on
(and, too often, an import circle), so content/ has none outside AppConfig.ready() (which runs
once the apps are loaded and wires them up), except the documented lazy loads below.

An entry names the module, the function, the imported name and the reason. A reason says
why the import cannot be at the top: "a heavy library loaded only when rendering a PDF", "runs
before the apps are ready". "Hides a cycle" is no reason: break the cycle. Entries "TODO <stream>
stream" are in files another stream of issue 20 is changing; the lead removes them after merging
it. An entry that matches no import any more fails too, so the list only shrinks.
"""

import ast
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"

ALLOWED = {
    # module: {"function -> imported name": reason}
}


def _absolute(module, node):
    """The module a `from ... import` names, with relative imports resolved."""
    if not node.level:
        return node.module
    package = module.split(".")[: -node.level]
    return ".".join([*package, node.module] if node.module else package)


def local_imports(source, *, module):
    """(function, imported name, line) for every import inside a function, but those inside an
    AppConfig's ready() (a method named ready of a class in an apps module)."""
    found = []
    in_apps = module.rsplit(".", 1)[-1] == "apps"

    def visit(node, scope, in_function):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                is_function = not isinstance(child, ast.ClassDef)
                if is_function and in_apps and child.name == "ready" and len(scope) == 1:
                    continue
                visit(child, [*scope, child.name], in_function or is_function)
            elif isinstance(child, ast.Import | ast.ImportFrom):
                if not in_function:
                    continue
                if isinstance(child, ast.Import):
                    names = [alias.name for alias in child.names]
                else:
                    base = _absolute(module, child)
                    names = [f"{base}.{alias.name}" for alias in child.names]
                found.extend((".".join(scope), name, child.lineno) for name in names)
            else:
                visit(child, scope, in_function)

    visit(ast.parse(source), [], False)
    return found


def _project_local_imports():
    for path in sorted(CONTENT.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        module = ".".join(path.relative_to(CONTENT.parent).with_suffix("").parts)
        for function, imported, line in local_imports(path.read_text(), module=module):
            yield (
                (module, f"{function} -> {imported}"),
                f"{path.relative_to(CONTENT.parent)}:{line}",
            )


class TestTheRuleItself:
    @pytest.mark.parametrize(
        "source, expected",
        [
            (
                "def f():\n    from content.people.models import User",
                [("f", "content.people.models.User")],
            ),
            ("def f():\n    import weasyprint", [("f", "weasyprint")]),
            (
                "class A:\n    def m(self):\n        def g():\n            from . import x",
                [("A.m.g", "content.base.x")],
            ),
            (
                "def f():\n    if True:\n        from ..training import rules",
                [("f", "content.training.rules")],
            ),
            ("import os\nfrom django.db import models", []),
            ("class A:\n    from django.db import models", []),
            ("try:\n    import yaml\nexcept ImportError:\n    yaml = None", []),
        ],
    )
    def test_imports_inside_functions_are_found(self, source, expected):
        found = local_imports(source, module="content.base.module")
        assert [(function, imported) for function, imported, _ in found] == expected

    def test_an_app_configs_ready_may_import(self):
        source = "class C(AppConfig):\n    def ready(self):\n        from . import signals\n"
        assert local_imports(source, module="content.base.apps") == []

    def test_ready_elsewhere_or_a_helper_in_apps_is_counted(self):
        helper = "def changed():\n    from . import warming\n"
        assert local_imports(helper, module="content.stats.apps") != []
        ready = "class C:\n    def ready(self):\n        from . import signals\n"
        assert local_imports(ready, module="content.base.views") != []

    def test_every_allowed_import_has_a_reason(self):
        assert all(reason.strip() for uses in ALLOWED.values() for reason in uses.values())


def test_no_import_inside_a_function_but_the_allowed_ones():
    found = dict(_project_local_imports())
    allowed = {(module, use) for module, uses in ALLOWED.items() for use in uses}
    unexplained = sorted(f"{where}: {key[1]}" for key, where in found.items() if key not in allowed)
    assert unexplained == [], "move these imports to the module's top (break the circle they hide)"
    stale = sorted(key for key in allowed if key not in found)
    assert stale == [], "these imports are gone: remove them from ALLOWED"
