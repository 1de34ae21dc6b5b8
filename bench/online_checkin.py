"""Load test: an online session ("Daring") whose host says "ketik kode sekarang" (Locust).

One online session held now (mode online, no venue, registered participants only, check-in
open) is added next to the demo data, with N registered participants, each with a logged-in
session made server-side. Every Locust user is one participant arriving within --within
seconds (default 120, so the spawn rate is N / 120 unless --spawn-rate says otherwise): it loads
the session page (logged in: the page must hold the code form and no online link is checked
for, the session is under way), then POSTs the code shown on the host's screen (Locust computes
it from SECRET_KEY, as the projector page does) to /presensi/ with the page's CSRF token; a
share of them (--double, default 0.2) send the POST twice at once (a doubled submit).

Then: the attendance rows (goal: exactly N, one per participant, none doubled), failures
(goal 0), p50/p95/p99 of each kind of request (goal p95 < 1000 ms), requests per second, and
what one core of the web tier does: requests per CPU-second of the gunicorn workers (read from
/proc during the load), PostgreSQL transactions and Redis commands (MONITOR, counted for this
benchmark's Redis db only) per request: the figures README's "Beyond one machine" scales up.
Exit status 1 when a check fails. Shared parts: loadtest.py, locustfile.py.

    .venv/bin/python bench/online_checkin.py [--participants N] [--within S] [--double F]
        [--spawn-rate R] [--run-time S] [--database-url URL] [--keep-database]
"""

import os
import re
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import harness
import loadtest
from loadtest import load_row, load_test_parser, run_configuration_load

REDIS_DB = 8
REDIS_URL = f"redis://127.0.0.1:6379/{REDIS_DB}"
SESSION_SLUG = "uji-beban-sosialisasi-daring"
P95_GOAL_MS = 1000  # issue 23: p95 under a second for every kind of request
KINDS = ("page", "code")
DETAILS = """kinds sent answered unanswered failures never_started doubled created already
    created_twice db.rows db.distinct db.missing db.others db.several db.methods
    web_cpu_seconds web_processes redis_commands redis_top"""

# Adds (or reuses) the online session and its registrations, deletes its attendance of an
# earlier run, opens check-in, writes the plan (one logged-in session and CSRF secret each).
SETUP_CODE = """
import datetime
from django.utils import timezone
from django.utils.crypto import get_random_string
from content.training import services
from content.training.models import (
    Attendance, Registration, RegistrationStatus, SessionIndexPage, SessionPage, SessionState,
)
from tests.factories.training import SessionPageFactory

slug = os.environ["BENCH_SESSION_SLUG"]
session = SessionPage.objects.filter(slug=slug).first()
now = timezone.localtime()
if session is None:
    index = SessionIndexPage.objects.live().first()
    if index is None:
        raise SystemExit("No live sessions index: did load_demo_data run?")
    session = SessionPageFactory(
        parent=index, slug=slug, title="Uji Beban: Webinar Literasi Digital Nasional",
        mode="online", venue="", online_url="https://meet.uji-beban.invalid/literasi-digital",
        allow_walk_in=False, capacity=None, target_group="all",
    )
# Under way: started a few minutes ago, ends at midnight (the run never crosses it).
start = max(now - datetime.timedelta(minutes=5), now.replace(hour=0, minute=0, second=0))
session.date, session.start_time = now.date(), start.time()
session.end_time = datetime.time(23, 59, 59)
session.save_revision().publish()
session = SessionPage.objects.get(pk=session.pk)

participants, keys = bench_participants(
    int(os.environ["BENCH_PARTICIPANTS"]), "uji-daring", "Peserta Uji Daring",
    "OPD Uji Beban Daring", "Uji Daring",
)
registered = set(
    Registration.objects.filter(session=session).values_list("participant_id", flat=True)
)
fresh = []
for user in participants:
    if user.pk not in registered:
        registration = Registration(
            session=session, participant=user, status=RegistrationStatus.REGISTERED,
            requested_at=timezone.now(),
        )
        registration.note_participant(user)
        fresh.append(registration)
Registration.objects.bulk_create(fresh, batch_size=1000)
Attendance.objects.filter(session=session).delete()
state = SessionState.objects.filter(session=session).first()
if state is None or not state.checkin_open:
    services.checkin_open(session=session, by=None)
_site, _root, page_path = session.get_url_parts()
pathlib.Path(os.environ["BENCH_PLAN"]).write_text(json.dumps({
    "scenario": "online",
    "session_id": session.pk,
    "session_path": page_path,
    "online_url": session.online_url,
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "double": float(os.environ["BENCH_DOUBLE"]),
    "participants": [[user.pk, keys[user.pk], get_random_string(32)] for user in participants],
}))
"""

