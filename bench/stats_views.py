"""Benchmark: the statistics on a large data set, next to one hand-written SQL query.

Never part of the test suite. On an isolated PostgreSQL database (created when missing, dropped
afterwards unless --keep-database) with production settings it:

1. migrates, collects the static files and fills the database with `manage.py
   generate_stats_data` (100,000 participants, 2,000 sessions, 1,000,000 attendances and
   attempts by default; --scale 0.05 for a run of a few minutes). A kept database that already
   holds the generated data is reused as it is;
2. times `content.stats.selectors.headline()` --runs times (after one warm-up) in one Django
   process, for a year, an agency (a kecamatan and its kelurahan, that year) and a topic (all
   time);
3. times HEADLINE_SQL, one hand-written query over the raw tables that computes the same
   figures, for the same three filters, from this process (psycopg), and checks that both give
   the same figures;
4. starts gunicorn (production settings, one sync worker) and, logged in as a superuser,
   requests --runs times each (after one warm-up): the dashboard (URL name `stats_dashboard`)
   with the three filters and without any (this year so far), and every report whose URL name
   starts with `stats_report_` (for the year). URLs that do not exist yet are skipped and
   listed. These are *warm* figures: the warm-up request computes what the cache keeps;
5. requests the dashboard and the cached reports *cold*: each timed request with a period no
   request asked before (the year's end moved back a day at a time), so nothing is cached;
6. with Redis (db 13, flushed before and after; the shared cache every process reads), adds one
   attendance, times `content.stats.warming.refresh()` (what the task worker runs after a
   write), then times the warm pages again, first request included: the figures an analyst
   meets after a check-in. The attendance is deleted afterwards.

Prints the data set's row counts and generation time, a table (median and p95 in ms, and the
median's ratio to the SQL query's median for the same filter: the goal is that every view is
no slower than the query, a ratio of 1 or less), and the commands to reproduce the run.

Usage (from the repository root):

    .venv/bin/python bench/stats_views.py [--scale 1.0] [--runs 20] [--seed 2026]
        [--pg-options '-c jit=off'] [--database-url postgres://...] [--keep-database]
"""

