"""Load test: 500 participants double-tap the check-in QR link within 60 seconds.

Never part of the test suite. It migrates an isolated PostgreSQL database with production
settings, loads the demo data (whose session /sesi/literasi-digital-hari-ini/ has check-in open),
adds the participants with logged-in session cookies created server-side, starts gunicorn on
127.0.0.1 and runs Locust (bench/locust_checkin.py) headless against it: every participant sends
two simultaneous GETs of /P/<fresh QR token>/ (the projector QR code's URL). It then counts
the attendance rows in the database and prints failures, duplicates, attendance rows against
participants, p50/p95/p99 latency, requests per second and the wall time. All traffic goes to
127.0.0.1.

Usage (from the repository root):

    .venv/bin/python bench/checkin_load.py [--participants N] [--users N] [--spawn-rate R]
        [--run-time S] [--server WORKERSxTHREADS ...] [--database-url URL] [--keep-database]

Helpers shared with serve_pages.py (environment, database, gunicorn) are imported from it: run
this file as a script so that bench/ is on sys.path.
"""

import argparse
import http.client
import json
import math
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
from dataclasses import dataclass
from pathlib import Path

from serve_pages import (
    HOST,
    REPO_DIR,
    SETTINGS_ENV_VARS,
    STATIC_ROOT,
    CommandLog,
    GunicornServer,
    _postgres_admin_connection,
    base_env_overrides,
    drop_postgres_database,
    ensure_postgres_database,
    format_table,
    free_port,
    gunicorn_argv,
    is_postgres,
    log,
    manage,
    positive_int,
    print_reproduction,
    random_secret_key,
    redact_url,
    redis_client,
    subprocess_env,
)

LOCUSTFILE = REPO_DIR / "bench" / "locust_checkin.py"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lentera_bench_checkin"
# Redis db 14 belongs to this benchmark (serve_pages.py uses 15): flushed before and after.
REDIS_URL = "redis://127.0.0.1:6379/14"
# The demo session held today, with check-in already open (content/training/demo.py).
SESSION_SLUG = "literasi-digital-hari-ini"
# The backend the login view passes to login() (content/people/views.py).
AUTH_BACKEND = "content.people.backends.IdentifierBackend"
# Participants' password, so they can also log in by hand on a --keep-database database.
PARTICIPANT_PASSWORD = "uji-beban-presensi"
# A page that requires a login: answers 200 to a valid session cookie, 302 otherwise.
ACCOUNT_PATH = "/akun/"

# Run inside `manage.py shell -c`. Adds the participants (PTT, so no NIP; one password hash shared
# by all, computed once), makes sure check-in is open, deletes the session's attendance rows left
# by an earlier run, and writes one logged-in session per participant: the same three keys
# django.contrib.auth.login() stores, without paying for 500 password checks in the measurement.
SETUP_CODE = textwrap.dedent(
    """
    import json, os, pathlib
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from content.base.errors import NotAllowed
    from content.people.models import Agency, AgencyKind, ParticipantGroup, User
    from content.training import rules, services
    from content.training.checkin_tokens import Window, make_token
    from content.training.models import Attendance, SessionPage, SessionState

    count = int(os.environ["BENCH_PARTICIPANTS"])
    backend = os.environ["BENCH_AUTH_BACKEND"]
    if backend not in settings.AUTHENTICATION_BACKENDS:
        raise SystemExit(f"{backend} is not in AUTHENTICATION_BACKENDS")
    session = SessionPage.objects.live().filter(slug=os.environ["BENCH_SESSION_SLUG"]).first()
    if session is None:
        raise SystemExit("No live session page to check in to: did load_demo_data run?")
    agency, _ = Agency.objects.get_or_create(
        name="OPD Uji Beban Presensi",
        defaults={"short_name": "Uji Beban", "kind": AgencyKind.DINAS},
    )
    usernames = [f"uji-presensi-{n:04d}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    password = make_password(os.environ["BENCH_PASSWORD"])
    User.objects.bulk_create(
        User(
            username=name,
            password=password,
            email=f"{name}@uji-beban.invalid",
            full_name=f"Peserta Uji Beban {number:04d}",
            participant_group=ParticipantGroup.PTT,
            agency=agency,
        )
        for number, name in enumerate(usernames, 1)
        if name not in existing
    )
    participants = list(User.objects.filter(username__in=usernames).order_by("username"))
    try:
        rules.check_eligible(session, participants[0])
    except NotAllowed as refusal:
        raise SystemExit(f"Participants may not check in to {session.slug}: {refusal.message}")
    if not session.allow_walk_in:
        raise SystemExit(f"{session.slug} admits registered participants only")
    state = SessionState.objects.filter(session=session).first()
    if state is None or not state.checkin_open:
        services.checkin_open(session=session, by=None)
    Attendance.objects.filter(session=session).delete()

    engine = import_module(settings.SESSION_ENGINE)
    cookies = []
    with transaction.atomic():
        for user in participants:
            store = engine.SessionStore()
            store[SESSION_KEY] = user._meta.pk.value_to_string(user)
            store[BACKEND_SESSION_KEY] = backend
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            cookies.append([user.pk, store.session_key])
    _site_id, _root_url, page_path = session.get_url_parts()
    plan = {
        "session_id": session.pk,
        "session_path": page_path,
        "checkin_path": "/P/",
        # A token of this session with a wrong MAC: refused (403), nothing written.
        "warmup_path": "/P/" + make_token(session.pk, Window(0)).split("-")[0] + "-AAAAAAAA/",
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "participants": cookies,
    }
    pathlib.Path(os.environ["BENCH_PLAN"]).write_text(json.dumps(plan))
    """
)