VERIFY_CODE = """
from collections import Counter
from django.db.models import Count
from content.training.models import Attendance

plan = json.loads(pathlib.Path(os.environ["BENCH_PLAN"]).read_text())
ours = {row[0] for row in plan["participants"]}
rows = Attendance.objects.filter(session_id=plan["session_id"])
per_person = dict(rows.values_list("participant_id").annotate(n=Count("pk")))
emit({
    "rows": rows.count(),
    "distinct": len(per_person),
    "several": sum(1 for n in per_person.values() if n > 1),
    "missing": len(ours - per_person.keys()),
    "others": len(per_person.keys() - ours),
    "methods": dict(Counter(rows.values_list("method", flat=True))),
})
"""


class ProcessCpu(threading.Thread):
    """Samples the CPU time (user + system, seconds) of the processes whose command line holds
    `marker`, every `interval` seconds, from `start_when()` on; `seconds` is the sum over them
    of what each used since it was first seen after that (processes started later count whole:
    gunicorn's workers live through the load, so they are all there at its start)."""

    TICKS = os.sysconf("SC_CLK_TCK")

    def __init__(self, marker, start_when, interval=0.5):
        super().__init__(daemon=True)
        self.marker, self.start_when, self.interval = marker.encode(), start_when, interval
        self.first, self.last = {}, {}
        self.done = threading.Event()

    def sample(self):
        found = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                if self.marker not in (entry / "cmdline").read_bytes():
                    continue
                fields = (entry / "stat").read_text().rpartition(")")[2].split()
            except OSError:
                continue
            found[entry.name] = (int(fields[11]) + int(fields[12])) / self.TICKS
        return found

    def run(self):
        while not self.done.is_set() and not self.start_when():
            time.sleep(0.1)
        while not self.done.is_set():
            for pid, cpu in self.sample().items():
                self.first.setdefault(pid, cpu)
                self.last[pid] = cpu
            self.done.wait(self.interval)

    def stop(self):
        self.done.set()
        self.join(timeout=5)

    @property
    def seconds(self):
        return sum(self.last[pid] - self.first[pid] for pid in self.last)


class RedisCommands(threading.Thread):
    """Counts the commands Redis runs on one db while it runs (MONITOR; the other dbs, other
    benchmarks' and tests', are left out), by command name."""

    LINE = re.compile(r'^[\d.]+ \[(\d+) [^\]]*\] "([A-Za-z]+)"')

    def __init__(self, db):
        super().__init__(daemon=True)
        self.db, self.counts, self.error = str(db), Counter(), None
        self.done = threading.Event()

    def run(self):
        import redis

        try:
            client = redis.Redis(host=harness.HOST, port=6379, db=int(self.db))
            with client.monitor() as monitor:
                for command in monitor.listen():
                    if self.done.is_set():
                        return
                    if str(command.get("db")) == self.db:
                        self.counts[command["command"].split()[0].upper()] += 1
        except Exception as error:  # noqa: BLE001 (reported as missing figures, not a failure)
            self.error = f"{type(error).__name__}: {error}"

    def stop(self):
        self.done.set()
        try:  # one command on the db wakes the loop up to see `done`
            import redis

            redis.Redis(host=harness.HOST, port=6379, db=int(self.db)).ping()
        except Exception:  # noqa: BLE001, S110
            pass
        self.join(timeout=5)


