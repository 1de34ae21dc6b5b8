"""Benchmark: rows per second and memory of the participant import (XLSX).

--rows realistic participants (tests/factories/spreadsheets) in a write-only workbook with the
<dimension> Excel writes; an isolated database (dev settings, DEBUG off; temporary SQLite or
--database-url) with the 40 OPD. Three runs on fresh copies: timed (read, check, write; first
import, then a re-import that writes nothing), memory (tracemalloc), command. Exit status 1 when
a check (every row new, then unchanged; --rows participants) fails.

    .venv/bin/python bench/import_participants.py [--rows N] [--database-url URL]
"""

import os
import platform
import shutil
import sys
import time
from urllib.parse import urlsplit, urlunsplit

import harness

MIB = 1024 * 1024
LABELS = (("first", "first import"), ("reimport", "re-import"))

# The file, the OPD, and what the database is; it must hold no participant yet.
PREPARE_CODE = """
import time, zipfile
from collections import Counter
from django.db import connection
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from content.people.models import Agency, AgencyKind, Participant
from tests.factories.spreadsheets import AGENCIES, HEADERS, varied_participant_rows

path, count = pathlib.Path(os.environ["BENCH_FILE"]), int(os.environ["BENCH_ROWS"])
started = time.perf_counter()
workbook = Workbook(write_only=True)
sheet = workbook.create_sheet("Peserta")
sheet.append(HEADERS)
groups = Counter()
for group, row in varied_participant_rows(count):
    groups[group] += 1
    sheet.append(row)
workbook.save(path)
element = f'<dimension ref="A1:{get_column_letter(len(HEADERS))}{count + 1}" />'.encode()
patched = path.with_name("patched.xlsx")
with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w") as target:
    for info in source.infolist():
        data = source.read(info)
        if info.filename.startswith("xl/worksheets/sheet") and b"<dimension" not in data:
            anchor = b"<sheetViews" if b"<sheetViews" in data else b"<sheetData"
            data = data.replace(anchor, element + anchor, 1)  # after <sheetPr>, as the schema says
        target.writestr(info, data)  # keeps each entry's compression
patched.replace(path)
seconds = time.perf_counter() - started
for name, short_name in AGENCIES:
    Agency.objects.update_or_create(
        name=name, defaults={"short_name": short_name, "kind": AgencyKind.DINAS, "is_active": True}
    )
if Participant.objects.exists():
    raise SystemExit("The database holds participants: use an empty one.")
if connection.vendor == "sqlite":
    server = ".".join(map(str, connection.Database.sqlite_version_info))
else:
    server = f"{connection.pg_version // 10000}.{connection.pg_version % 100}"
emit({"groups": dict(groups), "size": path.stat().st_size, "seconds": seconds,
      "agencies": len(AGENCIES), "vendor": connection.vendor, "server": server})
"""

# timed / memory: each phase's seconds and queries (and tracemalloc peaks), a first import and a
# re-import; command: the management command twice. The process's max RSS after each.
IMPORT_CODE = """
import gc, io, resource, time, tracemalloc
from django.core.management import call_command
from django.db import connection
from content.people import importing, services
from content.people.models import Participant

path, scenario = pathlib.Path(os.environ["BENCH_FILE"]), os.environ["BENCH_SCENARIO"]
trace = scenario == "memory"
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
result = {"rss_ready": rss()}

def timed(phases, name, work):
    queries = []
    if trace:
        tracemalloc.reset_peak()
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        started = time.perf_counter()
        value = work()
        phases[name] = {"seconds": time.perf_counter() - started, "queries": len(queries)}
    if trace:
        current, peak = tracemalloc.get_traced_memory()
        phases[name].update(peak=peak, current=current)
    return value

for label in ("first", "reimport"):
    gc.collect()
    started, phases = time.perf_counter(), {}
    if scenario == "command":
        out = io.StringIO()
        call_command("import_participants", str(path), stdout=out)
        result[label] = {"output": out.getvalue().strip()}
    else:
        if trace:
            tracemalloc.start()
        data = path.read_bytes
        rows = timed(phases, "read", lambda: list(importing.read_table(data(), path.name)))
        quiet = lambda done, total: None  # where the command redraws its progress bar
        preview = timed(phases, "check", lambda: importing.preview_import(rows, progress=quiet))
        if not preview.ok:
            bad = preview.rows_with_errors
            raise SystemExit(f"{len(bad)} rows with errors: " + "; ".join(
                f"row {row.number}: {', '.join(row.errors)}" for row in bad[:20]))
        write = lambda: services.participants_import(preview=preview, by=None)
        counts = timed(phases, "write", write)
        if trace:
            tracemalloc.stop()
        result[label] = {"phases": phases, "counts": counts}
    result[label].update(total=time.perf_counter() - started, rss=rss(),
                         participants=Participant.objects.count())
emit(result)
"""


