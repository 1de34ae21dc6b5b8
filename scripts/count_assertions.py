"""Counts the checks in the test suite, so a refactoring can show it lost none.

    .venv/bin/python scripts/count_assertions.py [tests]

A check is an `assert` statement, a `pytest.raises`/`pytest.warns` block, or a call to a
helper whose name starts with `assert` (unittest's and our own in tests/assertions.py).
"""

import ast
import sys
from pathlib import Path


def checks(tree):
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            count += 1
        elif isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith("assert") or name in {"raises", "warns"}:
                count += 1
    return count


def main(root):
    files = sorted(Path(root).rglob("*.py"))
    total = sum(checks(ast.parse(path.read_text())) for path in files)
    print(f"{total} checks in {len(files)} files under {root}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "tests")