import argparse
import datetime
import http.client
import json
import math
import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from harness import (
    HOST,
    STATIC_ROOT,
    CommandLog,
    GunicornServer,
    add_summary_option,
    at_most,
    base_env_overrides,
    drop_postgres_database,
    ensure_postgres_database,
    format_table,
    free_port,
    gunicorn_argv,
    install_sigterm_handler,
    is_postgres,
    log,
    manage,
    positive_int,
    print_reproduction,
    random_secret_key,
    redact_url,
    redis_client,
    subprocess_env,
    summary_row,
    write_summary,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lentera_bench_stats"
AUTH_BACKEND = "content.people.backends.IdentifierBackend"
SUPERUSER = "uji-statistik-admin"
TIME_ZONE = "Asia/Jakarta"  # settings.TIME_ZONE: the day of a self-paced attempt is local
# A slow report must come back, however slow, rather than be killed at gunicorn's 30 s.
GUNICORN_TIMEOUT = 900
# The cache shared by gunicorn and the shell that plays the task worker (flushed before and
# after); serve_pages.py uses db 15 and the load tests 14.
REDIS_URL = "redis://127.0.0.1:6379/13"
TABLES = [
    ("people_agency", "agencies"),
    ("people_user", "users"),
    ("training_sessionpage", "sessions"),
    ("training_registration", "registrations"),
    ("training_attendance", "attendances"),
    ("quizzes_attempt", "quiz attempts"),
    ("certificates_certificate", "certificates"),
    ("stats_agencyheadcount", "headcounts"),
]

# Run inside `manage.py shell -c`: the filters to measure (last full year; the kecamatan with
# the most attendances that year; the topic of the most sessions), the statistics URLs that
# exist, and a superuser with a logged-in session (made server-side, no password check).
SETUP_CODE = textwrap.dedent(
    """
    import datetime, json, os
    from importlib import import_module
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.db.models import Count
    from django.urls import NoReverseMatch, get_resolver, reverse
    from django.utils import timezone

    from content.people.models import Agency, AgencyKind, User
    from content.training.models import Attendance, SessionPage

    year = timezone.localdate().year - 1
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    agency = (
        Attendance.objects.filter(
            session__date__range=(start, end), agency__kind=AgencyKind.KECAMATAN
        )
        .values("agency").annotate(n=Count("pk")).order_by("-n").first()
    )
    if agency is None:
        agency = {"agency": Agency.objects.filter(kind=AgencyKind.KECAMATAN).first().pk}
    topic = (
        SessionPage.objects.exclude(topic=None).values("topic").annotate(n=Count("pk"))
        .order_by("-n").first()
    )

    def names(resolver, found):
        for pattern in resolver.url_patterns:
            if hasattr(pattern, "url_patterns"):
                names(pattern, found)
            elif pattern.name:
                found.add(pattern.name)
        return found

    wanted = sorted(n for n in names(get_resolver(), set()) if n.startswith("stats_report_"))
    urls, missing = {}, []
    for name in ["stats_dashboard", *wanted]:
        try:
            urls[name] = reverse(name)
        except NoReverseMatch:
            missing.append(name)

    user, _ = User.objects.get_or_create(
        username=os.environ["BENCH_SUPERUSER"],
        defaults={"is_staff": True, "is_superuser": True, "full_name": "Admin Uji Statistik"},
    )
    engine = import_module(settings.SESSION_ENGINE)
    store = engine.SessionStore()
    store[SESSION_KEY] = user._meta.pk.value_to_string(user)
    store[BACKEND_SESSION_KEY] = os.environ["BENCH_AUTH_BACKEND"]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    print(json.dumps({
        "year": year,
        "agency": agency["agency"],
        "agency_name": str(Agency.objects.get(pk=agency["agency"])),
        "topic": topic["topic"],
        "urls": urls,
        "missing": missing,
        "cookie": settings.SESSION_COOKIE_NAME,
        "session": store.session_key,
    }))
    """
)

# Run inside `manage.py shell -c`: headline() for each filter, one warm-up then BENCH_RUNS
# timed runs; its figures, for the comparison with the SQL query.
SELECTORS_CODE = textwrap.dedent(
    """
    import datetime, json, os, time
    from content.articles.models import Topic
    from content.people.models import Agency
    from content.stats import selectors
    from content.stats.filters import StatsFilter

    setup = json.loads(os.environ["BENCH_SETUP"])
    runs = int(os.environ["BENCH_RUNS"])
    year = setup["year"]
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    out = {}
    for name in ("year", "agency", "topic"):
        def make():
            # Built afresh per run, as a request builds it (the agency's subtree included).
            if name == "year":
                return StatsFilter(start=start, end=end)
            if name == "agency":
                agency = Agency.objects.get(pk=setup["agency"])
                return StatsFilter(start=start, end=end, agency=agency)
            return StatsFilter(topic=Topic.objects.get(pk=setup["topic"]))
        figures = selectors.headline(make())
        times = []
        for _ in range(runs):
            began = time.perf_counter()
            selectors.headline(make())
            times.append(time.perf_counter() - began)
        values = {
            key: (str(value) if value is not None and not isinstance(value, int) else value)
            for key, value in figures.__dict__.items()
        }
        out[name] = {"times": times, "figures": values}
    print(json.dumps(out))
    """
)

# Run inside `manage.py shell -c`: one new attendance in the measured year (a write the figures
# must show), then what the task worker runs after it; prints the time and the views computed.
REFRESH_CODE = textwrap.dedent(
    """
    import datetime, json, os, time
    from django.utils import timezone
    from content.people.models import User
    from content.stats import warming
    from content.training.models import Attendance, SessionPage

    year = json.loads(os.environ["BENCH_SETUP"])["year"]
    session = SessionPage.objects.filter(date__year=year).order_by("-date").first()
    person = User.objects.exclude(participant_group="").exclude(attendances__session=session)[0]
    attendance = Attendance.objects.create(
        session=session, participant=person, status="hadir", method="manual",
        checked_in_at=timezone.now(), **Attendance.fields_for(person),
    )
    began = time.perf_counter()
    views = warming.refresh()
    print(json.dumps({"seconds": time.perf_counter() - began, "views": views,
                      "attendance": attendance.pk}))
    """
)
DELETE_CODE = (
    "from content.training.models import Attendance; import json, os; "
    "Attendance.objects.filter(pk=int(os.environ['BENCH_ATTENDANCE'])).delete(); print('{}')"
)

# The same figures as selectors.headline(), in one query over the raw tables. Filled in by
# headline_sql() with the clauses of the filter: {sessions} on the sessions, {agency} on the
# records' agency at the time, {self_paced} on self-paced attempts (period and topic).
HEADLINE_SQL = """
WITH RECURSIVE subtree AS (
    SELECT id FROM people_agency WHERE id = %(agency)s
    UNION
    SELECT child.id FROM people_agency child JOIN subtree ON child.parent_id = subtree.id
),
chosen AS (
    SELECT page_ptr_id AS id, training_hours FROM training_sessionpage WHERE TRUE {sessions}
),
attended AS (
    SELECT a.session_id, a.participant_id, a.participant_group, chosen.training_hours
    FROM training_attendance a JOIN chosen ON chosen.id = a.session_id
    WHERE a.status IN ('hadir', 'terlambat') {agency_a}
),
tried AS (
    SELECT t.quiz_id, t.participant_id, t.purpose, t.status, t.score, t.passed
    FROM quizzes_attempt t
    WHERE (t.session_id IN (SELECT id FROM chosen)
           OR (t.session_id IS NULL AND t.purpose = 'mandiri' {self_paced}))
        {agency_t}
)
SELECT
    (SELECT count(DISTINCT session_id) FROM attended) AS sessions_held,
    (SELECT count(DISTINCT participant_id) FROM attended) AS participants,
    (SELECT count(*) FROM attended) AS attendances,
    (SELECT count(DISTINCT participant_id) FROM attended
        WHERE participant_group IN ('pns', 'pppk')) AS asn,
    (SELECT count(DISTINCT participant_id) FROM attended WHERE participant_group = 'ptt') AS ptt,
    (SELECT coalesce(sum(training_hours), 0) FROM attended) AS training_hours,
    registered.*,
    attempts.*,
    (SELECT count(*) FROM certificates_certificate k
        JOIN attended d ON d.session_id = k.session_id AND d.participant_id = k.participant_id
        WHERE k.revoked_at IS NULL)
    + (SELECT count(*) FROM certificates_certificate k
        WHERE k.quiz_id IS NOT NULL AND k.revoked_at IS NULL AND EXISTS (
            SELECT 1 FROM tried t
            WHERE t.quiz_id = k.quiz_id AND t.participant_id = k.participant_id AND t.passed))
        AS certificates
FROM (
    SELECT count(*) AS registered,
        count(*) FILTER (WHERE EXISTS (
            SELECT 1 FROM training_attendance a
            WHERE a.session_id = r.session_id AND a.participant_id = r.participant_id
                AND a.status IN ('hadir', 'terlambat'))) AS registered_attended
    FROM training_registration r JOIN chosen ON chosen.id = r.session_id
    WHERE r.status = 'registered' {agency_r}
) AS registered,
(
    SELECT count(*) AS attempts_started,
        count(*) FILTER (WHERE status <> 'berjalan') AS attempts_finished,
        count(*) FILTER (WHERE status <> 'berjalan' AND purpose <> 'pre') AS attempts_assessed,
        count(*) FILTER (WHERE status <> 'berjalan' AND purpose <> 'pre' AND passed)
            AS attempts_passed,
        round(avg(score) FILTER (WHERE status <> 'berjalan' AND purpose = 'pre'), 2)
            AS pre_average,
        round(avg(score) FILTER (WHERE status <> 'berjalan' AND purpose = 'post'), 2)
            AS post_average
    FROM tried
) AS attempts
"""


def headline_sql(start=None, end=None, topic=None, agency=None):
    """HEADLINE_SQL with the clauses of one filter, and its parameters."""
    sessions, self_paced = [], []
    local_day = f"(t.started_at AT TIME ZONE '{TIME_ZONE}')::date"
    if start:
        sessions.append("AND date >= %(start)s")
        self_paced.append(f"AND {local_day} >= %(start)s")
    if end:
        sessions.append("AND date <= %(end)s")
        self_paced.append(f"AND {local_day} <= %(end)s")
    if topic:
        sessions.append("AND topic_id = %(topic)s")
        self_paced.append(
            "AND t.quiz_id IN (SELECT id FROM quizzes_quiz WHERE topic_id = %(topic)s)"
        )
    in_agency = "AND {}.agency_id IN (SELECT id FROM subtree)" if agency else ""
    sql = HEADLINE_SQL.format(
        sessions=" ".join(sessions),
        self_paced=" ".join(self_paced),
        agency_a=in_agency.format("a"),
        agency_t=in_agency.format("t"),
        agency_r=in_agency.format("r"),
    )
    return sql, {"start": start, "end": end, "topic": topic, "agency": agency}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Statistics selectors and admin pages on a large data set, next to SQL."
    )
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="data set size: generate_stats_data --scale (default 1.0: 1,000,000 attendances)",
    )
    parser.add_argument(
        "--runs", type=positive_int, default=20, help="timed runs per measurement (default 20)"
    )
    parser.add_argument("--seed", type=int, default=2026, help="data set seed (default 2026)")
    parser.add_argument(
        "--pg-options",
        default="-c jit=off",
        help="PostgreSQL settings for the benchmark's own connections (the SQL query) and every "
        "subprocess (PGOPTIONS); default '-c jit=off', as the site's own connections run "
        "(settings), so the SQL query and the views are compared on equal terms",
    )
    parser.add_argument(
        "--database-url",
        default=DEFAULT_DATABASE_URL,
        help=f"PostgreSQL database, created when missing (default {DEFAULT_DATABASE_URL})",
    )
    parser.add_argument(
        "--keep-database",
        action="store_true",
        help="keep the database if this run created it (dropped by default); a kept database "
        "with the data set is reused by the next run",
    )
    add_summary_option(parser)
    args = parser.parse_args(argv)
    if not is_postgres(args.database_url):
        parser.error("--database-url must be a PostgreSQL URL (postgres://...)")
    if args.scale <= 0:
        parser.error("--scale must be more than 0")
    return args


