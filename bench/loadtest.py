"""What the Locust load tests (checkin_load.py, quiz_submit.py) share: their options, the site
(isolated PostgreSQL database, production settings, demo data), one gunicorn configuration under
Locust (bench/locustfile.py) with PostgreSQL's counters around it, and the report's frame.

Each benchmark keeps its scenario: its setup and verification snippets, its figures and rows.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import harness

LOCUSTFILE = harness.REPO_DIR / "bench" / "locustfile.py"
PG_STAT_COLUMNS = ("xact_commit", "xact_rollback", "deadlocks", "tup_inserted", "tup_updated")

# Setup snippets start with this (after harness.SHELL_PRELUDE): the participants <username>-0001
# to -<count> (PTT), added when missing with one password hash for all, ordered by username,
# and one logged-in session each ({pk: session key}).
PARTICIPANTS_CODE = """
from django.contrib.auth.hashers import make_password
from django.db import transaction
from content.people.models import Agency, AgencyKind, ParticipantGroup
from tests.factories.people import bulk_participants

def bench_participants(count, username, full_name, agency_name, agency_short_name):
    agency, _ = Agency.objects.get_or_create(
        name=agency_name, defaults={"short_name": agency_short_name, "kind": AgencyKind.DINAS}
    )
    users = bulk_participants(
        count,
        username=username,
        password=make_password(os.environ["BENCH_PASSWORD"]),
        full_name=lambda number: f"{full_name} {number:04d}",
        participant_group=ParticipantGroup.PTT,
        agency=agency,
    )
    with transaction.atomic():
        return users, {user.pk: login_session(user) for user in users}
"""


@dataclass(frozen=True)
class Server:
    """A gunicorn configuration: sync workers (threads == 1) or gthread workers."""

    workers: int
    threads: int

    @property
    def label(self):
        return f"{self.workers} workers x {self.threads} thread{'s' if self.threads > 1 else ''}"

    @property
    def tag(self):
        return f"{self.workers}x{self.threads}"


def server_spec(value):
    match = re.fullmatch(r"(\d+)x(\d+)", value)
    if not match or min(int(match[1]), int(match[2])) < 1:
        raise argparse.ArgumentTypeError(f"expected WORKERSxTHREADS such as 4x1, not {value!r}")
    return Server(int(match[1]), int(match[2]))


def load_test_parser(description, default_database_url):
    parser = harness.bench_parser(description, default_database_url)
    add = parser.add_argument
    add("--participants", type=harness.positive_int, default=500, help="participants (default 500)")
    add(
        "--users",
        type=harness.positive_int,
        help="Locust users (phones); default one per participant. With fewer, each user takes "
        "the next participant once it is done with one",
    )
    add(
        "--spawn-rate",
        type=float,
        default=50.0,
        help="Locust users started per second (default 50: 500 phones arrive within 10 s)",
    )
    add(
        "--run-time",
        type=harness.positive_int,
        default=60,
        help="seconds every participant must be done in; Locust stops then (default 60)",
    )
    add(
        "--server",
        type=server_spec,
        nargs="+",
        default=[Server(4, 1)],
        metavar="WORKERSxTHREADS",
        help="gunicorn configurations to run in turn, e.g. --server 4x1 2x4 (default 4x1: "
        "4 sync workers, as the Procfile; 2x4: 2 gthread workers of 4 threads)",
    )
    return parser


def parse_load_args(parser, argv):
    # SQLite serializes every write: the point of these tests is PostgreSQL's concurrency.
    args = harness.check_postgres(parser, parser.parse_args(argv))
    args.users = args.users or args.participants
    return args


def locust_program():
    script = Path(sys.executable).with_name("locust")
    if not script.exists():
        raise SystemExit(
            f"Locust is not installed next to {sys.executable}: "
            ".venv/bin/pip install -r requirements-dev.txt"
        )
    return script


@contextmanager
def load_test_site(args, redis_url, script):
    """The site (bench_site) with the demo data and static files; yields it with `port` (one
    for the whole run) and `plan_file` (where the setup snippet writes the Locust plan)."""
    locust_program()  # fail before the slow setup when Locust is missing
    with harness.bench_site(
        script,
        args.database_url,
        keep_database=args.keep_database,
        redis_url=redis_url,
        ALLOWED_HOSTS=harness.HOST,
    ) as site:
        site.build_demo_site()
        site.port = harness.free_port()
        site.plan_file = site.work_dir / "plan.json"
        yield site


def warm_up(port, server, path, expected_status):
    """Anonymous GETs of `path` from as many clients as gunicorn has threads, twice over."""
    clients = 2 * server.workers * server.threads
    with ThreadPoolExecutor(clients) as pool:
        statuses = Counter(
            s for s, *_ in pool.map(lambda _: harness.get(port, path), range(clients * 4))
        )
    if set(statuses) != {expected_status}:
        harness.log(f"warning: warm-up answers {dict(statuses)}, expected only {expected_status}")


def pg_stats(database_url):
    """The database's cumulative counters in pg_stat_database."""
    connection, name = harness.postgres_admin_connection(database_url)
    with connection:
        row = connection.execute(
            f"SELECT {', '.join(PG_STAT_COLUMNS)} FROM pg_stat_database WHERE datname = %s", [name]
        ).fetchone()
    return dict(zip(PG_STAT_COLUMNS, row or [0] * len(PG_STAT_COLUMNS), strict=True))


