"""content/stats reads; it writes nothing but its own records (headcounts, open data releases),
and only through its services (content/stats/services.py, or a services/ package). Issue 20:
the statistics generator used to write every app's tables from inside stats; it now lives in
content/demo/synthetic.py, the documented bulk path.

The check reads each module's source (ast) and finds ORM writes: `.create(`,
`.get_or_create(`, `.update_or_create(`, `.bulk_create(`, `.bulk_update(` on anything;
`.update(` and `.delete(` on a queryset (a chain through `.objects`, `.filter(` and the like,
or a name given one in the same function), so a dict's or a set's `.update` is not one;
`.save()` and `.delete()` with no positional argument (a model instance's: a workbook's
`.save(output)` and the cache's `.delete(key)` take one); and raw SQL that writes. A model's
own `save()` calling `super().save(...)` is the write its caller makes, not one of its own.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATS = ROOT / "content" / "stats"

ANY_RECEIVER = {"create", "get_or_create", "update_or_create", "bulk_create", "bulk_update"}
ON_A_QUERYSET = {"update", "delete"}
ON_AN_INSTANCE = {"save", "delete"}
# Attributes that make an expression a manager or a queryset.
QUERYSET_LINKS = {
    "objects",
    "_default_manager",
    "_base_manager",
    "all",
    "filter",
    "exclude",
    "select_for_update",
    "select_related",
    "prefetch_related",
    "order_by",
    "annotate",
    "alias",
    "distinct",
    "only",
    "defer",
    "using",
    "none",
}
SQL_WRITES = ("INSERT", "UPDATE", "DELETE", "COPY", "TRUNCATE", "MERGE", "REPLACE", "UPSERT")

# (module, function): why it may write outside the services. Keep it short.
ALLOWED = {}


def _is_queryset(node, names):
    while True:
        if isinstance(node, ast.Name):
            return node.id in names
        if isinstance(node, ast.Attribute):
            if node.attr in QUERYSET_LINKS:
                return True
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        else:
            return False


def _is_super(node):
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "super"
    )


def _writes_sql(call):
    """A cursor's execute/executemany/copy given SQL that writes, as a string or f-string."""
    first = call.args[0] if call.args else None
    if isinstance(first, ast.JoinedStr) and first.values:
        first = first.values[0]
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
        return False
    return first.value.lstrip().upper().startswith(SQL_WRITES)


def _write(call, queryset_names):
    """What ORM write `call` is, or None."""
    if not isinstance(call.func, ast.Attribute):
        return None
    method, receiver = call.func.attr, call.func.value
    if method in ANY_RECEIVER:
        return method
    if method in ON_A_QUERYSET and _is_queryset(receiver, queryset_names):
        return f"queryset {method}"
    if method in ON_AN_INSTANCE and not call.args and not _is_super(receiver):
        return method
    if method in ("execute", "executemany", "copy") and _writes_sql(call):
        return "SQL write"
    return None


class _Finder(ast.NodeVisitor):
    def __init__(self):
        self.found = []
        self.function = "<module>"
        self.queryset_names = set()

    def visit_FunctionDef(self, node):
        outer = self.function, self.queryset_names
        self.function, self.queryset_names = node.name, set()
        for child in ast.walk(node):
            if isinstance(child, ast.Assign) and _is_queryset(child.value, set()):
                for target in child.targets:
                    if isinstance(target, ast.Name):
                        self.queryset_names.add(target.id)
        self.generic_visit(node)
        self.function, self.queryset_names = outer

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node):
        what = _write(node, self.queryset_names)
        if what:
            self.found.append((node.lineno, self.function, what))
        self.generic_visit(node)


def orm_writes(source):
    """[(line, function, what)] for each ORM write in a module's source."""
    finder = _Finder()
    finder.visit(ast.parse(source))
    return finder.found


def _stats_modules():
    for path in sorted(STATS.rglob("*.py")):
        relative = path.relative_to(STATS)
        if relative.parts[0] == "migrations" or relative.parts[0] in ("services.py", "services"):
            continue
        yield path


class TestTheRuleItself:
    @pytest.mark.parametrize(
        "source",
        [
            "AgencyHeadcount.objects.create(year=2026)",
            "Model.objects.filter(year=2026).update(asn=1)",
            "def f():\n    rows = Model.objects.filter(year=1)\n    rows.update(asn=1)",
            "Model.objects.all().delete()",
            "Model.objects.get_or_create(year=2026)",
            "Model.objects.update_or_create(year=2026, defaults={})",
            "Model.objects.bulk_create(rows)",
            "Model.objects.bulk_update(rows, ['asn'])",
            "release.files.create(dataset='x')",
            "headcount.save()",
            "headcount.save(update_fields=['asn'])",
            "headcount.delete()",
            "cursor.execute('INSERT INTO stats_agencyheadcount VALUES (1)')",
            "cursor.execute(' update stats_agencyheadcount set asn = 1')",
            'cursor.executemany(f"INSERT INTO {table} VALUES (%s)", rows)',
            'cursor.copy(f"COPY {table} ({columns}) FROM STDIN")',
        ],
    )
    def test_a_write_is_found(self, source):
        assert len(orm_writes(source)) == 1, source

    @pytest.mark.parametrize(
        "source",
        [
            "context.update(form=form, title='x')",
            "related.update(left, right)",
            "figures = {}\nfigures.update(other)",
            "workbook.save(output)",
            "cache.delete(QUEUED_KEY)",
            "def save(self, *args, **kwargs):\n    super().save(*args, **kwargs)",
            "cursor.execute('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')",
            'cursor.execute(f"SELECT count(*) FROM {table}")',
            "Model.objects.filter(year=2026).count()",
        ],
    )
    def test_a_read_or_a_plain_python_call_is_not(self, source):
        assert orm_writes(source) == [], source

    def test_the_function_is_named(self):
        source = "def headcounts_import():\n    Model.objects.create(year=1)"
        assert orm_writes(source) == [(2, "headcounts_import", "create")]


def _found():
    found = {}
    for path in _stats_modules():
        module = str(path.relative_to(ROOT))
        for line, function, what in orm_writes(path.read_text()):
            found.setdefault((module, function), []).append(f"{module}:{line} {what}")
    return found


def test_stats_writes_only_through_its_services():
    outside = [hit for key, hits in _found().items() if key not in ALLOWED for hit in hits]
    assert outside == []


def test_every_allowed_write_is_still_there():
    """An entry of ALLOWED whose write has moved to the services is removed."""
    assert set(ALLOWED) <= set(_found())