def shell(code, env, commands, name, **extra):
    completed = manage(["shell", "-c", code], dict(env, **extra), CommandLog())
    commands.add([sys.executable, "manage.py", "shell", "-c", f"<{name} in stats_views.py>"])
    return json.loads(completed.stdout.strip().splitlines()[-1])


# PostgreSQL settings (--pg-options) for the benchmark's own connections; the subprocesses get
# them as PGOPTIONS.
PG_OPTIONS = {"value": ""}


def connect(database_url):
    import psycopg

    extra = {"options": PG_OPTIONS["value"]} if PG_OPTIONS["value"] else {}
    return psycopg.connect(database_url, autocommit=True, **extra)


def row_counts(database_url):
    with connect(database_url) as connection:
        return {
            label: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table, label in TABLES
        }


def has_data_set(database_url):
    with connect(database_url) as connection:
        found = connection.execute(
            "SELECT to_regclass('people_user') IS NOT NULL AND EXISTS "
            "(SELECT 1 FROM people_user WHERE username LIKE 'datauji-%')"
        ).fetchone()[0]
    return bool(found)


def sql_filters(setup):
    year = setup["year"]
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    return {
        "year": {"start": start, "end": end},
        "agency": {"start": start, "end": end, "agency": setup["agency"]},
        "topic": {"topic": setup["topic"]},
    }


