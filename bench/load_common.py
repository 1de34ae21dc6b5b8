"""What the two Locust load tests, checkin_load.py and quiz_submit.py, share.

Both migrate an isolated PostgreSQL database with production settings, load the demo data, add
participants with logged-in session cookies made server-side, then for each --server
configuration start gunicorn on 127.0.0.1, run a Locust scenario headless against it and read
PostgreSQL's counters around the load. Those steps live here, so that each benchmark keeps only
its scenario: its setup and verification code, its Locust file, its summary and its report's
figures. The helpers for the environment, the database and gunicorn come from harness.py.

Not a script: the benchmarks import it, and run as scripts so that bench/ is on sys.path.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from harness import (
    HOST,
    REPO_DIR,
    SETTINGS_ENV_VARS,
    STATIC_ROOT,
    CommandLog,
    GunicornServer,
    add_summary_option,
    base_env_overrides,
    build_demo_site,
    drop_postgres_database,
    ensure_postgres_database,
    format_table,
    free_port,
    gunicorn_argv,
    is_postgres,
    log,
    machine_facts,
    manage,
    positive_int,
    postgres_admin_connection,
    print_reproduction,
    random_secret_key,
    redact_url,
    redis_client,
    subprocess_env,
    summary_row,
)

# The backend the login view passes to login() (content/people/views.py).
AUTH_BACKEND = "content.people.backends.IdentifierBackend"
# The environment variables that configure Locust itself: none may leak in from the caller.
LOCUST_ENV_PREFIX = "LOCUST_"
PG_STAT_COLUMNS = ("xact_commit", "xact_rollback", "deadlocks", "tup_inserted", "tup_updated")

# Put in front of each benchmark's SETUP_CODE (run inside `manage.py shell -c`, which runs it in
# one namespace, so these functions see the imports). Needs BENCH_AUTH_BACKEND and
# BENCH_PASSWORD in the environment.
PARTICIPANTS_CODE = textwrap.dedent(
    """
    import os
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from content.people.models import Agency, AgencyKind, ParticipantGroup, User

    backend = os.environ["BENCH_AUTH_BACKEND"]
    if backend not in settings.AUTHENTICATION_BACKENDS:
        raise SystemExit(f"{backend} is not in AUTHENTICATION_BACKENDS")


    def bench_participants(count, username, full_name, agency_name, agency_short_name):
        # Participants <username>-0001 to -<count> (PTT, so no NIP), added when missing, with one
        # password hash shared by all, computed once. Ordered by username, as the plan lists them.
        agency, _ = Agency.objects.get_or_create(
            name=agency_name, defaults={"short_name": agency_short_name, "kind": AgencyKind.DINAS}
        )
        usernames = [f"{username}-{n:04d}" for n in range(1, count + 1)]
        users = User.objects.filter(username__in=usernames)
        existing = set(users.values_list("username", flat=True))
        password = make_password(os.environ["BENCH_PASSWORD"])
        User.objects.bulk_create(
            User(
                username=name,
                password=password,
                email=f"{name}@uji-beban.invalid",
                full_name=f"{full_name} {number:04d}",
                participant_group=ParticipantGroup.PTT,
                agency=agency,
            )
            for number, name in enumerate(usernames, 1)
            if name not in existing
        )
        return list(users.order_by("username"))


    def bench_login_sessions(users):
        # {user pk: session key}: one logged-in session per user, with the three keys
        # django.contrib.auth.login() stores, without paying for password checks in the
        # measurement.
        engine = import_module(settings.SESSION_ENGINE)
        keys = {}
        with transaction.atomic():
            for user in users:
                store = engine.SessionStore()
                store[SESSION_KEY] = user._meta.pk.value_to_string(user)
                store[BACKEND_SESSION_KEY] = backend
                store[HASH_SESSION_KEY] = user.get_session_auth_hash()
                store.create()
                keys[user.pk] = store.session_key
        return keys
    """
)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


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
        """Names this configuration's files in the work directory."""
        return f"{self.workers}x{self.threads}"


def server_spec(value):
    match = re.fullmatch(r"(\d+)x(\d+)", value)
    if not match or min(int(match[1]), int(match[2])) < 1:
        raise argparse.ArgumentTypeError(f"expected WORKERSxTHREADS such as 4x1, not {value!r}")
    return Server(int(match[1]), int(match[2]))