class Copies:
    """Each run's fresh copy of the migrated database: a copy of the SQLite file, or
    CREATE DATABASE <name>_<run> TEMPLATE <name> (always dropped afterwards)."""

    def __init__(self, site):
        self.site, self.url = site, site.database_url
        self.postgres = harness.is_postgres(self.url)

    def url_for(self, run):
        parts = urlsplit(self.url)
        if self.postgres:
            return urlunsplit(parts._replace(path=f"{parts.path}_{run}"))
        return f"sqlite:///{self.site.work_dir / f'bench-{run}.sqlite3'}"

    def run(self, run, code, **env):
        url = self.url_for(run)
        if self.postgres:
            harness.create_postgres_database(
                url, template=urlsplit(self.url).path[1:], missing_only=False
            )
        else:
            shutil.copyfile(urlsplit(self.url).path, urlsplit(url).path)
        try:
            return self.site.shell(code, f"IMPORT_CODE ({run})", DATABASE_URL=url, **env)
        finally:
            if self.postgres:
                harness.drop_postgres_database(url)


def rate(rows, seconds):
    return f"{rows / seconds:,.0f}" if seconds > 0 else "-"


def mib(value):
    return f"{value / MIB:,.1f}"


def verification(rows, results):
    """(line, ok) for every check of the participant count and the import's own counts."""
    expected = {
        "first": {"baru": rows, "diperbarui": 0, "tetap": 0, "menunggu": 0},
        "reimport": {"baru": 0, "diperbarui": 0, "tetap": rows, "menunggu": 0},
    }
    checks = []
    for name, run in results.items():
        for label, title in LABELS:
            found = run[label]["participants"]
            line = f"{name} run, after the {title}: {found:,} participants (expected {rows:,})"
            checks.append((line, found == rows))
            if "counts" in run[label]:
                counts = run[label]["counts"]
                checks.append((f"{name} run, {title} reported {counts}", counts == expected[label]))
    return checks


def print_report(args, site, prepared, results, load_before, migrate_seconds):
    rows, timed, memory, command = args.rows, *results.values()
    groups = ", ".join(f"{group.upper()} {count:,}" for group, count in prepared["groups"].items())
    print(
        f"\nLentera participant import benchmark\n  rows: {rows:,} ({groups}); "
        f"{prepared['agencies']} OPD of kind dinas"
    )
    print(
        f"  file: participants.xlsx, {prepared['size']:,} bytes ({prepared['size'] / MIB:.2f} "
        f"MiB), written in {prepared['seconds']:.2f} s with openpyxl write_only"
    )
    print(
        f"  database: {site.database_label}; {prepared['vendor']} {prepared['server']}; every "
        "run below starts from a fresh copy of the migrated database"
    )
    print(f"  migrate: {migrate_seconds:.1f} s (not measured below)")
    print(f"  python {platform.python_version()}, settings: config.settings.dev with DEBUG=false")
    print(
        f"  cores: {os.cpu_count()}, load average (1/5/15 min) before the run: "
        + "/".join(f"{value:.2f}" for value in load_before)
    )
    table = []
    for label, title in LABELS:
        run = timed[label]
        written = run["counts"]["baru"] + run["counts"]["diperbarui"]
        for phase, record in run["phases"].items():
            # A re-import of unchanged rows writes nothing: rows/s would be meaningless.
            speed = (
                "nothing to write"
                if phase == "write" and not written
                else rate(rows, record["seconds"])
            )
            table.append([title, phase, f"{record['seconds']:.3f}", speed, record["queries"]])
        queries = sum(record["queries"] for record in run["phases"].values())
        table.append([title, "total", f"{run['total']:.3f}", rate(rows, run["total"]), queries])
    print(
        "\nTimed run (no tracemalloc): read = read_table, check = preview_import,\n"
        "write = participants_import; rows/s = file rows / seconds"
    )
    print(harness.format_table(["import", "phase", "seconds", "rows/s", "queries"], table))
    print(
        f"  max RSS of the process: {mib(timed['rss_ready'])} MiB with Django loaded, before "
        f"importing; {mib(timed['first']['rss'])} MiB after the first import, "
        f"{mib(timed['reimport']['rss'])} MiB after the re-import"
    )
    table = []
    for label, title in LABELS:
        phases = memory[label]["phases"]
        table += [[title, phase, mib(r["peak"]), mib(r["current"])] for phase, r in phases.items()]
        table.append([title, "whole import", mib(max(r["peak"] for r in phases.values())), "-"])
    print(
        "\nMemory run (tracemalloc, a separate process on a fresh database): Python allocations\n"
        "made after the import started; a phase's peak includes what earlier phases still hold"
    )
    print(
        harness.format_table(
            ["import", "phase", "peak MiB", "still held after the phase MiB"], table
        )
    )
    traced = ", ".join(f"{memory[label]['total']:.2f} s" for label, _ in LABELS)
    print(f"  (imports under tracemalloc took {traced}: not comparable with the timed run)")
    print('\nManagement command: call_command("import_participants", <file>), fresh database')
    table = [
        [
            title,
            command[label]["output"],
            f"{command[label]['total']:.3f}",
            rate(rows, command[label]["total"]),
        ]
        for label, title in LABELS
    ]
    print(harness.format_table(["import", "output", "seconds", "rows/s"], table))
    print(f"  max RSS of the process: {mib(command['reimport']['rss'])} MiB\n\nChecks:")
    checks = verification(rows, results)
    for line, ok in checks:
        print(f"  {'OK  ' if ok else 'FAIL'} {line}")
    print()
    site.print_reproduction()
    return all(ok for _, ok in checks)