def time_sql(database_url, setup, runs):
    """Each filter's query: one warm-up, then `runs` timed runs; its figures."""
    results = {}
    with connect(database_url) as connection:
        for name, values in sql_filters(setup).items():
            sql, params = headline_sql(**values)
            cursor = connection.execute(sql, params)
            columns = [column.name for column in cursor.description]
            figures = dict(zip(columns, cursor.fetchone(), strict=True))
            times = []
            for _ in range(runs):
                began = time.perf_counter()
                connection.execute(sql, params).fetchone()
                times.append(time.perf_counter() - began)
            results[name] = {"times": times, "figures": figures}
    return results


def explain(database_url, setup):
    """EXPLAIN ANALYZE of the year's query, for the report's appendix."""
    sql, params = headline_sql(**sql_filters(setup)["year"])
    with connect(database_url) as connection:
        rows = connection.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params).fetchall()
    return "\n".join(row[0] for row in rows)


def differences(selector_figures, sql_figures):
    """Figures on which headline() and the SQL query disagree."""
    out = []
    for key, value in selector_figures.items():
        theirs = sql_figures.get(key)
        mine = None if value is None else str(value)
        if (None if theirs is None else str(theirs)) != mine:
            out.append(f"{key}: headline {value}, SQL {theirs}")
    return out


