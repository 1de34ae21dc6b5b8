"""Benchmark: how fast Lentera imports a participant list (XLSX), and how much memory it needs.

Never part of the test suite. It generates an XLSX file of --rows participants (PNS, PPPK and PTT
rows with valid, distinct NIPs, NIKs and emails, spread over 40 OPD), migrates an isolated
database (a temporary SQLite file, or the PostgreSQL database given with --database-url) and adds
the OPD. The imports then run in child processes, each on a fresh copy of that database:

1. timed: reading (read_table), checking (preview_import) and writing (participants_import),
   first into the empty database, then a re-import of the same file (every row unchanged); rows
   per second and queries per phase, and the process's max RSS;
2. memory: the same two imports under tracemalloc, for the peak Python memory of each phase
   (tracemalloc slows Python down, which is why the timed run goes without it);
3. command: `manage.py import_participants <file>` end to end (call_command), first import and
   re-import.

After every import it checks that the database holds exactly --rows participants.

Usage (from the repository root):

    .venv/bin/python bench/import_participants.py [--rows N] [--database-url URL]
"""

import argparse
import datetime
import gc
import io
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

# bench/ is on sys.path when this file runs as a script: the benchmarks' shared helpers.
from harness import (
    REPO_DIR,
    add_summary_option,
    clean_environ,
    drop_postgres_database,
    ensure_postgres_database,
    format_table,
    install_sigterm_handler,
    is_postgres,
    log,
    positive_int,
    postgres_admin_connection,
    redact_url,
    summary_row,
    write_summary,
)

MAX_ROWS = 1_000_000  # the generated NIPs, NIKs and emails stay distinct up to here
SCENARIOS = ("timed", "memory", "command")
MIB = 1024 * 1024

# The columns of the import template (content/people/importing.py: COLUMNS).
HEADERS = ["nama", "kelompok", "nip", "nik", "opd", "jabatan", "pangkat_golongan", "email"]
HEADERS += ["telepon"]