def load_test_parser(description, default_database_url):
    """The options every load test takes; the benchmark adds its scenario's own after them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument(
        "--participants", type=positive_int, default=500, help="participants (default 500)"
    )
    parser.add_argument(
        "--users",
        type=positive_int,
        help="Locust users (phones) in flight; default: one per participant. With fewer, "
        "each user takes the next participant once it is done with one",
    )
    parser.add_argument(
        "--spawn-rate",
        type=float,
        default=50.0,
        help="Locust users started per second (default 50: 500 phones arrive within 10 s)",
    )
    parser.add_argument(
        "--run-time",
        type=positive_int,
        default=60,
        help="seconds every participant must be done in; Locust stops then (default 60)",
    )
    parser.add_argument(
        "--server",
        type=server_spec,
        nargs="+",
        default=[Server(4, 1)],
        metavar="WORKERSxTHREADS",
        help="gunicorn configurations to run in turn, e.g. --server 4x1 2x4 (default 4x1: "
        "4 sync workers, the Procfile's worker class; 2x4: 2 gthread workers of 4 threads)",
    )
    parser.add_argument(
        "--database-url",
        default=default_database_url,
        help=f"PostgreSQL database, created when missing (default {default_database_url})",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the database if this run created it (dropped by default)",
    )
    add_summary_option(parser)
    return parser


def parse_load_args(parser, argv):
    args = parser.parse_args(argv)
    # SQLite serializes every write: the point of these tests is PostgreSQL's concurrency.
    if not is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (postgres://...)")
    if args.users is None:
        args.users = args.participants
    return args


# --------------------------------------------------------------------------------------------
# The site: database, environment, demo data, cleanup
# --------------------------------------------------------------------------------------------


@dataclass
class Site:
    """The prepared site every gunicorn configuration of one run shares."""

    env: dict  # the environment of every subprocess
    overrides: dict  # what env sets on top of the caller's environment (printed, no SECRET_KEY)
    commands: CommandLog
    secret_key: str
    port: int
    work_dir: Path
    database_label: str
    cache_label: str
    script: str  # the benchmark's file name, to say where a logged snippet comes from

    @property
    def plan_file(self):
        """Where SETUP_CODE writes the plan: paths, cookie names, one row per participant."""
        return self.work_dir / "plan.json"

    def shell(self, code, name, **extra_env):
        """Run a snippet with `manage.py shell -c`; the code is long, so the command is logged
        with `<name in script>` in its place."""
        manage(["shell", "-c", code], dict(self.env, **extra_env), CommandLog())
        self.commands.add(
            [sys.executable, "manage.py", "shell", "-c", f"<{name} in {self.script}>"]
        )


def _raise_on_sigterm(signum, frame):
    # Turn SIGTERM into SystemExit so the finally blocks stop gunicorn and drop the database.
    raise SystemExit(128 + signum)


@contextmanager
def load_test_site(args, redis_url, work_prefix, script):
    """Create the database if missing, migrate it, load the demo data and collect the static
    files; yield the Site. Afterwards (even after an error, Ctrl-C or SIGTERM) flush the Redis
    db, remove the work directory and STATIC_ROOT if collectstatic created it, and drop the
    database if this run created it (unless --keep-database)."""
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    locust_program()  # fail before the slow setup when Locust is missing
    commands = CommandLog()
    secret_key = random_secret_key()
    port = free_port()
    work_dir = Path(tempfile.mkdtemp(prefix=work_prefix))
    static_root_existed = STATIC_ROOT.exists()
    created_database = False
    redis = None
    try:
        created_database = ensure_postgres_database(args.database_url)
        if created_database:
            log(f"created database {redact_url(args.database_url)}")
        media_root = work_dir / "media"
        media_root.mkdir()
        overrides = base_env_overrides(args.database_url, media_root)
        overrides["ALLOWED_HOSTS"] = HOST
        redis = redis_client(redis_url)
        if redis is not None:
            redis.flushdb()
            overrides["REDIS_URL"] = redis_url
        env = subprocess_env(overrides, secret_key)

        build_demo_site(env, commands)
        yield Site(
            env=env,
            overrides=overrides,
            commands=commands,
            secret_key=secret_key,
            port=port,
            work_dir=work_dir,
            database_label=redact_url(args.database_url)
            + (" (created for this run)" if created_database else " (existing)"),
            cache_label=(
                f"Redis db {urlsplit(redis_url).path.lstrip('/')}"
                if redis is not None
                else "local memory"
            ),
            script=script,
        )
    finally:
        if redis is not None:
            redis.flushdb()
        # Leave STATIC_ROOT as it was: remove it only if collectstatic created it.
        if not static_root_existed:
            shutil.rmtree(STATIC_ROOT, ignore_errors=True)
        shutil.rmtree(work_dir, ignore_errors=True)
        if created_database and not args.keep_database:
            drop_postgres_database(args.database_url)
            log(f"dropped database {redact_url(args.database_url)}")


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def locust_program():
    script = Path(sys.executable).with_name("locust")
    if not script.exists():
        raise SystemExit(
            f"Locust is not installed next to {sys.executable}: "
            ".venv/bin/pip install -r requirements-dev.txt"
        )
    return script


def get(port, path, headers=None, timeout=10):
    """One GET on a fresh connection: (status, headers)."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"User-Agent": "lentera-bench", **(headers or {})})
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def check_logged_in(port, path, cookie):
    """The first participant's cookies must open a login-only page, or nothing will work."""
    status, headers = get(port, path, {"Cookie": cookie})
    if status != 200:
        raise RuntimeError(
            f"GET {path} with a participant's session cookie answered {status} "
            f"(Location: {headers.get('Location')}): the pre-made sessions are not accepted"
        )