def fetch(port, path, cookie):
    connection = http.client.HTTPConnection(HOST, port, timeout=GUNICORN_TIMEOUT)
    try:
        connection.request("GET", path, headers={"Cookie": cookie, "Accept": "text/html"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def time_pages(pages, port, cookie, runs, warm_up=True):
    """{label: times} for each (label, path); a callable path(i) gives run i its own path (and
    the warm-up path(runs)), so no run reads what another computed."""
    results = {}
    for label, path in pages:
        paths = [path(i) for i in range(runs + 1)] if callable(path) else [path] * (runs + 1)
        if warm_up:
            status, body = fetch(port, paths[runs], cookie)
            if status != 200:
                results[label] = {"status": status, "times": [], "bytes": len(body)}
                log(f"{label}: {paths[runs]} answered {status}; not timed")
                continue
        times = []
        for i in range(runs):
            began = time.perf_counter()
            status, body = fetch(port, paths[i], cookie)
            times.append(time.perf_counter() - began)
            if status != 200:
                raise RuntimeError(f"{paths[i]} answered {status} during the timed runs")
        results[label] = {"status": 200, "times": times, "bytes": len(body)}
        log(f"{label}: median {statistics.median(times) * 1000:.0f} ms")
    return results


def p95(times):
    ordered = sorted(times)
    return ordered[max(1, math.ceil(0.95 * len(ordered))) - 1]


def main(argv=None):
    args = parse_args(argv)
    install_sigterm_handler()
    commands = CommandLog()
    work_dir = Path(tempfile.mkdtemp(prefix="lentera-bench-stats-"))
    static_root_existed = STATIC_ROOT.exists()
    created = False
    redis = None
    try:
        created = ensure_postgres_database(args.database_url)
        if created:
            log(f"created database {redact_url(args.database_url)}")
        media_root = work_dir / "media"
        media_root.mkdir()
        overrides = base_env_overrides(args.database_url, media_root)
        redis = redis_client(REDIS_URL)
        if redis is not None:
            redis.flushdb()
            overrides["REDIS_URL"] = REDIS_URL
        if args.pg_options:
            overrides["PGOPTIONS"] = args.pg_options
            PG_OPTIONS["value"] = args.pg_options
        env = subprocess_env(overrides, random_secret_key())
        log("migrate")
        manage(["migrate", "--noinput"], env, commands)
        log("collectstatic")
        manage(["collectstatic", "--noinput"], env, commands)

        generation = None
        if has_data_set(args.database_url):
            log("the database already holds the generated data set: reused")
        else:
            log(f"generate_stats_data --scale {args.scale:g}")
            began = time.perf_counter()
            argv = ["generate_stats_data", "--scale", f"{args.scale:g}", "--seed", str(args.seed)]
            manage([*argv, "--yes", "-v2"], env, commands)
            generation = time.perf_counter() - began
        counts = row_counts(args.database_url)

        setup = shell(
            SETUP_CODE,
            env,
            commands,
            "SETUP_CODE",
            BENCH_SUPERUSER=SUPERUSER,
            BENCH_AUTH_BACKEND=AUTH_BACKEND,
        )
        log(f"headline() x {args.runs} per filter")
        selector_results = shell(
            SELECTORS_CODE,
            env,
            commands,
            "SELECTORS_CODE",
            BENCH_SETUP=json.dumps(setup),
            BENCH_RUNS=str(args.runs),
        )
        log(f"HEADLINE_SQL x {args.runs} per filter")
        sql_results = time_sql(args.database_url, setup, args.runs)
        plan = explain(args.database_url, setup)

        year = setup["year"]
        period = f"start={year}-01-01&end={year}-12-31"
        pages = []
        dashboard = setup["urls"].get("stats_dashboard")
        if dashboard:
            pages += [
                ("dashboard, year", "year", f"{dashboard}?{period}"),
                ("dashboard, agency", "agency", f"{dashboard}?{period}&agency={setup['agency']}"),
                ("dashboard, topic", "topic", f"{dashboard}?topic={setup['topic']}"),
                ("dashboard, no filter (this year)", None, dashboard),
            ]
        for name, path in setup["urls"].items():
            if name.startswith("stats_report_"):
                pages.append((f"{name}, year", "year", f"{path}?{period}"))

        # Cold: the year, ended one more day earlier by each request, so nothing is cached.
        def cold(path):
            last = datetime.date(year, 12, 31)
            return lambda i: f"{path}?start={year}-01-01&end={last - datetime.timedelta(i)}"

        cold_pages = [
            (f"{label} COLD", "year", cold(path.split("?")[0]))
            for label, against, path in pages
            if against == "year" and "participants" not in label  # never cached, so never cold
        ]
        port = free_port()
        log_file = work_dir / "gunicorn.log"
        argv = [*gunicorn_argv(port, 1, log_file), "--timeout", str(GUNICORN_TIMEOUT)]
        commands.add(argv)
        cookie = f"{setup['cookie']}={setup['session']}"
        log(f"gunicorn on {HOST}:{port}: {len(pages)} pages x {args.runs}")
        with GunicornServer(argv, env, log_file) as server:
            server.wait_ready(port, "/admin/login/")
            page_results = time_pages(
                [(label, path) for label, _, path in pages], port, cookie, args.runs
            )
            refreshed, refreshed_pages = None, []
            if redis is not None:
                log("one new attendance, then warming.refresh() as the task worker runs it")
                refreshed = shell(
                    REFRESH_CODE, env, commands, "REFRESH_CODE", BENCH_SETUP=json.dumps(setup)
                )
                after = [
                    (f"{label} AFTER REFRESH", against, path) for label, against, path in pages
                ]
                page_results.update(
                    time_pages(
                        [(label, path) for label, _, path in after],
                        port,
                        cookie,
                        args.runs,
                        warm_up=False,
                    )
                )
                shell(
                    DELETE_CODE,
                    env,
                    commands,
                    "DELETE_CODE",
                    BENCH_ATTENDANCE=str(refreshed["attendance"]),
                )
                refreshed_pages = after
            log(f"cold: {len(cold_pages)} pages x {args.runs}")
            page_results.update(
                time_pages(
                    [(label, path) for label, _, path in cold_pages], port, cookie, args.runs
                )
            )

        report(
            args,
            counts,
            generation,
            setup,
            selector_results,
            sql_results,
            pages + refreshed_pages + cold_pages,
            page_results,
            refreshed,
        )

        print()
        print("EXPLAIN (ANALYZE, BUFFERS) of HEADLINE_SQL for the year:")
        print(textwrap.indent(plan, "  "))
        print()
        print_reproduction(overrides, commands)
        problems = [
            f"{name}: {difference}"
            for name in selector_results
            for difference in differences(
                selector_results[name]["figures"], sql_results[name]["figures"]
            )
        ]
        figures = summary_rows(
            selector_results,
            sql_results,
            pages + refreshed_pages + cold_pages,
            page_results,
            refreshed,
            problems,
        )
        parameters = {"scale": args.scale, "runs": args.runs, "rows": counts}
        write_summary(args.summary_json, figures, parameters)
        if problems:
            print()
            print("headline() AND THE SQL QUERY DISAGREE:")
            for problem in problems:
                print(f"  {problem}")
            return 1
        return 0
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
        if not static_root_existed:
            shutil.rmtree(STATIC_ROOT, ignore_errors=True)
        if redis is not None:
            redis.flushdb()
        if created and not args.keep_database:
            drop_postgres_database(args.database_url)
            log(f"dropped database {redact_url(args.database_url)}")


def summary_rows(selector_results, sql_results, pages, page_results, refreshed, problems):
    """The headline figures for --summary-json (run_all.py's table): headline() and the
    dashboard per filter, and the slowest report warm, COLD and AFTER REFRESH, each as its
    median's ratio to the SQL query's median for the same filter (goal: 1 or less)."""
    name = "stats"
    sql_median = {key: statistics.median(r["times"]) for key, r in sql_results.items()}
    rows = []

    def row(measure, times, against):
        median = statistics.median(times)
        ratio = round(median / sql_median[against], 2)
        return summary_row(
            name,
            measure,
            round(median * 1000, 1),
            "ms median",
            ratio=ratio,
            against=f"SQL query, {against} ({sql_median[against] * 1000:.1f} ms)",
            goal="<= 1",
            met=at_most(ratio, 1),
        )

    for key, result in selector_results.items():
        rows.append(row(f"headline(), {key}", result["times"], key))
    timed = [
        (label, against, page_results[label])
        for label, against, _path in pages
        if against and page_results[label]["status"] == 200
    ]

    def slowest(suffix):
        """The report whose median is the largest multiple of its query's, among `suffix`."""
        reports = [
            (label, against, result)
            for label, against, result in timed
            if label.startswith("stats_report_") and label.endswith(suffix or ", year")
        ]
        if reports:
            label, against, result = max(
                reports, key=lambda item: statistics.median(item[2]["times"]) / sql_median[item[1]]
            )
            title = f"slowest of {len(reports)} reports{suffix}: {label.split(',')[0]}, year"
            rows.append(row(title, result["times"], against))

    for suffix in ("", " COLD", " AFTER REFRESH"):
        for label, against, result in timed:
            if not label.startswith("dashboard"):
                continue
            warm = not label.endswith((" COLD", " AFTER REFRESH"))
            if (warm and not suffix) or (suffix and label == f"dashboard, year{suffix}"):
                rows.append(row(label, result["times"], against))
        slowest(suffix)
    if refreshed is not None:
        rows.append(
            summary_row(
                name,
                f"warming.refresh() after one attendance ({refreshed['views']} views, task worker)",
                round(refreshed["seconds"], 2),
                "s",
            )
        )
    failed = [label for label, _against, _path in pages if page_results[label]["status"] != 200]
    rows.append(
        summary_row(
            name,
            "checks: headline() equals the SQL query; every page answered 200",
            "FAIL" if problems or failed else "pass",
            "",
            goal="pass",
            met=not (problems or failed),
        )
    )
    return rows


def report(
    args,
    counts,
    generation,
    setup,
    selector_results,
    sql_results,
    pages,
    page_results,
    refreshed=None,
):
    print(
        f"Statistics on a generated data set (scale {args.scale:g}), PostgreSQL, "
        f"{os.cpu_count()} cores"
    )
    print(f"Database: {redact_url(args.database_url)}")
    print(f"PostgreSQL options (PGOPTIONS): {args.pg_options or 'none, the server defaults'}")
    print("Load average: " + ", ".join(f"{n:.2f}" for n in os.getloadavg()))
    print("Rows: " + ", ".join(f"{label} {count:,}" for label, count in counts.items()))
    if generation is None:
        print("Generation: the database was kept from an earlier run (not timed)")
    else:
        print(f"Generation (manage.py generate_stats_data, with ANALYZE): {generation:.1f} s")
    print(
        f"Filters: year = {setup['year']}; agency = {setup['agency_name']} (id {setup['agency']}, "
        f"with its kelurahan), {setup['year']}; topic = id {setup['topic']}, all time"
    )
    print()
    sql_median = {name: statistics.median(r["times"]) for name, r in sql_results.items()}
    rows = []

    def row(label, times, against, note=""):
        median = statistics.median(times)
        ratio = f"{median / sql_median[against]:.2f}" if against else "-"
        rows.append([label, f"{median * 1000:.1f}", f"{p95(times) * 1000:.1f}", ratio, note])

    for name, result in sql_results.items():
        row(f"SQL query, {name}", result["times"], name, "one query, psycopg")
    for name, result in selector_results.items():
        row(f"headline(), {name}", result["times"], name, "4 queries + Django")
    for label, against, _path in pages:
        result = page_results[label]
        if result["status"] != 200:
            rows.append([label, "-", "-", "-", f"HTTP {result['status']}"])
            continue
        row(label, result["times"], against, f"{result['bytes'] / 1024:.0f} KB")
    headers = ["measurement", "median ms", "p95 ms", "x SQL", "note"]
    print(format_table(headers, rows, text_columns=1))
    print()
    print(
        f"{args.runs} timed runs each after one warm-up. x SQL: median / the SQL query's median "
        "for the same filter\n(goal: 1 or less). Pages: one request at a time to one gunicorn "
        "sync worker, production settings,\nlogged in as a superuser; the time includes "
        "the TCP connection and the whole body."
    )
    print(
        "COLD: every request with a period nobody asked before (nothing cached): what the first "
        "view\nof a new filter costs. AFTER REFRESH: after one new attendance and the task "
        "worker's refresh,\nno warm-up: what an analyst meets after a check-in."
    )
    if refreshed is not None:
        print(
            f"warming.refresh() after the new attendance: {refreshed['seconds']:.1f} s for "
            f"{refreshed['views']} views (in the task worker, not in a request)"
        )
    else:
        print("Redis did not answer: the refresh was not measured (it needs a shared cache).")
    if setup["missing"]:
        print("Not measured (no such URL yet): " + ", ".join(setup["missing"]))
    reports = [name for name in setup["urls"] if name.startswith("stats_report_")]
    if not reports:
        print("Not measured: no URL named stats_report_* exists yet.")
    for name in ("year", "agency", "topic"):
        disagree = differences(selector_results[name]["figures"], sql_results[name]["figures"])
        verdict = "the same figures" if not disagree else f"{len(disagree)} figures differ"
        print(f"headline() and the SQL query, {name}: {verdict}")


if __name__ == "__main__":
    sys.exit(main())