AGENCIES = [
    ("Dinas Pendidikan", "Disdik"),
    ("Dinas Kesehatan", "Dinkes"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("Dinas Sosial", "Dinsos"),
    ("Dinas Tenaga Kerja", "Disnaker"),
    ("Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "DP3A"),
    ("Dinas Ketahanan Pangan", "DKP"),
    ("Dinas Lingkungan Hidup", "DLH"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("Dinas Pengendalian Penduduk dan Keluarga Berencana", "DPPKB"),
    ("Dinas Perhubungan", "Dishub"),
    ("Dinas Komunikasi dan Informatika", "Diskominfo"),
    ("Dinas Koperasi, Usaha Kecil dan Menengah", "Diskop UKM"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("Dinas Kepemudaan dan Olahraga", "Dispora"),
    ("Dinas Kebudayaan", "Disbud"),
    ("Dinas Pariwisata", "Dispar"),
    ("Dinas Perpustakaan dan Kearsipan", "Dispusip"),
    ("Dinas Perindustrian", "Disperin"),
    ("Dinas Perdagangan", "Disdag"),
    ("Dinas Pertanian", "Distan"),
    ("Dinas Perikanan", "Diskan"),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", "Damkar"),
    ("Dinas Pertanahan", "Distanah"),
    ("Dinas Kelautan", "Dislaut"),
    ("Dinas Peternakan", "Disnak"),
    ("Dinas Kehutanan", "Dishut"),
    ("Dinas Energi dan Sumber Daya Mineral", "Dinas ESDM"),
    ("Dinas Sumber Daya Air", "Dinas SDA"),
    ("Dinas Bina Marga", "DBM"),
    ("Dinas Cipta Karya", "Discipta"),
    ("Dinas Pertamanan dan Pemakaman", "Distamkam"),
    ("Dinas Kesehatan Hewan", "Diskeswan"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD"),
    ("Dinas Penataan Ruang", "Distaru"),
    ("Dinas Kearsipan Daerah", "Disarsip"),
    ("Dinas Ketenteraman dan Ketertiban Umum", "Trantibum"),
    ("Dinas Tanaman Pangan dan Hortikultura", "Distanhorti"),
    ("Dinas Kesehatan Lingkungan", "Dinkesling"),
]

FIRST_NAMES = ["Siti", "Budi", "Agus", "Dewi", "Rina", "Joko", "Ahmad", "Sri", "Eko", "Nur"]
FIRST_NAMES += ["Wahyu", "Ratna", "Bambang", "Lestari", "Hendra", "Yuni", "Rizky", "Indah"]
LAST_NAMES = ["Santoso", "Wulandari", "Prasetyo", "Rahmawati", "Hidayat", "Setiawan", "Lestari"]
LAST_NAMES += ["Saputra", "Kurniawan", "Purnomo", "Handayani", "Nugroho", "Susanti", "Wibowo"]
DOMAINS = ["jogjakota.go.id", "contoh.go.id", "gmail.com", "yahoo.co.id"]
POSITIONS = ["Analis Kebijakan", "Pranata Komputer", "Pengelola Keuangan", "Staf", "Arsiparis"]
POSITIONS += ["Perencana", "Auditor", "Guru", "Perawat", "Penyuluh"]
PNS_RANKS = ["II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b"]
# What agencies write in the group column (importing.GROUP_ALIASES).
GROUP_LABELS = {
    "pns": ["PNS", "ASN - PNS", "pns", "ASN PNS"],
    "pppk": ["PPPK", "ASN - PPPK"],
    "ptt": ["PTT", "Non ASN", "Honorer", "THL"],
}
# Kecamatan codes of Kota Yogyakarta (3471 01..14): valid NIK region codes.
NIK_REGIONS = [f"3471{number:02d}" for number in range(1, 15)]


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def row_count(value):
    number = positive_int(value)
    if number > MAX_ROWS:
        raise argparse.ArgumentTypeError(f"must be at most {MAX_ROWS:,}, not {value}")
    return number


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Time and measure the participant import (read, check, write) of an XLSX file."
    )
    parser.add_argument(
        "--rows",
        type=row_count,
        default=10_000,
        help="participants in the generated file (default 10000)",
    )
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database instead of a temporary SQLite file, e.g. "
        "postgres://postgres@127.0.0.1:5432/lentera_bench_import (created when missing, then "
        "dropped at the end; an existing one is kept); each run uses a copy <name>_<run> of it",
    )
    add_summary_option(parser)
    # Internal: the parent runs this file again as a child process for each measurement.
    parser.add_argument("--child", choices=("setup", *SCENARIOS), help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.database_url and not is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (the default is a temporary SQLite)")
    return args


# --------------------------------------------------------------------------------------------
# The XLSX file
# --------------------------------------------------------------------------------------------


def asn_birth_and_sequence(index):
    """A (birth date, NIP sequence) pair that differs for every index below 9000 * 999.

    999 sequence numbers per birth date; the birth dates are spread over about 25 years (389 and
    9000 are coprime, so day * 389 % 9000 differs for every day below 9000).
    """
    day, sequence = divmod(index, 999)
    offset = datetime.timedelta(days=day * 389 % 9000)
    return datetime.date(1970, 1, 1) + offset, sequence + 1


def pns_nip(index):
    from content.people.identity import Gender, compose_nip

    birth, sequence = asn_birth_and_sequence(index)
    appointment = datetime.date(birth.year + 22 + index % 9, index % 12 + 1, 1)
    gender = Gender.MALE if index % 2 else Gender.FEMALE
    nip = compose_nip(birth_date=birth, appointment=appointment, gender=gender, sequence=sequence)
    if index % 8 == 5:
        # As people type it: "19850101 201001 1 001" (the import removes the spaces).
        nip = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip


def pppk_nip(index):
    """Birth date, appointment year, "21" where a PNS NIP has the month, gender, sequence."""
    birth, sequence = asn_birth_and_sequence(index)
    return f"{birth:%Y%m%d}{2019 + index % 6}21{index % 2 + 1}{sequence:03d}"


def ptt_nik(ptt_index):
    """A valid NIK, different for every ptt_index below 9999 * len(NIK_REGIONS)."""
    region = NIK_REGIONS[ptt_index // 9999 % len(NIK_REGIONS)]
    birth = datetime.date(1975, 1, 1) + datetime.timedelta(days=ptt_index * 131 % 9000)
    day = birth.day + (40 if ptt_index % 2 else 0)  # women: day + 40
    return f"{region}{day:02d}{birth:%m%y}{ptt_index % 9999 + 1:04d}"


def generate_rows(count):
    """(group, row) for `count` participants: 75% PNS, 15% PPPK, 10% PTT.

    One PNS row in ten has no email; PTT rows have a NIK only, an email only, or both.
    """
    for index in range(count):
        number = index + 1
        slot = index % 20
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = LAST_NAMES[index // len(FIRST_NAMES) % len(LAST_NAMES)]
        email = f"{first}.{last}.{number}@{DOMAINS[index % len(DOMAINS)]}"
        if index % 7:
            email = email.lower()  # and now and then as typed, with capitals
        agency_name, short_name = AGENCIES[index % len(AGENCIES)]
        agency = short_name if index % 10 == 3 else agency_name
        phone = f"08{index * 7919 % 10**10:010d}" if index % 2 == 0 else ""
        nip = nik = rank = ""
        if slot < 2:
            group = "ptt"
            ptt_index = index // 20 * 2 + slot
            if ptt_index % 3 != 0:
                nik = ptt_nik(ptt_index)
            if ptt_index % 3 == 1:
                email = ""
            position = "Tenaga Administrasi"
        elif slot < 5:
            group, nip = "pppk", pppk_nip(index)
            position = POSITIONS[index % len(POSITIONS)]
        else:
            group, nip = "pns", pns_nip(index)
            rank = PNS_RANKS[index % len(PNS_RANKS)]
            position = POSITIONS[index % len(POSITIONS)]
            if index % 10 == 9:
                email = ""
        labels = GROUP_LABELS[group]
        label = labels[index // 20 % len(labels)]
        row = [f"{first} {last}", label, nip, nik, agency, position, rank, email, phone]
        yield group, row


def write_xlsx(path, count):
    """Write the file with openpyxl's write-only workbook; returns the rows per group."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Peserta")
    sheet.append(HEADERS)
    groups = Counter()
    for group, row in generate_rows(count):
        groups[group] += 1
        sheet.append(row)
    workbook.save(path)
    add_dimension(path, f"A1:{get_column_letter(len(HEADERS))}{count + 1}")
    return dict(groups)


def add_dimension(path, ref):
    """Give the sheet the <dimension> element Excel and LibreOffice write.

    openpyxl's write-only sheets lack it, and without it openpyxl's read-only reader (the one
    read_table uses) parses the whole sheet once more just to look for it, which would make the
    read phase about twice as slow as for the files agencies actually upload.
    """
    element = f'<dimension ref="{ref}" />'.encode()
    patched = path.with_name(f"{path.name}.tmp")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(patched, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet") and b"<dimension" not in data:
                # The schema puts it after <sheetPr> and before <sheetViews> and <sheetData>.
                anchor = b"<sheetViews" if b"<sheetViews" in data else b"<sheetData"
                if data.count(anchor) != 1:
                    raise RuntimeError(f"Unexpected XML in {info.filename}")
                data = data.replace(anchor, element + anchor)
            target.writestr(info, data)  # keeps each entry's compression
    patched.replace(path)


# --------------------------------------------------------------------------------------------
# Child processes: one fresh database each
# --------------------------------------------------------------------------------------------


def max_rss_bytes():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux


class PhaseRecorder:
    """Seconds and queries of each phase, plus tracemalloc figures when tracing."""

    def __init__(self, trace):
        self.trace = trace
        self.phases = {}

    @contextmanager
    def phase(self, name):
        from django.db import connection

        queries = 0

        def count(execute, sql, params, many, context):
            nonlocal queries
            queries += 1
            return execute(sql, params, many, context)

        if self.trace:
            tracemalloc.reset_peak()
        with connection.execute_wrapper(count):
            start = time.perf_counter()
            yield
            seconds = time.perf_counter() - start
        record = {"seconds": seconds, "queries": queries}
        if self.trace:
            current, peak = tracemalloc.get_traced_memory()
            record.update(peak=peak, current=current)
        self.phases[name] = record


def import_file(path, recorder):
    """read_table, preview_import and participants_import, each measured as a phase."""
    from content.people import importing, services

    def progress(done, total):
        pass  # called every 500 rows, where the command redraws its progress bar

    with recorder.phase("read"):
        rows = list(importing.read_table(path.read_bytes(), path.name))
    with recorder.phase("check"):
        preview = importing.preview_import(rows, progress=progress)
    if not preview.ok:
        bad = preview.rows_with_errors
        details = "\n".join(f"  row {row.number}: {'; '.join(row.errors)}" for row in bad[:20])
        raise SystemExit(f"{len(bad)} rows with errors in the generated file:\n{details}")
    with recorder.phase("write"):
        counts = services.participants_import(preview=preview, by=None)
    return counts


def child_imports(path, trace):
    """First import, then re-import of the same file."""
    from content.people.models import Participant

    result = {"rss_ready": max_rss_bytes()}
    for label in ("first", "reimport"):
        gc.collect()
        recorder = PhaseRecorder(trace)
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        counts = import_file(path, recorder)
        total = time.perf_counter() - start
        if trace:
            tracemalloc.stop()
        result[label] = {
            "phases": recorder.phases,
            "total": total,
            "counts": counts,
            "participants": Participant.objects.count(),
            "rss": max_rss_bytes(),
        }
    return result


def child_command(path):
    """`manage.py import_participants <path>` twice, as an operator would run it."""
    from django.core.management import call_command

    from content.people.models import Participant

    result = {"rss_ready": max_rss_bytes()}
    for label in ("first", "reimport"):
        gc.collect()
        out = io.StringIO()
        start = time.perf_counter()
        call_command("import_participants", str(path), stdout=out)
        total = time.perf_counter() - start
        result[label] = {
            "total": total,
            "output": out.getvalue().strip(),
            "participants": Participant.objects.count(),
            "rss": max_rss_bytes(),
        }
    return result


def child_setup():
    """Migrate the template database and add the OPD; it must hold no participant yet."""
    from django.core.management import call_command
    from django.db import connection

    from content.people.models import Agency, AgencyKind, Participant

    start = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_seconds = time.perf_counter() - start
    for name, short_name in AGENCIES:
        Agency.objects.update_or_create(
            name=name,
            defaults={"short_name": short_name, "kind": AgencyKind.DINAS, "is_active": True},
        )
    participants = Participant.objects.count()
    if participants:
        raise SystemExit(f"The database holds {participants} participants: use an empty one.")
    return {
        "migrate_seconds": migrate_seconds,
        "agencies": Agency.objects.filter(is_active=True).count(),
        "vendor": connection.vendor,
        "server": server_version(connection),
    }


def server_version(connection):
    if connection.vendor == "sqlite":
        return ".".join(str(part) for part in connection.Database.sqlite_version_info)
    return f"{connection.pg_version // 10000}.{connection.pg_version % 100}"  # 150020: 15.20


def child_main(args):
    """Runs in a child process whose environment already names its database."""
    sys.path[:0] = [str(REPO_DIR / "site"), str(REPO_DIR)]
    import django

    django.setup()
    from django.db import connections

    if args.child == "setup":
        result = child_setup()
    elif args.child == "command":
        result = child_command(Path(args.file))
    else:
        result = child_imports(Path(args.file), trace=args.child == "memory")
    connections.close_all()
    Path(args.result).write_text(json.dumps(result))


# --------------------------------------------------------------------------------------------
# Databases and child processes, seen from the parent
# --------------------------------------------------------------------------------------------


def child_env(database_url, media_root):
    """The caller's environment minus every settings variable, plus the benchmark's own.

    DEBUG is off as in production: with DEBUG on Django keeps every query's SQL in memory, which
    would add the multi-row INSERTs to the measured memory.
    """
    env = clean_environ()
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.dev",
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        PRIVATE_MEDIA_ROOT=str(media_root) + "-private",
        DEBUG="false",
        LOG_LEVEL="WARNING",
        TASK_WORKER="false",
    )
    return env


def run_child(scenario, database_url, work_dir, xlsx_path=None):
    result_path = work_dir / f"{scenario}.json"
    argv = [sys.executable, str(Path(__file__).resolve()), "--child", scenario]
    argv += ["--result", str(result_path)]
    if xlsx_path is not None:
        argv += ["--file", str(xlsx_path)]
    env = child_env(database_url, work_dir / "media")
    completed = subprocess.run(
        argv, cwd=REPO_DIR, env=env, capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise RuntimeError(f"The {scenario} run failed ({completed.returncode})")
    return json.loads(result_path.read_text())


def with_database_name(url, name):
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


class SqliteDatabases:
    """A migrated template file; each run gets its own copy."""

    def __init__(self, work_dir):
        self.work_dir = work_dir
        self.template = work_dir / "bench.sqlite3"
        self.url = f"sqlite:///{self.template}"
        self.label = f"SQLite {self.template} (temporary)"

    def _path(self, scenario):
        return self.work_dir / f"bench-{scenario}.sqlite3"

    def fresh(self, scenario):
        shutil.copyfile(self.template, self._path(scenario))
        return f"sqlite:///{self._path(scenario)}"

    def discard(self, scenario):
        self._path(scenario).unlink(missing_ok=True)

    def close(self):
        pass  # the temporary directory goes as a whole


class PostgresDatabases:
    """The database of --database-url is the migrated template; each run gets a copy of it,
    <name>_<run>, made with CREATE DATABASE ... TEMPLATE and always dropped afterwards."""

    def __init__(self, url):
        self.url = url
        self.label = redact_url(url)
        self.created = ensure_postgres_database(url)
        if self.created:
            log(f"created database {redact_url(url)}")
        self.copies = []

    def _url(self, scenario):
        name = urlsplit(self.url).path.lstrip("/")
        return with_database_name(self.url, f"{name}_{scenario}")

    def fresh(self, scenario):
        from psycopg import sql

        url = self._url(scenario)
        connection, template = postgres_admin_connection(self.url)
        name = urlsplit(url).path.lstrip("/")
        with connection:
            exists = "SELECT 1 FROM pg_database WHERE datname = %s"
            if connection.execute(exists, [name]).fetchone():
                raise SystemExit(f"Database {name} exists already: drop it or choose another URL.")
            statement = sql.SQL("CREATE DATABASE {} TEMPLATE {}")
            connection.execute(statement.format(sql.Identifier(name), sql.Identifier(template)))
        self.copies.append(url)
        return url

    def discard(self, scenario):
        url = self._url(scenario)
        if url in self.copies:
            drop_postgres_database(url)
            self.copies.remove(url)

    def close(self):
        for url in list(self.copies):
            drop_postgres_database(url)
            self.copies.remove(url)
        if self.created:
            drop_postgres_database(self.url)
            log(f"dropped database {redact_url(self.url)}")


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def rate(rows, seconds):
    return f"{rows / seconds:,.0f}" if seconds > 0 else "-"


def mib(value):
    return f"{value / MIB:,.1f}"


def timing_table(timed, rows):
    table = []
    for label, title in (("first", "first import"), ("reimport", "re-import")):
        run = timed[label]
        written = run["counts"]["baru"] + run["counts"]["diperbarui"]
        for phase, record in run["phases"].items():
            seconds = record["seconds"]
            # A re-import of unchanged rows writes nothing: rows/s would be meaningless.
            speed = "nothing to write" if phase == "write" and not written else rate(rows, seconds)
            table.append([title, phase, f"{seconds:.3f}", speed, record["queries"]])
        queries = sum(record["queries"] for record in run["phases"].values())
        table.append([title, "total", f"{run['total']:.3f}", rate(rows, run["total"]), queries])
    return format_table(["import", "phase", "seconds", "rows/s", "queries"], table)


def memory_table(memory):
    table = []
    for label, title in (("first", "first import"), ("reimport", "re-import")):
        run = memory[label]
        for phase, record in run["phases"].items():
            table.append([title, phase, mib(record["peak"]), mib(record["current"])])
        peak = max(record["peak"] for record in run["phases"].values())
        table.append([title, "whole import", mib(peak), "-"])
    headers = ["import", "phase", "peak MiB", "still held after the phase MiB"]
    return format_table(headers, table)


def verification(rows, timed, memory, command):
    """(line, ok) for every check of the participant count and the import's own counts."""
    checks = []
    expected_counts = {
        "first": {"baru": rows, "diperbarui": 0, "tetap": 0},
        "reimport": {"baru": 0, "diperbarui": 0, "tetap": rows},
    }
    for name, run in (("timed", timed), ("memory", memory), ("command", command)):
        for label, title in (("first", "first import"), ("reimport", "re-import")):
            found = run[label]["participants"]
            line = f"{name} run, after the {title}: {found:,} participants (expected {rows:,})"
            checks.append((line, found == rows))
            if "counts" in run[label]:
                counts = run[label]["counts"]
                ok = counts == expected_counts[label]
                checks.append((f"{name} run, {title} reported {counts}", ok))
    return checks


def print_report(args, run, databases, timed, memory, command):
    """`run`: the generated file's figures, the setup run's result and the load average."""
    rows, xlsx, setup = args.rows, run["xlsx"], run["setup"]
    load = "/".join(f"{value:.2f}" for value in run["load_before"])
    print()
    print("Lentera participant import benchmark")
    groups = ", ".join(f"{group.upper()} {count:,}" for group, count in run["groups"].items())
    print(f"  rows: {rows:,} ({groups}); {len(AGENCIES)} OPD of kind dinas")
    print(
        f"  file: {xlsx['path'].name}, {xlsx['size']:,} bytes ({xlsx['size'] / MIB:.2f} MiB), "
        f"written in {xlsx['seconds']:.2f} s with openpyxl write_only"
    )
    print(f"  database: {databases.label}; {setup['vendor']} {setup['server']}")
    print("            every run below starts from a fresh copy of the migrated database")
    print(f"  migrate: {setup['migrate_seconds']:.1f} s (not measured below)")
    print(f"  python {platform.python_version()}, settings: config.settings.dev with DEBUG=false")
    print(f"  cores: {os.cpu_count()}, load average (1/5/15 min) before the run: {load}")
    print()
    print("Timed run (no tracemalloc): read = read_table, check = preview_import,")
    print("write = participants_import; rows/s = file rows / seconds")
    print(timing_table(timed, rows))
    print(f"  max RSS of the process: {mib(timed['rss_ready'])} MiB with Django loaded, before")
    print(
        f"  importing; {mib(timed['first']['rss'])} MiB after the first import, "
        f"{mib(timed['reimport']['rss'])} MiB after the re-import"
    )
    print()
    print("Memory run (tracemalloc, a separate process on a fresh database): Python allocations")
    print("made after the import started; a phase's peak includes what earlier phases still hold")
    print(memory_table(memory))
    traced = ", ".join(f"{memory[label]['total']:.2f} s" for label in ("first", "reimport"))
    print(f"  (imports under tracemalloc took {traced}: not comparable with the timed run)")
    print()
    print('Management command: call_command("import_participants", <file>), fresh database')
    table = []
    for label, title in (("first", "first import"), ("reimport", "re-import")):
        run = command[label]
        table.append([title, run["output"], f"{run['total']:.3f}", rate(rows, run["total"])])
    print(format_table(["import", "output", "seconds", "rows/s"], table))
    print(f"  max RSS of the process: {mib(command['reimport']['rss'])} MiB")
    print()
    print("Checks:")
    checks = verification(rows, timed, memory, command)
    for line, ok in checks:
        print(f"  {'OK  ' if ok else 'FAIL'} {line}")
    return all(ok for _, ok in checks)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def summary_rows(rows, timed, memory, command, checks_ok):
    """The headline figures for --summary-json (run_all.py's table)."""
    name = "import"
    speed = {label: rows / timed[label]["total"] for label in ("first", "reimport")}
    peak = max(record["peak"] for record in memory["first"]["phases"].values())
    return [
        summary_row(
            name,
            f"first import of {rows:,} rows, read+check+write",
            round(speed["first"]),
            "rows/s",
        ),
        summary_row(
            name,
            "re-import of the same file (nothing written)",
            round(speed["reimport"]),
            "rows/s",
            ratio=round(speed["reimport"] / speed["first"], 2),
            against="first import rows/s",
        ),
        summary_row(
            name,
            "manage.py import_participants, first import",
            round(rows / command["first"]["total"]),
            "rows/s",
        ),
        summary_row(
            name, "peak Python memory, first import (tracemalloc)", round(peak / MIB, 1), "MiB"
        ),
        summary_row(
            name, "max RSS of the importing process", round(timed["reimport"]["rss"] / MIB), "MiB"
        ),
        summary_row(
            name,
            "checks: participants counted, every row new then unchanged",
            "pass" if checks_ok else "FAIL",
            "",
            goal="pass",
            met=checks_ok,
        ),
    ]


def main(argv=None):
    args = parse_args(argv)
    if args.child:
        child_main(args)
        return
    install_sigterm_handler()
    sys.path[:0] = [str(REPO_DIR / "site"), str(REPO_DIR)]  # content.people.identity
    work_dir = Path(tempfile.mkdtemp(prefix="lentera-bench-import-"))
    (work_dir / "media").mkdir()
    databases = None
    ok = False
    try:
        load_before = os.getloadavg()
        xlsx_path = work_dir / "participants.xlsx"
        log(f"writing {args.rows:,} participants to {xlsx_path}")
        start = time.perf_counter()
        groups = write_xlsx(xlsx_path, args.rows)
        xlsx = {
            "path": xlsx_path,
            "size": xlsx_path.stat().st_size,
            "seconds": time.perf_counter() - start,
        }
        if args.database_url:
            databases = PostgresDatabases(args.database_url)
        else:
            databases = SqliteDatabases(work_dir)
        log(f"migrate and {len(AGENCIES)} OPD: {databases.label}")
        setup = run_child("setup", databases.url, work_dir)
        results = {}
        for scenario in SCENARIOS:
            log(f"{scenario} run on a fresh copy of the database")
            url = databases.fresh(scenario)
            try:
                results[scenario] = run_child(scenario, url, work_dir, xlsx_path)
            finally:
                databases.discard(scenario)
        run = {"xlsx": xlsx, "groups": groups, "setup": setup, "load_before": load_before}
        ok = print_report(args, run, databases, **results)
        figures = summary_rows(args.rows, **results, checks_ok=ok)
        write_summary(args.summary_json, figures, {"rows": args.rows})
    finally:
        try:
            if databases is not None:
                databases.close()
        finally:
            shutil.rmtree(work_dir, ignore_errors=True)
    if not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