def warm_up(port, server, path, expected_status):
    """Anonymous GETs of `path` (answering `expected_status`, writing nothing), from as many
    clients as gunicorn has threads in all, so every worker has imported and rendered it."""
    clients = 2 * server.workers * server.threads
    with ThreadPoolExecutor(clients) as pool:
        statuses = Counter(
            status for status, _ in pool.map(lambda _: get(port, path), range(clients * 4))
        )
    if set(statuses) != {expected_status}:
        log(f"warning: warm-up answers {dict(statuses)}, expected only {expected_status}")


def pg_stats(database_url):
    """Counters of the bench database in pg_stat_database (cumulative since its creation)."""
    connection, name = postgres_admin_connection(database_url)
    with connection:
        row = connection.execute(
            f"SELECT {', '.join(PG_STAT_COLUMNS)} FROM pg_stat_database WHERE datname = %s",
            [name],
        ).fetchone()
    return dict(zip(PG_STAT_COLUMNS, row or [0] * len(PG_STAT_COLUMNS), strict=True))


# --------------------------------------------------------------------------------------------
# One gunicorn configuration under Locust
# --------------------------------------------------------------------------------------------


@dataclass
class LoadRun:
    """What one gunicorn configuration's load gave, and what the database held afterwards."""

    server: Server
    results: dict  # what the Locust file wrote: participants, span, one record per request
    db: dict  # what the benchmark's VERIFY_CODE found in the database
    pg: dict  # how much PostgreSQL's counters grew during the load
    locust_exit: int
    locust_seconds: float
    cpu_warnings: int  # Locust's warnings that its own process was short of CPU
    server_errors: int  # tracebacks and critical lines in gunicorn's log
    # The machine's load average (1, 5, 15 minutes) just before Locust started and just after
    # it stopped: the cores are shared, and other work shows in the figures.
    load_before: list
    load_after: list

    def summary(self):
        """The part of a configuration's summary that does not depend on the scenario; the
        report helpers below read these keys."""
        return {
            "server": self.server,
            "db": self.db,
            "pg": self.pg,
            "locust": self.results["locust"],
            "locust_exit": self.locust_exit,
            "locust_seconds": self.locust_seconds,
            "cpu_warnings": self.cpu_warnings,
            "server_errors": self.server_errors,
            "load_before": self.load_before,
            "load_after": self.load_after,
        }


