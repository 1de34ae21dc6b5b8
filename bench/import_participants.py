"""Benchmark: rows per second and memory of the participant import (XLSX).

--rows realistic participants (tests/factories/spreadsheets) in a write-only workbook with the
<dimension> Excel writes; an isolated database (dev settings, DEBUG off; temporary SQLite) with
the 40 OPD. Three runs on fresh copies: timed (read, check, write; first import, then a
re-import that writes nothing), memory (tracemalloc), command. Exit status 1 when a check
(every row new, then unchanged; --rows participants) fails.

    .venv/bin/python bench/import_participants.py [--rows N]
"""

import functools
import os
import platform
import shutil
import sys
import time

import harness

MIB = 1024 * 1024
LABELS = (("first", "first import"), ("reimport", "re-import"))

# The file, the OPD, and what the database is; it must hold no participant yet.
PREPARE_CODE = """
import time
from collections import Counter
from django.db import connection
from content.people.models import Agency, AgencyKind, Participant
from tests.factories.spreadsheets import AGENCIES, varied_participant_rows, write_large_xlsx

path, count = pathlib.Path(os.environ["BENCH_FILE"]), int(os.environ["BENCH_ROWS"])
started, groups = time.perf_counter(), Counter()

def counted(rows):
    for group, row in rows:
        groups[group] += 1
        yield row

write_large_xlsx(path, counted(varied_participant_rows(count)), count)
seconds = time.perf_counter() - started
for name, short_name in AGENCIES:
    Agency.objects.update_or_create(
        name=name, defaults={"short_name": short_name, "kind": AgencyKind.DINAS, "is_active": True}
    )
if Participant.objects.exists():
    raise SystemExit("The database holds participants: use an empty one.")
server = ".".join(map(str, connection.Database.sqlite_version_info))
emit({"groups": dict(groups), "size": path.stat().st_size, "seconds": seconds,
      "agencies": len(AGENCIES), "vendor": connection.vendor, "server": server})
"""

# timed: a first import and a re-import (read_table, preview_import, participants_import);
# memory: the same under tracemalloc (its peak); command: the management command twice. The
# process's max RSS after each.
IMPORT_CODE = """
import gc, io, resource, time, tracemalloc
from django.core.management import call_command
from content.people import importing, services
from content.people.models import Participant

path, scenario = pathlib.Path(os.environ["BENCH_FILE"]), os.environ["BENCH_SCENARIO"]
rss = lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
quiet = lambda done, total: None  # where the command redraws its progress bar
result = {"rss_ready": rss()}
for label in ("first", "reimport"):
    gc.collect()
    started, out, counts = time.perf_counter(), io.StringIO(), None
    if scenario == "memory":
        tracemalloc.start()
    if scenario == "command":
        call_command("import_participants", str(path), stdout=out)
    else:
        rows = list(importing.read_table(path.read_bytes(), path.name))
        preview = importing.preview_import(rows, progress=quiet)
        if not preview.ok:
            bad = preview.rows_with_errors
            raise SystemExit(f"{len(bad)} rows with errors: " + "; ".join(
                f"row {row.number}: {', '.join(row.errors)}" for row in bad[:20]))
        counts = services.participants_import(preview=preview, by=None)
    result[label] = {"total": time.perf_counter() - started, "rss": rss(), "counts": counts,
                     "output": out.getvalue().strip()}
    if scenario == "memory":
        result[label]["peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    result[label]["participants"] = Participant.objects.count()
emit(result)
"""


def run_on_copy(site, run):
    """IMPORT_CODE in `run` on a fresh copy of the migrated SQLite file."""
    copy = site.work_dir / f"bench-{run}.sqlite3"
    shutil.copyfile(site.work_dir / "bench.sqlite3", copy)  # bench_site's temporary database
    env = {"DATABASE_URL": f"sqlite:///{copy}", "BENCH_SCENARIO": run}
    return site.shell(IMPORT_CODE, f"IMPORT_CODE ({run})", BENCH_FILE=site.xlsx, **env)


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
            if run[label]["counts"] is not None:
                counts = run[label]["counts"]
                checks.append((f"{name} run, {title} reported {counts}", counts == expected[label]))
    return checks