# Run before the second and later gunicorn configurations: same participants and sessions, no
# attendance yet, check-in open.
RESET_CODE = textwrap.dedent(
    """
    import json, os, pathlib
    from content.training import services
    from content.training.models import Attendance, SessionPage, SessionState

    plan = json.loads(pathlib.Path(os.environ["BENCH_PLAN"]).read_text())
    session = SessionPage.objects.get(pk=plan["session_id"])
    Attendance.objects.filter(session=session).delete()
    state = SessionState.objects.filter(session=session).first()
    if state is None or not state.checkin_open:
        services.checkin_open(session=session, by=None)
    """
)

# Run after each load: what the database holds for the session.
VERIFY_CODE = textwrap.dedent(
    """
    import json, os, pathlib
    from collections import Counter
    from django.db.models import Count
    from content.training.models import Attendance

    plan = json.loads(pathlib.Path(os.environ["BENCH_PLAN"]).read_text())
    ours = {pk for pk, _key in plan["participants"]}
    rows = Attendance.objects.filter(session_id=plan["session_id"])
    per_person = {
        row["participant_id"]: row["n"]
        for row in rows.values("participant_id").annotate(n=Count("pk"))
    }
    result = {
        "rows": rows.count(),
        "distinct": len(per_person),
        "participants_with_several_rows": sum(1 for n in per_person.values() if n > 1),
        "missing": len(ours - per_person.keys()),
        "others": len(per_person.keys() - ours),
        "methods": dict(Counter(rows.values_list("method", flat=True))),
        "statuses": dict(Counter(rows.values_list("status", flat=True))),
    }
    pathlib.Path(os.environ["BENCH_VERIFY"]).write_text(json.dumps(result))
    """
)

# The environment variables that configure Locust itself: none may leak in from the caller.
LOCUST_ENV_PREFIX = "LOCUST_"
PG_STAT_COLUMNS = ("xact_commit", "xact_rollback", "deadlocks", "tup_inserted", "tup_updated")


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