def run_locust(locustfile, args, port, results_file, log_file, commands, overrides, secret_env):
    """Run Locust headless; bounded by --run-time plus a margin for start-up and exit.

    `overrides` are printed with the command; `secret_env` (SECRET_KEY) is set but not shown."""
    argv = [
        str(locust_program()),
        "-f",
        str(locustfile),
        "--headless",
        "--users",
        str(args.users),
        "--spawn-rate",
        f"{args.spawn_rate:g}",
        "--run-time",
        f"{args.run_time}s",
        "--host",
        f"http://{HOST}:{port}",
        "--only-summary",
        "--loglevel",
        "WARNING",
    ]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_ENV_VARS and not k.startswith(LOCUST_ENV_PREFIX)
    }
    env.update(overrides, **secret_env)
    commands.add(argv, overrides)
    started = time.perf_counter()
    with log_file.open("w") as output:
        process = subprocess.Popen(
            argv,
            cwd=REPO_DIR,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            process.wait(timeout=args.run_time + 60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            log("locust did not exit in time and was killed")
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    elapsed = time.perf_counter() - started
    if not results_file.exists():
        tail = "\n".join(log_file.read_text().splitlines()[-40:])
        raise RuntimeError(f"locust wrote no results (exit {process.returncode}):\n{tail}")
    cpu_warnings = sum("CPU usage" in line for line in log_file.read_text().splitlines())
    return json.loads(results_file.read_text()), process.returncode, elapsed, cpu_warnings


def run_configuration_load(
    site,
    server,
    args,
    *,
    ready_path,
    login_check,
    warmup,
    locustfile,
    locust_env_prefix,
    locust_env=None,
    secret_env=None,
    per_participant,
    verify_code,
):
    """One gunicorn configuration under load, then what the database holds.

    Start gunicorn with `server`, wait for `ready_path`, check that the first participant's
    cookies open `login_check` = (path, cookie header), warm every worker up with `warmup` =
    (path, status), run Locust with PostgreSQL's counters read before and after, then run
    `verify_code` (it finds the plan and Locust's results in $BENCH_PLAN and $BENCH_RESULTS and
    writes JSON to $BENCH_VERIFY).

    The Locust file finds the plan in $<locust_env_prefix>_PLAN and writes its results to
    $<locust_env_prefix>_RESULTS; `locust_env` adds the scenario's own settings and `secret_env`
    what must not be printed (SECRET_KEY). `per_participant` says in the log what each
    participant does."""
    results_file = site.work_dir / f"results-{server.tag}.json"
    gunicorn_log = site.work_dir / f"gunicorn-{server.tag}.log"
    argv = gunicorn_argv(site.port, server.workers, gunicorn_log)
    if server.threads > 1:
        argv += ["--threads", str(server.threads)]
    site.commands.add(argv)
    log(f"{server.label}: starting gunicorn on {HOST}:{site.port}")
    with GunicornServer(argv, site.env, gunicorn_log) as gunicorn:
        gunicorn.wait_ready(site.port, ready_path)
        check_logged_in(site.port, *login_check)
        warm_up(site.port, server, *warmup)
        before = pg_stats(args.database_url)
        load_before = machine_facts()["load_average"]
        log(
            f"{server.label}: locust, {args.participants} participants x {per_participant}, "
            f"{args.users} users at {args.spawn_rate:g}/s, at most {args.run_time} s"
        )
        results, locust_exit, locust_seconds, cpu_warnings = run_locust(
            locustfile,
            args,
            site.port,
            results_file,
            site.work_dir / f"locust-{server.tag}.log",
            site.commands,
            {
                f"{locust_env_prefix}_PLAN": str(site.plan_file),
                f"{locust_env_prefix}_RESULTS": str(results_file),
                **(locust_env or {}),
            },
            secret_env or {},
        )
        load_after = machine_facts()["load_average"]
        server_errors = sum(
            "Traceback" in line or "[CRITICAL]" in line
            for line in gunicorn.log_tail(lines=100_000).splitlines()
        )
    # gunicorn has stopped: its connections are closed and their statistics flushed.
    time.sleep(1.0)
    after = pg_stats(args.database_url)
    verify_file = site.work_dir / f"verify-{server.tag}.json"
    site.shell(
        verify_code,
        "VERIFY_CODE",
        BENCH_PLAN=str(site.plan_file),
        BENCH_RESULTS=str(results_file),
        BENCH_VERIFY=str(verify_file),
    )
    return LoadRun(
        server=server,
        results=results,
        db=json.loads(verify_file.read_text()),
        pg={key: after[key] - before[key] for key in PG_STAT_COLUMNS},
        locust_exit=locust_exit,
        locust_seconds=locust_seconds,
        cpu_warnings=cpu_warnings,
        server_errors=server_errors,
        load_before=load_before,
        load_after=load_after,
    )


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def nothing_lost_rows(
    benchmark, label, summary, *, duplicates, duplicates_measure, duplicates_unit
):
    """The rows both load tests end their summary with: failed requests and doubled records
    (goal 0 each), and the load average before the run, which says how quiet the machine was."""
    return [
        summary_row(
            benchmark,
            label + "failures",
            summary["failures"],
            "requests",
            goal="0",
            met=summary["failures"] == 0,
        ),
        summary_row(
            benchmark,
            label + duplicates_measure,
            duplicates,
            duplicates_unit,
            goal="0",
            met=duplicates == 0,
        ),
        summary_row(benchmark, label + "load average before", summary["load_before"][0], "1 min"),
    ]


def print_load_report(
    summaries, args, site, *, title, scenario, preparation, headers, row, print_details
):
    """The report every load test prints to stdout.

    Above the table: `title`, the `scenario` and `preparation` lines, Locust's settings, the
    database and the cache. The table: one row per gunicorn configuration, its label, then the
    scenario's `headers` with the figures `row(summary)` gives, then the wall time and whether
    everything was done within --run-time. Under it, per configuration, `print_details(summary)`
    then PostgreSQL's counters; last, how to reproduce the run."""
    print()
    print(title)
    print(scenario)
    print(
        f"  locust users: {args.users}, spawn rate {args.spawn_rate:g}/s, "
        f"run-time cap {args.run_time} s; cores: {os.cpu_count()} (locust, gunicorn and PostgreSQL "
        "share them)"
    )
    print(preparation)
    print(f"  database: {site.database_label}; cache: {site.cache_label}")
    table_headers = ["gunicorn", *headers, "wall s", f"all done <= {args.run_time} s"]
    rows = [
        [
            s["server"].label,
            *row(s),
            f"{s['span']:.2f}",
            "yes" if s["all_in_time"] else "NO",
        ]
        for s in summaries
    ]
    print()
    print(format_table(table_headers, rows, text_columns=1))
    for s in summaries:
        print()
        print(f"{s['server'].label}:")
        print_details(s)
        pg = s["pg"]
        print(
            f"  PostgreSQL during the load: {pg['xact_commit']} commits, {pg['xact_rollback']} "
            f"rollbacks, {pg['deadlocks']} deadlocks, {pg['tup_inserted']} rows inserted, "
            f"{pg['tup_updated']} rows updated; gunicorn log: {s['server_errors']} tracebacks"
        )
        print(
            f"  load average (1/5/15 min): {load_text(s['load_before'])} before the load, "
            f"{load_text(s['load_after'])} after it ({os.cpu_count()} cores, shared)"
        )
    print()
    print_reproduction(site.overrides, site.commands)


def load_text(load):
    return "/".join(f"{value:.2f}" for value in load)


def print_failure_reasons(reasons):
    for reason, count in reasons.most_common(8):
        print(f"    failure x{count}: {reason}")


def locust_process_text(summary):
    """How long Locust ran and how it ended, for the line of the wall time."""
    return f"locust process {summary['locust_seconds']:.1f} s, exit {summary['locust_exit']}" + (
        f", {summary['cpu_warnings']} locust CPU warnings" if summary["cpu_warnings"] else ""
    )


def print_locust_figures(loc, rounding_note):
    """Locust's own statistics, as a cross-check: it rounds its percentiles."""
    print(
        f"  locust's own figures: {loc['requests']} requests, {loc['failures']} failures, "
        f"p50 {loc['p50_ms']:.0f} ms, p95 {loc['p95_ms']:.0f} ms, "
        f"p99 {loc['p99_ms']:.0f} ms ({rounding_note}), {loc['max_users']} users at the end"
    )