def print_report(args, site, prepared, results, load_before, migrate_seconds):
    rows, timed, command = args.rows, results["timed"], results["command"]
    groups = ", ".join(f"{group.upper()} {count:,}" for group, count in prepared["groups"].items())
    print(
        f"\nLentera participant import benchmark\n  rows: {rows:,} ({groups}); "
        f"{prepared['agencies']} OPD of kind dinas\n  file: participants.xlsx, "
        f"{prepared['size']:,} bytes, written in {prepared['seconds']:.2f} s (openpyxl write_only)"
        f"\n  database: {site.database_label}; {prepared['vendor']} {prepared['server']}; every "
        f"run starts from a fresh copy of the migrated one (migrate: {migrate_seconds:.1f} s)\n"
        f"  python {platform.python_version()}, config.settings.dev with DEBUG=false; cores: "
        f"{os.cpu_count()}, load average before the run: {harness.load_text(load_before)}"
    )
    print(
        f"  max RSS of the process: {timed['rss_ready'] / MIB:,.1f} MiB with Django loaded, "
        f"before importing; the command printed: {command['first']['output']!r}\n\nChecks:"
    )
    checks = verification(rows, results)
    for line, ok in checks:
        print(f"  {'OK  ' if ok else 'FAIL'} {line}")
    print()
    site.print_reproduction()
    return all(ok for _, ok in checks)


def summary_rows(rows, results, checks_ok):
    timed, memory, command = results["timed"], results["memory"], results["command"]
    first, again = (rows / timed[label]["total"] for label, _ in LABELS)
    command_speed, peak = rows / command["first"]["total"], memory["first"]["peak"] / MIB
    row = functools.partial(harness.summary_row, "import")
    checks = "checks: participants counted, every row new then unchanged"
    return [
        row(f"first import of {rows:,} rows, read+check+write", round(first), "rows/s"),
        row(
            "re-import of the same file (nothing written)",
            round(again),
            "rows/s",
            ratio=round(again / first, 2),
            against="first import rows/s",
        ),
        row("manage.py import_participants, first import", round(command_speed), "rows/s"),
        row("peak Python memory, first import (tracemalloc)", round(peak, 1), "MiB"),
        row("max RSS of the importing process", round(timed["reimport"]["rss"] / MIB), "MiB"),
        harness.check_row("import", checks, checks_ok),
    ]


def main(argv=None):
    parser = harness.bench_parser("Time and measure the participant import (read, check, write).")
    add = parser.add_argument
    add("--rows", type=harness.positive_int, default=10_000, help="at most 1,000,000 (10,000)")
    args = parser.parse_args(argv)
    if args.rows > 1_000_000:
        parser.error("--rows must be at most 1,000,000 (the generated identifiers stay distinct)")
    load_before = os.getloadavg()
    # DEBUG off as in production: with DEBUG on Django keeps every query's SQL in memory.
    with harness.bench_site(DJANGO_SETTINGS_MODULE="config.settings.dev", DEBUG="false") as site:
        site.xlsx = str(site.work_dir / "participants.xlsx")
        harness.log(f"migrate; {args.rows:,} participants written to {site.xlsx}; the OPD")
        started = time.perf_counter()
        site.manage("migrate", "--noinput")
        migrate_seconds = time.perf_counter() - started
        prepared = site.shell(
            PREPARE_CODE, "PREPARE_CODE", BENCH_FILE=site.xlsx, BENCH_ROWS=str(args.rows)
        )
        results = {}
        for run in ("timed", "memory", "command"):
            harness.log(f"{run} run on a fresh copy of the database")
            results[run] = run_on_copy(site, run)
        ok = print_report(args, site, prepared, results, load_before, migrate_seconds)
        harness.write_summary(
            args.summary_json, summary_rows(args.rows, results, ok), {"rows": args.rows}
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