def run_locust(site, args, results_file, log_file, secret_env):
    """Locust headless, bounded by --run-time plus a minute; (results, exit, seconds, CPU
    warnings). SECRET_KEY (secret_env) is set but never printed."""
    argv = [str(locust_program()), "-f", str(LOCUSTFILE), "--headless", "--users", str(args.users)]
    argv += ["--spawn-rate", f"{args.spawn_rate:g}", "--run-time", f"{args.run_time}s"]
    argv += [
        "--host",
        f"http://{harness.HOST}:{site.port}",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    overrides = {
        "LENTERA_LOAD_PLAN": str(site.plan_file),
        "LENTERA_LOAD_RESULTS": str(results_file),
    }
    env = {**harness.clean_environ(drop_prefix="LOCUST_"), **overrides, **secret_env}
    site.commands.add(argv, overrides)
    started = time.perf_counter()
    with log_file.open("w") as output:
        process = subprocess.Popen(
            argv,
            cwd=harness.REPO_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            process.wait(timeout=args.run_time + 60)
        except subprocess.TimeoutExpired:
            harness.log("locust did not exit in time and was killed")
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    elapsed = time.perf_counter() - started
    lines = log_file.read_text().splitlines()
    if not results_file.exists():
        tail = "\n".join(lines[-40:])
        raise RuntimeError(f"locust wrote no results (exit {process.returncode}):\n{tail}")
    warnings = sum("CPU usage" in line for line in lines)
    return json.loads(results_file.read_text()), process.returncode, elapsed, warnings


def run_configuration_load(
    site,
    server,
    args,
    *,
    ready_path,
    login_check,
    warmup,
    per_participant,
    verify_code,
    secret_env=None,
):
    """Start gunicorn with `server`, wait for `ready_path`, check that `login_check` = (path,
    cookie header) answers 200 (the pre-made sessions are accepted), warm every worker with
    `warmup` = (path, status), run Locust between two readings of PostgreSQL's counters, then
    `verify_code` (it finds the plan and the results in $BENCH_PLAN and $BENCH_RESULTS and emits
    what the database holds). Returns the part of the summary every scenario shares."""
    results_file = site.work_dir / f"results-{server.tag}.json"
    gunicorn_log = site.work_dir / f"gunicorn-{server.tag}.log"
    argv = harness.gunicorn_argv(site.port, server.workers, gunicorn_log, server.threads)
    site.commands.add(argv)
    harness.log(f"{server.label}: starting gunicorn on {harness.HOST}:{site.port}")
    with harness.GunicornServer(argv, site.env, gunicorn_log) as gunicorn:
        gunicorn.wait_ready(site.port, ready_path)
        path, cookie = login_check
        status, _body, headers = harness.get(site.port, path, {"Cookie": cookie})
        if status != 200:
            raise RuntimeError(
                f"GET {path} with a participant's session cookie answered {status} (Location: "
                f"{headers.get('Location')}): the pre-made sessions are not accepted"
            )
        warm_up(site.port, server, *warmup)
        before = pg_stats(args.database_url)
        load_before = harness.machine_facts()["load_average"]
        harness.log(
            f"{server.label}: locust, {args.participants} participants x {per_participant}, "
            f"{args.users} users at {args.spawn_rate:g}/s, at most {args.run_time} s"
        )
        locust_log = site.work_dir / f"locust-{server.tag}.log"
        results, code, seconds, warnings = run_locust(
            site, args, results_file, locust_log, secret_env or {}
        )
        load_after = harness.machine_facts()["load_average"]
        server_errors = sum(
            "Traceback" in line or "[CRITICAL]" in line
            for line in gunicorn.log_tail(lines=100_000).splitlines()
        )
    time.sleep(1.0)  # gunicorn has stopped: its connections' statistics are flushed
    after = pg_stats(args.database_url)
    db = site.shell(
        verify_code, "VERIFY_CODE", BENCH_PLAN=str(site.plan_file), BENCH_RESULTS=str(results_file)
    )
    return results, {
        "server": server,
        "db": db,
        "pg": {key: after[key] - before[key] for key in PG_STAT_COLUMNS},
        "locust": results["locust"],
        "locust_exit": code,
        "locust_seconds": seconds,
        "cpu_warnings": warnings,
        "server_errors": server_errors,
        "load_before": load_before,
        "load_after": load_after,
    }


def nothing_lost_rows(benchmark, label, summary, duplicates, measure, unit):
    """Failed requests and doubled records (goal 0 each), and the load average before."""
    return [
        harness.summary_row(
            benchmark,
            label + "failures",
            summary["failures"],
            "requests",
            goal="0",
            met=summary["failures"] == 0,
        ),
        harness.summary_row(
            benchmark, label + measure, duplicates, unit, goal="0", met=duplicates == 0
        ),
        harness.summary_row(
            benchmark, label + "load average before", summary["load_before"][0], "1 min"
        ),
    ]


def run(args, scenario):
    """The whole load test of `scenario` (the benchmark's module): the site, each --server
    configuration (scenario.run_configuration), the report, the figures; the exit status."""
    with load_test_site(args, scenario.REDIS_URL, Path(scenario.__file__).name) as site:
        summaries = [scenario.run_configuration(site, server, args) for server in args.server]
        print_load_report(summaries, args, site, scenario)
        parameters = {key: getattr(args, key) for key in scenario.PARAMETERS}
        parameters["servers"] = [server.label for server in args.server]
        harness.write_summary(args.summary_json, scenario.summary_rows(summaries), parameters)
        if not all(scenario.passed(s, args) for s in summaries):
            print(f"\nFAILED: see the failures, {scenario.CHECKED} or wall time above.")
            return 1
        return 0


def print_load_report(summaries, args, site, scenario):
    """The scenario's TITLE and lines(args), one table row per gunicorn configuration
    (scenario.row(summary) under scenario.headers(args), then wall time and whether all was
    done in time), then per configuration the scenario's DETAILS of its summary, its failures,
    Locust's and PostgreSQL's figures; then how to reproduce the run."""
    print(f"\n{scenario.TITLE}")
    for line in [
        *scenario.lines(args),
        f"locust users: {args.users}, spawn rate {args.spawn_rate:g}/s, run-time cap "
        f"{args.run_time} s; cores: {os.cpu_count()} (locust, gunicorn and PostgreSQL share them)",
        f"database: {site.database_label}; cache: {site.cache_label}",
    ]:
        print(f"  {line}")
    rows = [
        [
            s["server"].label,
            *scenario.row(s),
            f"{s['span']:.2f}",
            "yes" if s["all_in_time"] else "NO",
        ]
        for s in summaries
    ]
    headers = ["gunicorn", *scenario.headers(args), "wall s", f"all done <= {args.run_time} s"]
    print("\n" + harness.format_table(headers, rows, text_columns=1))
    for s in summaries:
        print(f"\n{s['server'].label}:")
        for key in scenario.DETAILS.split():
            value = s["db"][key[3:]] if key.startswith("db.") else s[key]
            print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")
        for reason, count in s["reasons"].most_common(8):
            print(f"    failure x{count}: {reason}")
        loc, pg = s["locust"], s["pg"]
        print(
            f"  locust process {s['locust_seconds']:.1f} s, exit {s['locust_exit']}, "
            f"{s['cpu_warnings']} CPU warnings; its own (rounded) figures: {loc['requests']} "
            f"requests, {loc['failures']} failures, p50 {loc['p50_ms']:.0f} ms, p95 "
            f"{loc['p95_ms']:.0f} ms, p99 {loc['p99_ms']:.0f} ms, {loc['max_users']} users"
        )
        print(
            f"  PostgreSQL during the load: {pg['xact_commit']} commits, {pg['xact_rollback']} "
            f"rollbacks, {pg['deadlocks']} deadlocks, {pg['tup_inserted']} rows inserted, "
            f"{pg['tup_updated']} updated; gunicorn log: {s['server_errors']} tracebacks"
        )
        print(
            f"  load average (1/5/15 min): {harness.load_text(s['load_before'])} before the load, "
            f"{harness.load_text(s['load_after'])} after it"
        )
    print()
    site.print_reproduction()
