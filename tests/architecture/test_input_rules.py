"""Input is read one way (content/base/input_rules.py, content/base/request_json.py):

- only request_json.py reads a request's body or calls json.loads; everything else gets a body
  through json_body(), within its limits;
- no module reads a number with int() or float() straight from request data, nor tests text
  with str.isdigit() / isdecimal() / isnumeric(), which pass Unicode digits ("²", "٣") that
  int() then refuses or reads: input_rules.ascii_int and ascii_digits do it.
"""

import ast
from pathlib import Path

import pytest

CONTENT = Path(__file__).resolve().parents[2] / "content"
JSON_READER = "content/base/request_json.py"
RULES = "content/base/input_rules.py"
# Modules that may call json.loads on something other than a request, and why.
MAY_LOAD_JSON = {
    JSON_READER: "the one reader of request bodies",
    "content/people/identity.py": "reads the region codes shipped with the code",
}
# Modules that may use str.isdigit() and kin, and why.
MAY_TEST_DIGITS = {
    RULES: "the helpers themselves",
    "content/people/identity.py": "folds Unicode digits into ASCII ones on purpose",
    "content/people/erasure.py": "asks whether a trace holds any digit at all, to treat it whole",
    "content/base/exports.py": "checks isascii() first, then quotes a digit cell for CSV",
}
REQUEST_DATA = {"body", "GET", "POST", "COOKIES", "META", "data", "stream"}
DIGIT_TESTS = {"isdigit", "isdecimal", "isnumeric"}


def _names_request(node):
    """Whether `node` is `request`, `self.request`, `some_request`..."""
    if isinstance(node, ast.Name):
        return "request" in node.id
    return isinstance(node, ast.Attribute) and "request" in node.attr


def _mentions_request(node):
    for inner in ast.walk(node):
        if _names_request(inner) or isinstance(inner, ast.Name) and inner.id == "data":
            return True
        if isinstance(inner, ast.Attribute) and inner.attr in REQUEST_DATA:
            return True
    return False


def _called(node):
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    if isinstance(node.func, ast.Name):
        return node.func.id
    return ""


def findings(source, *, path):
    """Lines of `source` that break the rules, as (line, what)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and _names_request(node.value):
            if node.attr in {"body", "stream"} and path != JSON_READER:
                found.append((node.lineno, f"reads request.{node.attr}"))
            if node.attr in {"read", "readline", "readlines"}:
                found.append((node.lineno, f"calls request.{node.attr}()"))
        if not isinstance(node, ast.Call):
            continue
        name = _called(node)
        on_json = (
            isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", "") == "json"
        )
        if on_json and name in {"loads", "load"} and path not in MAY_LOAD_JSON:
            found.append((node.lineno, "calls json.loads: use request_json.json_body"))
        on_request = any(_mentions_request(arg) for arg in node.args)
        if name in {"int", "float"} and isinstance(node.func, ast.Name) and on_request:
            found.append((node.lineno, f"{name}() of request data: use ascii_int"))
        if name in DIGIT_TESTS and path not in MAY_TEST_DIGITS:
            found.append((node.lineno, f".{name}() passes Unicode digits: use ascii_int"))
    return found


def _modules():
    for path in sorted(CONTENT.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path.relative_to(CONTENT.parent).as_posix()


class TestTheRuleItself:
    @pytest.mark.parametrize(
        "source",
        [
            "data = json.loads(request.body)",
            "size = len(self.request.body)",
            "chunk = request.read(10)",
            "position = int(data['position'])",
            "year = int(request.GET['tahun'])",
            "page = float(self.request.POST.get('n'))",
            "ok = name[1:].isdigit()",
            "ok = text.isdecimal() or text.isnumeric()",
        ],
    )
    def test_each_way_of_breaking_it_is_found(self, source):
        assert findings(source, path="content/quizzes/views.py")

    @pytest.mark.parametrize(
        "source",
        [
            "data = json_body(request, max_bytes=10)",
            "position = ascii_int(name[1:], 1, 99)",
            "seconds = int(window.ends_at - now)",
            "text = page.body",
        ],
    )
    def test_the_ways_it_asks_for_are_not_found(self, source):
        assert findings(source, path="content/quizzes/views.py") == []


@pytest.mark.parametrize("path", list(_modules()))
def test_input_is_read_only_through_the_helpers(path):
    source = (CONTENT.parent / path).read_text()
    assert findings(source, path=path) == []


def test_the_allowances_name_modules_that_exist():
    modules = set(_modules())
    assert set(MAY_LOAD_JSON) <= modules and set(MAY_TEST_DIGITS) <= modules