def parse_args(argv=None):
    parser = load_test_parser(
        "Locust load test of an online session's check-in by typed code: registered "
        "participants load the session page and enter the code within two minutes, some twice; "
        "then the attendance rows are counted.",
        f"{harness.PG}/lentera_bench_online",
    )
    parser.set_defaults(spawn_rate=None, run_time=None, participants=5000)
    helps = {
        "participants": "registered participants, one Locust user each (default 5000)",
        "spawn_rate": "Locust users started per second (default: participants / --within)",
        "run_time": "seconds every participant must be done in; Locust stops then "
        "(default: --within plus 60)",
    }
    for action in parser._actions:
        action.help = helps.get(action.dest, action.help)
    add = parser.add_argument
    add("--within", type=harness.positive_int, default=120,
        help="seconds over which participants arrive (default 120): the spawn rate is "
        "participants / within unless --spawn-rate is given")  # fmt: skip
    add("--double", type=float, default=0.2,
        help="share of participants who send the code twice at once (default 0.2)")  # fmt: skip
    args = parser.parse_args(argv)
    if not 0 <= args.double <= 1:
        parser.error("--double lies between 0 and 1")
    if args.spawn_rate is None:
        args.spawn_rate = args.participants / args.within
    if args.run_time is None:
        args.run_time = int(args.participants / args.spawn_rate) + 60  # the last arrivals' room
    return args


def latencies(records):
    values = [r["latency_ms"] for r in records if r["status"] > 0]
    return {
        "count": len(records),
        "failures": sum(1 for r in records if r["reason"]),
        **{f"p{n}": harness.percentile(values, n) for n in (50, 95, 99)},
        "max": max(values, default=float("nan")),
    }


def run_configuration(site, args):
    harness.log(f"{args.participants} participants registered to the online session, sessions")
    plan = loadtest.setup(
        site,
        args,
        SETUP_CODE,
        BENCH_SESSION_SLUG=SESSION_SLUG,
        BENCH_DOUBLE=str(args.double),
    )
    _pk, session_key, csrf_secret = plan["participants"][0]
    locust_log = site.work_dir / "locust.log"
    # gunicorn's master and workers (their command line binds the port; Locust's names a URL).
    web = ProcessCpu(f"--bind\0{harness.HOST}:{site.port}", locust_log.exists)
    redis_commands = RedisCommands(REDIS_DB) if site.cache_label.startswith("Redis") else None
    web.start()
    try:
        if redis_commands:
            over = threading.Event()
            started = threading.Thread(
                target=_start_when, args=(redis_commands, locust_log, over), daemon=True
            )
            started.start()
        results, common = run_configuration_load(
            site,
            args,
            ready_path=plan["session_path"],
            login_check=(
                plan["session_path"],
                f"{plan['session_cookie']}={session_key}; {plan['csrf_cookie']}={csrf_secret}",
            ),
            warmup=(plan["session_path"], 200),  # the session page, anonymously
            per_participant=f"(page, code; {args.double:.0%} send the code twice)",
            verify_code=VERIFY_CODE,
            secret_env={"SECRET_KEY": site.secret_key},  # Locust computes the code as the host
        )
    finally:
        web.stop()
        if redis_commands:
            over.set()
            started.join()
            if redis_commands.is_alive():
                redis_commands.stop()
    return summarise(results, common, args, web, redis_commands)


def _start_when(thread, path, over):
    """Start `thread` once `path` exists (Locust started), or never if `over` is set first
    (the run failed before Locust)."""
    while not over.is_set():
        if path.exists():
            thread.start()
            return
        over.wait(0.05)


