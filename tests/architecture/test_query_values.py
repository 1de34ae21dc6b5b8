"""A view reads the query string through a form. A value taken straight from request.GET and
turned into a number, a date or a record by hand (`int(request.GET.get("tahun"))` after an
`isdigit()` that "²" passes) made a 500; a form field says what it takes and refuses the rest
with a message. The few single values read directly are listed here, each with why it is safe."""

import ast
from pathlib import Path

CONTENT = Path(__file__).resolve().parents[2] / "content"
# (module, key): why reading it directly is safe.
READ_DIRECTLY = {
    ("certificates/views.py", "kode"): "a code, cut to 64 characters and normalized to [0-9a-z]",
    ("articles/models/publications.py", "halaman"): "a page number, read by Paginator.get_page",
    ("articles/views.py", "halaman"): "a page number, read by Paginator.get_page",
    ("quizzes/admin_results.py", "tabel"): "a table name, used only if it is one of the tables",
    ("people/views.py", "next"): "a return address, read by return_paths.local_path",
    ("training/wagtail_hooks.py", "session"): "a session id, read by selectors.session_by_id "
    "(ASCII digits in the id column's range, else no session)",
}


def _is_query(node):
    """`<anything>.GET` (request.GET, self.request.GET)."""
    return isinstance(node, ast.Attribute) and node.attr == "GET"


def raw_query_reads(source):
    """(line, key) of every request.GET.get(key) and request.GET[key] in `source`."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("get", "getlist")
            and _is_query(node.func.value)
        ):
            key = node.args[0] if node.args else None
        elif isinstance(node, ast.Subscript) and _is_query(node.value):
            key = node.slice
        else:
            continue
        name = key.value if isinstance(key, ast.Constant) else ast.unparse(key) if key else "?"
        found.append((node.lineno, name))
    return sorted(found)


def test_the_check_finds_a_raw_read():
    source = 'year = int(request.GET.get("tahun", ""))\ncode = self.request.GET["kode"]'
    assert raw_query_reads(source) == [(1, "tahun"), (2, "kode")]


def test_views_read_the_query_string_through_forms():
    unlisted = []
    for path in sorted(CONTENT.rglob("*.py")):
        module = path.relative_to(CONTENT).as_posix()
        for line, key in raw_query_reads(path.read_text()):
            if (module, key) not in READ_DIRECTLY:
                unlisted.append(f"{module}:{line} request.GET {key!r}")
    assert unlisted == [], "read these through a form (or list them with why they are safe)"