def server_spec(value):
    match = re.fullmatch(r"(\d+)x(\d+)", value)
    if not match or min(int(match[1]), int(match[2])) < 1:
        raise argparse.ArgumentTypeError(f"expected WORKERSxTHREADS such as 4x1, not {value!r}")
    return Server(int(match[1]), int(match[2]))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Locust load test of the QR check-in: participants double-tap, "
        "then the attendance rows are counted."
    )
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
        default=DEFAULT_DATABASE_URL,
        help=f"PostgreSQL database, created when missing (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the database if this run created it (dropped by default)",
    )
    args = parser.parse_args(argv)
    if not is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (postgres://...)")
    if args.users is None:
        args.users = args.participants
    return args


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


def shell(code, env, commands, label, **extra_env):
    """Run a snippet with `manage.py shell -c` (logged under a short label)."""
    manage(["shell", "-c", code], dict(env, **extra_env), CommandLog())
    commands.add([sys.executable, "manage.py", "shell", "-c", f"<{label} in checkin_load.py>"])


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


def check_session_cookie(port, plan):
    """The first participant's cookie must open a login-only page, or nothing will work."""
    _pk, key = plan["participants"][0]
    status, headers = get(port, ACCOUNT_PATH, {"Cookie": f"{plan['cookie_name']}={key}"})
    if status != 200:
        raise RuntimeError(
            f"GET {ACCOUNT_PATH} with a participant's session cookie answered {status} "
            f"(Location: {headers.get('Location')}): the pre-made sessions are not accepted"
        )


def warm_up(port, plan, server):
    """Anonymous check-ins with a bad token (403, nothing written), from as many clients as
    gunicorn has threads in all, so every worker has imported and rendered the page."""
    path = plan["warmup_path"]
    clients = 2 * server.workers * server.threads
    with ThreadPoolExecutor(clients) as pool:
        statuses = Counter(
            status for status, _ in pool.map(lambda _: get(port, path), range(clients * 4))
        )
    if set(statuses) != {403}:
        log(f"warning: warm-up answers {dict(statuses)}, expected only 403")


def pg_stats(database_url):
    """Counters of the bench database in pg_stat_database (cumulative since its creation)."""
    connection, name = _postgres_admin_connection(database_url)
    with connection:
        row = connection.execute(
            f"SELECT {', '.join(PG_STAT_COLUMNS)} FROM pg_stat_database WHERE datname = %s",
            [name],
        ).fetchone()
    return dict(zip(PG_STAT_COLUMNS, row or [0] * len(PG_STAT_COLUMNS), strict=True))


def percentile(values, pct):
    """Nearest-rank percentile (as serve_pages.py), NaN when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(pct / 100 * len(ordered))) - 1]


# --------------------------------------------------------------------------------------------
# One gunicorn configuration
# --------------------------------------------------------------------------------------------


def run_locust(args, port, plan_file, results_file, secret_key, log_file, commands):
    """Run Locust headless; bounded by --run-time plus a margin for start-up and exit."""
    argv = [
        str(locust_program()),
        "-f",
        str(LOCUSTFILE),
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
    overrides = {"LENTERA_CHECKIN_PLAN": str(plan_file), "LENTERA_CHECKIN_RESULTS": results_file}
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_ENV_VARS and not k.startswith(LOCUST_ENV_PREFIX)
    }
    env.update(overrides, SECRET_KEY=secret_key)
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
    results_path = Path(results_file)
    if not results_path.exists():
        tail = "\n".join(log_file.read_text().splitlines()[-40:])
        raise RuntimeError(f"locust wrote no results (exit {process.returncode}):\n{tail}")
    cpu_warnings = sum("CPU usage" in line for line in log_file.read_text().splitlines())
    return json.loads(results_path.read_text()), process.returncode, elapsed, cpu_warnings


def run_configuration(server, args, port, env, plan, paths, secret_key, commands):
    work_dir = paths["work_dir"]
    tag = f"{server.workers}x{server.threads}"
    gunicorn_log = work_dir / f"gunicorn-{tag}.log"
    argv = gunicorn_argv(port, server.workers, gunicorn_log)
    if server.threads > 1:
        argv += ["--threads", str(server.threads)]
    commands.add(argv)
    log(f"{server.label}: starting gunicorn on {HOST}:{port}")
    with GunicornServer(argv, env, gunicorn_log) as gunicorn:
        gunicorn.wait_ready(port, plan["session_path"])
        check_session_cookie(port, plan)
        warm_up(port, plan, server)
        before = pg_stats(args.database_url)
        log(
            f"{server.label}: locust, {args.participants} participants x 2 taps, "
            f"{args.users} users at {args.spawn_rate:g}/s, at most {args.run_time} s"
        )
        results, locust_exit, locust_seconds, cpu_warnings = run_locust(
            args,
            port,
            paths["plan"],
            str(work_dir / f"results-{tag}.json"),
            secret_key,
            work_dir / f"locust-{tag}.log",
            commands,
        )
        server_errors = sum(
            "Traceback" in line or "[CRITICAL]" in line
            for line in gunicorn.log_tail(lines=100_000).splitlines()
        )
    # gunicorn has stopped: its connections are closed and their statistics flushed.
    time.sleep(1.0)
    after = pg_stats(args.database_url)
    verify_file = work_dir / f"verify-{tag}.json"
    shell(
        VERIFY_CODE,
        env,
        commands,
        "VERIFY_CODE",
        BENCH_PLAN=str(paths["plan"]),
        BENCH_VERIFY=str(verify_file),
    )
    return summarize(
        server,
        args,
        results,
        json.loads(verify_file.read_text()),
        {key: after[key] - before[key] for key in PG_STAT_COLUMNS},
        locust_exit=locust_exit,
        locust_seconds=locust_seconds,
        cpu_warnings=cpu_warnings,
        server_errors=server_errors,
    )


def summarize(server, args, results, db, pg, **extra):
    records = results["records"]
    answered = [r for r in records if r["status"] != 0]
    latencies = [r["latency_ms"] for r in answered]
    outcomes = Counter(r["outcome"] for r in records)
    reasons = Counter(r["reason"] for r in records if r["reason"])
    by_participant = {}
    for record in records:
        by_participant.setdefault(record["participant"], []).append(record)
    fully_ok = [
        taps
        for taps in by_participant.values()
        if len(taps) == 2 and all(t["outcome"] != "failed" for t in taps)
    ]
    created_twice = sum(
        1 for taps in by_participant.values() if sum(t["outcome"] == "created" for t in taps) > 1
    )
    skews = [
        abs(taps[0]["start"] - taps[1]["start"]) * 1000
        for taps in by_participant.values()
        if len(taps) == 2
    ]
    sent = 2 * (results["participants"] - results["participants_never_started"])
    span = results["span_seconds"] or 0.0
    all_in_time = (
        len(fully_ok) == args.participants and db["missing"] == 0 and span <= args.run_time
    )
    return {
        "server": server,
        "sent": sent,
        "answered": len(answered),
        # Taps killed at --run-time, plus connection errors and timeouts.
        "unanswered": sent - len(answered),
        "failures": outcomes["failed"] + (sent - len(records)),
        "created": outcomes["created"],
        "already": outcomes["already"],
        "reasons": reasons,
        "fully_ok": len(fully_ok),
        "never_started": results["participants_never_started"],
        "created_twice": created_twice,
        "skew_p50": percentile(skews, 50),
        "skew_max": max(skews, default=float("nan")),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": max(latencies, default=float("nan")),
        "rps": len(answered) / span if span else 0.0,
        "span": span,
        "all_in_time": all_in_time,
        "db": db,
        "pg": pg,
        "locust": results["locust"],
        **extra,
    }


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def print_report(summaries, args, commands, env_overrides, database_label, redis_used):
    cpu_count = os.cpu_count()
    print()
    print("Lentera check-in load test (Locust)")
    print(
        f"  {args.participants} participants, each double-taps: two simultaneous GETs of "
        "<session>/presensi/?t=<fresh token>"
    )
    print(
        f"  locust users: {args.users}, spawn rate {args.spawn_rate:g}/s, "
        f"run-time cap {args.run_time} s; cores: {cpu_count} (locust, gunicorn and PostgreSQL "
        "share them)"
    )
    print("  sessions: logged-in session cookies made server-side (no login requests measured)")
    print(f"  database: {database_label}; cache: {'Redis db 14' if redis_used else 'local memory'}")
    headers = [
        "gunicorn",
        "requests",
        "failures",
        "dup rows in DB",
        f"rows/{args.participants}",
        "missing",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "req/s",
        "wall s",
        f"all done <= {args.run_time} s",
    ]
    rows = [
        [
            s["server"].label,
            s["answered"],
            s["failures"],
            s["db"]["rows"] - s["db"]["distinct"],
            s["db"]["rows"],
            s["db"]["missing"],
            f"{s['p50']:.1f}",
            f"{s['p95']:.1f}",
            f"{s['p99']:.1f}",
            f"{s['rps']:.1f}",
            f"{s['span']:.2f}",
            "yes" if s["all_in_time"] else "NO",
        ]
        for s in summaries
    ]
    print()
    print(format_table(headers, rows, text_columns=1))
    for s in summaries:
        db, pg, loc = s["db"], s["pg"], s["locust"]
        print()
        print(f"{s['server'].label}:")
        print(
            f"  requests: {s['sent']} sent, {s['answered']} answered, {s['unanswered']} without "
            f"an HTTP answer; failures: {s['failures']}; participants never reached before "
            f"--run-time: {s['never_started']}"
        )
        print(
            f"  answers: {s['created']} 'Presensi tercatat', {s['already']} 'sudah presensi'; "
            f"participants with both taps OK: {s['fully_ok']}/{args.participants}; "
            f"with two 'Presensi tercatat': {s['created_twice']}"
        )
        for reason, count in s["reasons"].most_common(8):
            print(f"    failure x{count}: {reason}")
        print(
            f"  latency ms: p50 {s['p50']:.1f}, p95 {s['p95']:.1f}, p99 {s['p99']:.1f}, "
            f"max {s['max']:.1f}; the two taps of a pair started {s['skew_p50']:.2f} ms apart "
            f"(median; max {s['skew_max']:.2f})"
        )
        print(
            f"  wall time {s['span']:.2f} s from the first request to the last answer; "
            f"{s['rps']:.1f} req/s; locust process {s['locust_seconds']:.1f} s, exit "
            f"{s['locust_exit']}"
            + (f", {s['cpu_warnings']} locust CPU warnings" if s["cpu_warnings"] else "")
        )
        print(
            f"  locust's own figures: {loc['requests']} requests, {loc['failures']} failures, "
            f"p50 {loc['p50_ms']:.0f} ms, p95 {loc['p95_ms']:.0f} ms, "
            f"p99 {loc['p99_ms']:.0f} ms (rounded), {loc['max_users']} users at the end"
        )
        print(
            f"  database: {db['rows']} attendance rows for the session, {db['distinct']} distinct "
            f"participants, duplicates {db['rows'] - db['distinct']}, participants with several "
            f"rows {db['participants_with_several_rows']}, missing {db['missing']}, "
            f"other participants {db['others']}; methods {db['methods']}, statuses "
            f"{db['statuses']}"
        )
        print(
            f"  PostgreSQL during the load: {pg['xact_commit']} commits, {pg['xact_rollback']} "
            f"rollbacks, {pg['deadlocks']} deadlocks, {pg['tup_inserted']} rows inserted, "
            f"{pg['tup_updated']} rows updated; gunicorn log: {s['server_errors']} tracebacks"
        )
    print()
    print_reproduction(env_overrides, commands)


def passed(summary, args):
    db = summary["db"]
    return (
        summary["failures"] == 0
        and db["rows"] == db["distinct"] == args.participants
        and db["missing"] == 0
        and summary["all_in_time"]
    )


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def _raise_on_sigterm(signum, frame):
    # Turn SIGTERM into SystemExit so the finally blocks stop gunicorn and drop the database.
    raise SystemExit(128 + signum)


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _raise_on_sigterm)
    locust_program()
    commands = CommandLog()
    secret_key = random_secret_key()
    port = free_port()
    work_dir = Path(tempfile.mkdtemp(prefix="lentera-checkin-"))
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
        redis = redis_client(REDIS_URL)
        if redis is not None:
            redis.flushdb()
            overrides["REDIS_URL"] = REDIS_URL
        env = subprocess_env(overrides, secret_key)

        log("migrate")
        manage(["migrate", "--noinput"], env, commands)
        log("load_demo_data")
        manage(["load_demo_data"], env, commands)
        # Production's manifest storage needs the manifest to render any page.
        log("collectstatic")
        manage(["collectstatic", "--noinput"], env, commands)
        log(f"{args.participants} participants and their logged-in sessions")
        paths = {"work_dir": work_dir, "plan": work_dir / "plan.json"}
        shell(
            SETUP_CODE,
            env,
            commands,
            "SETUP_CODE",
            BENCH_PARTICIPANTS=str(args.participants),
            BENCH_AUTH_BACKEND=AUTH_BACKEND,
            BENCH_SESSION_SLUG=SESSION_SLUG,
            BENCH_PASSWORD=PARTICIPANT_PASSWORD,
            BENCH_PLAN=str(paths["plan"]),
        )
        plan = json.loads(paths["plan"].read_text())

        summaries = []
        for number, server in enumerate(args.server):
            if number:
                shell(RESET_CODE, env, commands, "RESET_CODE", BENCH_PLAN=str(paths["plan"]))
            summaries.append(
                run_configuration(server, args, port, env, plan, paths, secret_key, commands)
            )
        database_label = redact_url(args.database_url) + (
            " (created for this run)" if created_database else " (existing)"
        )
        print_report(summaries, args, commands, overrides, database_label, redis is not None)
        if not all(passed(s, args) for s in summaries):
            print("\nFAILED: see the failures, missing participants or wall time above.")
            return 1
        return 0
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


if __name__ == "__main__":
    sys.exit(main())
