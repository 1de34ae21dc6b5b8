"""One writer for every CSV the site serves: content/base/exports.py (csv_lines, csv_file). It
quotes text and neutralises formula triggers under every separator Excel may use (issue 18,
item 4: `Budi;=1+1` ran as a formula in Excel set to Indonesian). A module writing CSV with
the csv module itself would skip that, so none may, and Wagtail's exports use the same writer.
"""

import ast
from pathlib import Path

import pytest
from django.urls import get_resolver
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from content.base import exports
from content.stats.admin_reports import StatsReportView

ROOT = Path(__file__).resolve().parents[2]
# Modules that may use csv's writers, with the reason.
MAY_WRITE_CSV = {
    "content/base/exports.py": "the site's CSV writer",
    "content/base/redirect_import.py": (
        "hands the rows it read to Wagtail's redirect importer as a CSV upload; no person "
        "opens it, and protecting its cells would change the redirects"
    ),
}
# Export views that write CSV themselves: each must go through exports.csv_lines and super().
MAY_OVERRIDE_CSV = {
    StatsReportView: "super()'s BOM, the title rows with exports.csv_lines, then super()'s rest"
}


def csv_writers(source):
    """Lines where a source uses the csv module's writers."""
    found = []
    names = {"writer", "DictWriter"}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in names:
            if isinstance(node.value, ast.Name) and node.value.id == "csv":
                found.append(node.lineno)
        elif isinstance(node, ast.ImportFrom) and node.module == "csv":
            found += [node.lineno for alias in node.names if alias.name in names]
    return found


class TestTheRuleItself:
    @pytest.mark.parametrize(
        "source, lines",
        [
            ("import csv\nw = csv.writer(out)", [2]),
            ("import csv\ndef f():\n    return csv.DictWriter(out, fieldnames=[])", [3]),
            ("from csv import writer as w", [1]),
            ("import csv\nrows = csv.reader(data)", []),
        ],
    )
    def test_csv_writers_are_found_wherever_they_are(self, source, lines):
        assert csv_writers(source) == lines


def test_only_the_site_writer_writes_csv():
    writers = []
    for path in sorted((ROOT / "content").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name not in MAY_WRITE_CSV:
            writers += [f"{name}:{line}" for line in csv_writers(path.read_text())]
    assert writers == [], "write CSV with content.base.exports.csv_lines / csv_text"


def _subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from _subclasses(subclass)


def test_wagtail_exports_write_with_the_site_writer():
    assert get_resolver().url_patterns  # every admin view (Wagtail's and ours) is loaded
    assert SpreadsheetExportMixin.stream_csv is exports.wagtail_stream_csv
    assert SpreadsheetExportMixin.write_csv_row is exports.wagtail_write_csv_row
    own_writers = {
        cls
        for cls in _subclasses(SpreadsheetExportMixin)
        if {"stream_csv", "write_csv_row", "write_csv_response"} & set(vars(cls))
    }
    assert own_writers == set(MAY_OVERRIDE_CSV)
