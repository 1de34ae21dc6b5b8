"""What the Locust load tests (checkin_load.py, quiz_submit.py) share: their options, the site
(isolated PostgreSQL database, production settings, demo data), one gunicorn configuration under
Locust (bench/locustfile.py) with PostgreSQL's counters around it, and the report's frame.

Each benchmark keeps its scenario: its setup and verification snippets, its figures and rows.
"""

import json
import os
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import harness

LOCUSTFILE = harness.REPO_DIR / "bench" / "locustfile.py"
PG_STAT_COLUMNS = ("xact_commit", "xact_rollback", "deadlocks", "tup_inserted", "tup_updated")

# Setup snippets start with this (after harness.SHELL_PRELUDE): the participants <username>-0001
# to -<count> (PTT), added when missing with one password hash for all (the username: nobody
# logs in with it), ordered by username, and one logged-in session each ({pk: session key}).
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
        password=make_password(username),
        full_name=lambda number: f"{full_name} {number:04d}",
        participant_group=ParticipantGroup.PTT,
        agency=agency,
    )
    with transaction.atomic():
        return users, {user.pk: login_session(user) for user in users}
"""


# One gunicorn configuration, as the Procfile runs it: sync workers. The label starts every row.
WORKERS = 4
LABEL = "4 workers x 1 thread"


def load_test_parser(description, default_database_url):
    parser = harness.bench_parser(description, default_database_url)
    add = parser.add_argument
    add("--participants", type=harness.positive_int, default=500, help="participants (default 500)")
    rate = "Locust users started per second (default 50: 500 phones arrive within 10 s)"
    add("--spawn-rate", type=float, default=50.0, help=rate)
    run_time = "seconds every participant must be done in; Locust stops then (default 60)"
    add("--run-time", type=harness.positive_int, default=60, help=run_time)
    return parser


def setup(site, args, code, **env):
    """The scenario's setup snippet (after PARTICIPANTS_CODE, with BENCH_PARTICIPANTS and
    BENCH_PLAN set); the plan it wrote for Locust."""
    participants = str(args.participants)
    env.update(BENCH_PARTICIPANTS=participants, BENCH_PLAN=str(site.plan_file))
    site.shell(PARTICIPANTS_CODE + code, "SETUP_CODE", **env)
    return json.loads(site.plan_file.read_text())


def locust_program():
    script = Path(sys.executable).with_name("locust")
    if not script.exists():
        raise SystemExit(
            f"Locust is not installed next to {sys.executable}: "
            ".venv/bin/pip install -r requirements-dev.txt"
        )
    return script


def warm_up(port, path, expected_status):
    """Anonymous GETs of `path` from as many clients as gunicorn has workers, twice over."""
    clients = 2 * WORKERS
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
    options = f"--headless --users {args.participants} --spawn-rate {args.spawn_rate:g} "
    options += f"--run-time {args.run_time}s --host http://{harness.HOST}:{site.port} "
    argv = [str(locust_program()), "-f", str(LOCUSTFILE), *options.split()]
    argv += ["--only-summary", "--loglevel", "WARNING"]
    overrides = {
        "LENTERA_LOAD_PLAN": str(site.plan_file),
        "LENTERA_LOAD_RESULTS": str(results_file),
    }
    env = {**harness.clean_environ(drop_prefix="LOCUST_"), **overrides, **secret_env}
    site.record(argv, overrides)
    started = time.perf_counter()
    with log_file.open("w") as output:
        process = site.popen(
            argv, env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
        # Locust stops itself at --run-time; SIGKILL to its group a minute later.
        harness.stop(process, timeout=args.run_time + 60, group=True, terminate=False)
    elapsed = time.perf_counter() - started
    lines = log_file.read_text().splitlines()
    if not results_file.exists():
        tail = "\n".join(lines[-40:])
        raise RuntimeError(f"locust wrote no results (exit {process.returncode}):\n{tail}")
    warnings = sum("CPU usage" in line for line in lines)
    return json.loads(results_file.read_text()), process.returncode, elapsed, warnings


def run_configuration_load(
    site,
    args,
    *,
    ready_path,
    login_check,
    warmup,
    per_participant,
    verify_code,
    secret_env=None,
    gunicorn_args=(),
):
    """Start gunicorn, wait for `ready_path`, check that `login_check` = (path,
    cookie header) answers 200 (the pre-made sessions are accepted), warm every worker with
    `warmup` = (path, status), run Locust between two readings of PostgreSQL's counters, then
    `verify_code` (it finds the plan and the results in $BENCH_PLAN and $BENCH_RESULTS and emits
    what the database holds). `gunicorn_args` go after gunicorn's own (quiz_submit.py's
    reference run: --chdir and --pythonpath of another checkout). Returns the part of the
    summary every scenario shares."""
    results_file = site.work_dir / "results.json"
    gunicorn_log = site.work_dir / "gunicorn.log"
    argv = [*harness.gunicorn_argv(site.port, WORKERS, gunicorn_log), *gunicorn_args]
    site.record(argv)
    harness.log(f"{LABEL}: starting gunicorn on {harness.HOST}:{site.port}")
    with harness.GunicornServer(argv, site.env, gunicorn_log) as gunicorn:
        gunicorn.wait_ready(site.port, ready_path)
        path, cookie = login_check
        status, _body, headers = harness.get(site.port, path, {"Cookie": cookie})
        if status != 200:
            raise RuntimeError(
                f"GET {path} with a participant's session cookie answered {status} (Location: "
                f"{headers.get('Location')}): the pre-made sessions are not accepted"
            )
        warm_up(site.port, *warmup)
        before = pg_stats(args.database_url)
        load_before = harness.machine_facts()["load_average"]
        harness.log(
            f"{LABEL}: locust, {args.participants} participants x {per_participant}, "
            f"as many users at {args.spawn_rate:g}/s, at most {args.run_time} s"
        )
        locust_log = site.work_dir / "locust.log"
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
        "db": db,
        "span": results["span_seconds"] or 0.0,
        "never_started": results["participants_never_started"],
        "reasons": Counter(r["reason"] for r in results["records"] if r["reason"]),
        "pg": {key: after[key] - before[key] for key in PG_STAT_COLUMNS},
        "locust_exit": code,
        "locust_seconds": seconds,
        "cpu_warnings": warnings,
        "server_errors": server_errors,
        "load_before": load_before,
        "load_after": load_after,
    }


def load_row(benchmark, measure, *args, **kwargs):
    """A summary_row of the one gunicorn configuration: its label starts the measure."""
    return harness.summary_row(benchmark, f"{LABEL}: {measure}", *args, **kwargs)


def nothing_lost_rows(benchmark, summary, duplicates, measure, unit):
    """Failed requests and doubled records (goal 0 each), and the load average before."""
    failures = summary["failures"]
    return [
        load_row(benchmark, "failures", failures, "requests", goal="0", met=failures == 0),
        load_row(benchmark, measure, duplicates, unit, goal="0", met=duplicates == 0),
        load_row(benchmark, "load average before", summary["load_before"][0], "1 min"),
    ]


def run(args, scenario):
    """The whole load test of `scenario` (the benchmark's module): the site with the demo data,
    the gunicorn configuration (scenario.run_configuration), the report, the figures; the exit
    status."""
    locust_program()  # fail before the slow setup when Locust is missing
    with harness.bench_site(args, redis_url=scenario.REDIS_URL, ALLOWED_HOSTS=harness.HOST) as site:
        site.build_demo_site()
        # One port for the whole run; the setup snippet writes the Locust plan to plan_file.
        site.port, site.plan_file = harness.free_port(), site.work_dir / "plan.json"
        summary = scenario.run_configuration(site, args)
        print_load_report(summary, args, site, scenario)
        parameters = {key: getattr(args, key) for key in scenario.PARAMETERS}
        parameters["servers"] = [LABEL]
        harness.write_summary(args.summary_json, scenario.summary_rows(summary), parameters)
        if not scenario.passed(summary, args):
            print(f"\nFAILED: see the failures, {scenario.CHECKED} or wall time above.")
            return 1
        return 0


def print_load_report(s, args, site, scenario):
    """The scenario's TITLE, the run's sizes, the scenario's DETAILS of its summary (wall time
    and whether all was done in time among them), its failures, Locust's and PostgreSQL's
    figures; then how to reproduce the run. The headline figures follow in the table."""
    print(f"\n{scenario.TITLE}, gunicorn {LABEL}")
    print(
        f"  {args.participants} participants, one locust user (phone) each; spawn rate "
        f"{args.spawn_rate:g}/s, run-time cap {args.run_time} s; cores: {os.cpu_count()} "
        f"(locust, gunicorn and PostgreSQL share them)\n"
        f"  database: {site.database_label}; cache: {site.cache_label}"
    )
    for key in [*scenario.DETAILS.split(), "span", "all_in_time"]:
        value = s["db"][key[3:]] if key.startswith("db.") else s[key]
        print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")
    for reason, count in s["reasons"].most_common(8):
        print(f"    failure x{count}: {reason}")
    pg = s["pg"]
    print(
        f"  locust process {s['locust_seconds']:.1f} s, exit {s['locust_exit']}, "
        f"{s['cpu_warnings']} CPU warnings\n  PostgreSQL during the load: {pg['xact_commit']} "
        f"commits, {pg['xact_rollback']} rollbacks, {pg['deadlocks']} deadlocks, "
        f"{pg['tup_inserted']} rows inserted, {pg['tup_updated']} updated; gunicorn log: "
        f"{s['server_errors']} tracebacks\n  load average (1/5/15 min): "
        f"{harness.load_text(s['load_before'])} before the load, "
        f"{harness.load_text(s['load_after'])} after it\n"
    )
    site.print_reproduction()