def summary_rows(rows, results, checks_ok):
    timed, memory, command = results["timed"], results["memory"], results["command"]
    speed = {label: rows / timed[label]["total"] for label, _ in LABELS}
    peak = max(record["peak"] for record in memory["first"]["phases"].values())
    return [
        harness.summary_row(
            "import",
            f"first import of {rows:,} rows, read+check+write",
            round(speed["first"]),
            "rows/s",
        ),
        harness.summary_row(
            "import",
            "re-import of the same file (nothing written)",
            round(speed["reimport"]),
            "rows/s",
            ratio=round(speed["reimport"] / speed["first"], 2),
            against="first import rows/s",
        ),
        harness.summary_row(
            "import",
            "manage.py import_participants, first import",
            round(rows / command["first"]["total"]),
            "rows/s",
        ),
        harness.summary_row(
            "import", "peak Python memory, first import (tracemalloc)", round(peak / MIB, 1), "MiB"
        ),
        harness.summary_row(
            "import",
            "max RSS of the importing process",
            round(timed["reimport"]["rss"] / MIB),
            "MiB",
        ),
        harness.check_row(
            "import", "checks: participants counted, every row new then unchanged", checks_ok
        ),
    ]


def main(argv=None):
    parser = harness.bench_parser("Time and measure the participant import (read, check, write).")
    add = parser.add_argument
    add("--rows", type=harness.positive_int, default=10_000, help="at most 1,000,000 (10,000)")
    # Each run uses a copy <name>_<run>; created when missing, then dropped (an existing one kept).
    add("--database-url", help="a PostgreSQL database instead of a temporary SQLite file")
    args = parser.parse_args(argv)
    if args.rows > 1_000_000:
        parser.error("--rows must be at most 1,000,000 (the generated identifiers stay distinct)")
    if args.database_url and not harness.is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (the default is a temporary SQLite)")
    load_before = os.getloadavg()
    # DEBUG off as in production: with DEBUG on Django keeps every query's SQL in memory.
    with harness.bench_site(
        "import_participants.py",
        args.database_url,
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DEBUG="false",
    ) as site:
        xlsx = str(site.work_dir / "participants.xlsx")
        harness.log(f"migrate; {args.rows:,} participants written to {xlsx}; the OPD")
        started = time.perf_counter()
        site.manage("migrate", "--noinput")
        migrate_seconds = time.perf_counter() - started
        prepared = site.shell(
            PREPARE_CODE, "PREPARE_CODE", BENCH_FILE=xlsx, BENCH_ROWS=str(args.rows)
        )
        copies, results = Copies(site), {}
        for run in ("timed", "memory", "command"):
            harness.log(f"{run} run on a fresh copy of the database")
            results[run] = copies.run(run, IMPORT_CODE, BENCH_FILE=xlsx, BENCH_SCENARIO=run)
        ok = print_report(args, site, prepared, results, load_before, migrate_seconds)
        harness.write_summary(
            args.summary_json, summary_rows(args.rows, results, ok), {"rows": args.rows}
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