def summarise(results, common, args, web, redis_commands):
    records, db = results["records"], common["db"]
    by_kind = {kind: [r for r in records if r["kind"] == kind] for kind in KINDS}
    stats = {kind: latencies(rows) for kind, rows in by_kind.items()}
    answered = [r for r in records if r["status"] > 0]
    codes = [r for r in by_kind["code"] if not r["reason"]]
    outcomes = Counter(r["outcome"] for r in codes)
    created = Counter(r["participant"] for r in codes if r["outcome"] == "created")
    doubled = len({r["participant"] for r in by_kind["code"] if r.get("second")})
    started = results["participants"] - results["participants_never_started"]
    sent = 2 * started + doubled
    span = common["span"]
    cpu = web.seconds
    redis_total = sum(redis_commands.counts.values()) if redis_commands else None
    return {
        **common,
        "kinds": stats,
        "sent": sent,
        "answered": len(answered),
        "unanswered": sent - len(answered),
        "failures": sum(1 for r in records if r["reason"]) + (sent - len(records)),
        "doubled": doubled,
        "created": outcomes["created"],
        "already": outcomes["already"],
        "created_twice": sum(1 for n in created.values() if n > 1),
        "rps": len(answered) / span if span else 0.0,
        "web_cpu_seconds": cpu,
        "web_processes": len(web.last),
        "requests_per_web_cpu_second": len(answered) / cpu if cpu else float("nan"),
        "redis_commands": redis_total,
        "redis_error": redis_commands.error if redis_commands else "no Redis",
        "redis_top": dict(redis_commands.counts.most_common(6)) if redis_commands else {},
        "redis_per_request": redis_total / len(answered) if redis_total and answered else None,
        "pg_commits_per_request": common["pg"]["xact_commit"] / len(answered)
        if answered
        else float("nan"),
        "all_in_time": db["missing"] == 0 and span <= args.run_time,
    }


def summary_rows(s):
    rows = []
    for kind, label in (("page", "session page"), ("code", "code POST")):
        k = s["kinds"][kind]
        rows += [
            load_row("online", f"{label} p50", k["p50"], "ms"),
            load_row(
                "online",
                f"{label} p95",
                k["p95"],
                "ms",
                goal=f"< {P95_GOAL_MS}",
                met=k["p95"] < P95_GOAL_MS if k["count"] else False,
            ),
        ]
    failures, db = s["failures"], s["db"]
    rows_ok = db["rows"] == db["distinct"] == s["participants"] and db["several"] == 0
    rows += [
        load_row("online", "failures", failures, "requests", goal="0", met=failures == 0),
        load_row(
            "online",
            "attendance rows",
            db["rows"],
            "rows",
            goal=f"= {s['participants']:,}",
            met=rows_ok,
        ),
        load_row("online", "requests per second", s["rps"], "req/s"),
        load_row("online", "web tier per core", s["requests_per_web_cpu_second"], "req/CPU-s"),
        load_row("online", "PostgreSQL commits per request", s["pg_commits_per_request"], ""),
        load_row("online", "Redis commands per request", s["redis_per_request"], ""),
        load_row("online", "load average before", s["load_before"][0], "1 min"),
    ]
    return rows


TITLE = "Lentera online session check-in by code (Locust)"
PARAMETERS = ("participants", "spawn_rate", "within", "double")
CHECKED = "attendance rows"


def passed(s, args):
    db = s["db"]
    return (
        s["failures"] == 0
        and db["rows"] == db["distinct"] == args.participants
        and db["missing"] == 0
        and s["all_in_time"]
    )


def main(argv=None):
    args = parse_args(argv)
    return loadtest.run(args, Scenario(args))


class Scenario:
    """This module as loadtest.run expects it, with the run's participants in the summary."""

    def __init__(self, args):
        self.args = args
        self.REDIS_URL, self.TITLE, self.PARAMETERS = REDIS_URL, TITLE, PARAMETERS
        self.CHECKED, self.DETAILS = CHECKED, DETAILS

    def run_configuration(self, site, args):
        return {**run_configuration(site, args), "participants": args.participants}

    summary_rows = staticmethod(summary_rows)
    passed = staticmethod(passed)


if __name__ == "__main__":
    sys.exit(main())
