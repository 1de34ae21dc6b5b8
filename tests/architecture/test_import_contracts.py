"""The import contracts in pyproject.toml ([tool.importlinter]) hold: apps depend one way, inside
every app models < rules < selectors < services < tasks < screens, and no modules import each
other in a circle. import-linter reads every import, those inside functions included.

Run alone, with the report of what broke: `.venv/bin/lint-imports`.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

from tests.architecture.test_layers import MAY_IMPORT

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _contracts():
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["tool"]["importlinter"]["contracts"]


def test_the_contracts_cover_the_layers_the_order_inside_apps_and_cycles():
    assert {contract["id"] for contract in _contracts()} >= {"apps", "inside-apps", "no-cycles"}


def _layers(contract):
    """The layers as lists of module names, top first, parentheses (optional) dropped."""
    return [
        [name.strip().strip("()") for name in layer.replace(":", "|").split("|")]
        for layer in contract["layers"]
    ]


def test_the_apps_contract_is_the_layers_of_test_layers():
    """One rule written twice must say the same: an app may import the apps in the layers
    below its own, and nothing beside it."""
    (apps,) = [contract for contract in _contracts() if contract["id"] == "apps"]
    layers = [[name.removeprefix("content.") for name in layer] for layer in _layers(apps)]
    allowed = {
        app: {below for lower in layers[index + 1 :] for below in lower}
        for index, layer in enumerate(layers)
        for app in layer
    }
    assert {app: allowed[app] for app in MAY_IMPORT} == MAY_IMPORT


def test_every_app_is_a_container_of_the_order_inside_apps():
    apps = {f"content.{path.parent.name}" for path in (ROOT / "content").glob("*/apps.py")}
    (inside,) = [contract for contract in _contracts() if contract["id"] == "inside-apps"]
    assert apps <= set(inside["containers"])


def test_the_import_contracts_are_kept():
    result = subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
