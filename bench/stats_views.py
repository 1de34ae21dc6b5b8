"""Benchmark: the statistics on a generated data set, against one hand-written SQL query.

STATS_GENERATOR fills an isolated PostgreSQL database (a kept one is reused). Timed --runs
times after a warm-up: headline() per filter (a year, a kecamatan that year, a topic) and
HEADLINE_SQL (they must agree); through gunicorn, logged in as a superuser, the dashboard and
every stats_report_*: warm, COLD (a period nobody asked before) and, with Redis (db 13), AFTER
REFRESH (one new attendance and the task worker's refresh). Goal: x SQL <= 1. Before timing,
the summary tables are built in full (services.summary_rebuild, as `manage.py
build_stats_summary` or the worker's first refresh does; timed); the figures come from them
while they are current (with Redis: the token lives in the shared cache).

    .venv/bin/python bench/stats_views.py [--scale 1.0] [--runs 20]
        [--database-url postgres://...] [--keep-database]
"""

import datetime
import functools
import json
import os
import statistics
import sys
import textwrap
import time

import harness
import psycopg

# The statistics generator's management command: the one place bench/ names it.
STATS_GENERATOR = "generate_stats_data"
TIME_ZONE = "Asia/Jakarta"  # settings.TIME_ZONE: the day of a self-paced attempt is local
GUNICORN_TIMEOUT = 900  # a slow report must come back rather than be killed at 30 s
REDIS_URL = "redis://127.0.0.1:6379/13"
SEED = 2026  # the data set's
# PGOPTIONS of every connection, as the site's own connections run: the SQL query and the views
# on equal terms.
PG_OPTIONS = "-c jit=off"
TABLES = {
    "people_agency": "agencies",
    "people_user": "users",
    "training_sessionpage": "sessions",
    "training_registration": "registrations",
    "training_attendance": "attendances",
    "quizzes_attempt": "quiz attempts",
    "certificates_certificate": "certificates",
    "stats_agencyheadcount": "headcounts",
}

# The filters (last full year; the kecamatan with the most attendances that year; the topic of
# the most sessions), the statistics URLs that exist, and a superuser's logged-in session.
SETUP_CODE = """
from django.db.models import Count
from django.urls import NoReverseMatch, get_resolver, reverse
from django.utils import timezone
from content.people.models import Agency, AgencyKind, User
from content.training.models import Attendance, SessionPage

year = timezone.localdate().year - 1
kecamatan = Agency.objects.filter(kind=AgencyKind.KECAMATAN)
agency = (
    Attendance.objects.filter(session__date__year=year, agency__in=kecamatan)
    .values("agency").annotate(n=Count("pk")).order_by("-n").first()
) or {"agency": kecamatan.first().pk}
topic = SessionPage.objects.exclude(topic=None).values("topic").annotate(n=Count("pk"))
topic = topic.order_by("-n").first()

urls, missing = {}, []
names = get_resolver().reverse_dict  # every URL name, those of included URLconfs too
reports = sorted(n for n in names if isinstance(n, str) and n.startswith("stats_report_"))
for name in ["stats_dashboard", *reports]:
    try:
        urls[name] = reverse(name)
    except NoReverseMatch:
        missing.append(name)
user, _ = User.objects.get_or_create(
    username="uji-statistik-admin",
    defaults={"is_staff": True, "is_superuser": True, "full_name": "Admin Uji Statistik"},
)
emit({"year": year, "agency": agency["agency"],
      "agency_name": str(Agency.objects.get(pk=agency["agency"])), "topic": topic["topic"],
      "urls": urls, "missing": missing,
      "cookie": f"{settings.SESSION_COOKIE_NAME}={login_session(user)}"})
"""

# headline() per filter, built afresh per run as a request builds it: one warm-up, BENCH_RUNS
# timed runs; its figures, for the comparison with the SQL query.
SELECTORS_CODE = """
import time
from content.articles.models import Topic
from content.people.models import Agency
from content.stats import selectors
from content.stats.filters import StatsFilter

setup, runs = json.loads(os.environ["BENCH_SETUP"]), int(os.environ["BENCH_RUNS"])
year = dict(start=datetime.date(setup["year"], 1, 1), end=datetime.date(setup["year"], 12, 31))
filters = {
    "year": lambda: StatsFilter(**year),
    "agency": lambda: StatsFilter(**year, agency=Agency.objects.get(pk=setup["agency"])),
    "topic": lambda: StatsFilter(topic=Topic.objects.get(pk=setup["topic"])),
}
out = {}
for name, make in filters.items():
    figures, times = selectors.headline(make()), []
    for _ in range(runs):
        began = time.perf_counter()
        selectors.headline(make())
        times.append(time.perf_counter() - began)
    values = {k: v if v is None or isinstance(v, int) else str(v) for k, v in vars(figures).items()}
    out[name] = {"times": times, "figures": values}
emit(out)
"""

# The summary tables built in full, as the worker's first refresh (or build_stats_summary) does.
BUILD_CODE = """
import time
from content.stats import services

began = time.perf_counter()
rows = services.summary_rebuild()
emit({"seconds": time.perf_counter() - began, "rows": rows})
"""

# One new attendance in the measured year (a write the figures must show), then what the task
# worker runs after it (tasks.refresh: the summary tables rebuilt, then the views analysts
# opened). With BENCH_ATTENDANCE: delete that attendance again, and refresh as the worker would.
REFRESH_CODE = """
import time
from django.utils import timezone
from content.people.models import User
from content.stats import tasks
from content.training.models import Attendance, SessionPage

if "BENCH_ATTENDANCE" in os.environ:
    Attendance.objects.filter(pk=int(os.environ["BENCH_ATTENDANCE"])).delete()
    tasks.refresh()
else:
    year = json.loads(os.environ["BENCH_SETUP"])["year"]
    session = SessionPage.objects.filter(date__year=year).order_by("-date").first()
    person = User.objects.exclude(participant_group="").exclude(attendances__session=session)[0]
    attendance = Attendance.objects.create(
        session=session, participant=person, status="hadir", method="manual",
        checked_in_at=timezone.now(), **Attendance.fields_for(person),
    )
    began = time.perf_counter()
    views = tasks.refresh()
    emit({"seconds": time.perf_counter() - began, "views": views, "attendance": attendance.pk})
"""

# The same figures as selectors.headline(), in one query over the raw tables. headline_sql()
# fills in the filter's clauses: {sessions} on the sessions, {agency_*} on the records' agency
# at the time, {self_paced} on self-paced attempts (period and topic).
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
    for value, operator, name in ((start, ">=", "start"), (end, "<=", "end")):
        if value:
            sessions.append(f"AND date {operator} %({name})s")
            self_paced.append(f"AND {local_day} {operator} %({name})s")
    if topic:
        sessions.append("AND topic_id = %(topic)s")
        self_paced.append(
            "AND t.quiz_id IN (SELECT id FROM quizzes_quiz WHERE topic_id = %(topic)s)"
        )
    in_agency = "AND {}.agency_id IN (SELECT id FROM subtree)" if agency else ""
    sql = HEADLINE_SQL.format(
        sessions=" ".join(sessions),
        self_paced=" ".join(self_paced),
        **{f"agency_{x}": in_agency.format(x) for x in "atr"},
    )
    return sql, {"start": start, "end": end, "topic": topic, "agency": agency}


def sql_filters(setup):
    year = {
        "start": datetime.date(setup["year"], 1, 1),
        "end": datetime.date(setup["year"], 12, 31),
    }
    return {
        "year": year,
        "agency": {**year, "agency": setup["agency"]},
        "topic": {"topic": setup["topic"]},
    }


def parse_args(argv=None):
    parser = harness.bench_parser(
        "Statistics selectors and admin pages on a large data set, next to SQL.",
        f"{harness.PG}/lentera_bench_stats",
    )
    add = parser.add_argument
    add("--scale", type=float, default=1.0, help="data set size (1: 1,000,000 attendances)")
    add(
        "--runs",
        type=harness.positive_int,
        default=20,
        help="timed runs per measurement (default 20)",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be more than 0")
    return args


def connect(args):
    return psycopg.connect(args.database_url, autocommit=True, options=PG_OPTIONS)


def time_sql(args, setup):
    """Each filter's query: its figures, then `runs` timed runs after that warm-up; and
    EXPLAIN (ANALYZE, BUFFERS) of the year's query for the report."""
    results = {}
    with connect(args) as connection:
        for name, values in sql_filters(setup).items():
            sql, params = headline_sql(**values)
            cursor = connection.execute(sql, params)
            figures = dict(
                zip([c.name for c in cursor.description], cursor.fetchone(), strict=True)
            )
            times = []
            for _ in range(args.runs):
                began = time.perf_counter()
                connection.execute(sql, params).fetchone()
                times.append(time.perf_counter() - began)
            results[name] = {"times": times, "figures": figures}
        sql, params = headline_sql(**sql_filters(setup)["year"])
        plan = connection.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params).fetchall()
    return results, "\n".join(row[0] for row in plan)


def differences(selector_figures, sql_figures):
    """Figures on which headline() and the SQL query disagree."""
    return [
        f"{key}: headline {value}, SQL {sql_figures.get(key)}"
        for key, value in selector_figures.items()
        if (None if sql_figures.get(key) is None else str(sql_figures.get(key)))
        != (None if value is None else str(value))
    ]


def time_pages(pages, port, cookie, runs, warm_up=True):
    """{label: result} for each (label, against, path); a callable path(i) gives run i its own
    path (and the warm-up path(runs)), so no run reads what another computed."""
    results = {}
    for label, _against, path in pages:
        paths = [path(i) if callable(path) else path for i in range(runs + 1)]
        headers = {"Cookie": cookie, "Accept": "text/html"}
        if warm_up:
            status = harness.get(port, paths[runs], headers, timeout=GUNICORN_TIMEOUT)[0]
            if status != 200:
                results[label] = {"status": status, "times": []}
                harness.log(f"{label}: {paths[runs]} answered {status}; not timed")
                continue
        times = []
        for i in range(runs):
            began = time.perf_counter()
            status = harness.get(port, paths[i], headers, timeout=GUNICORN_TIMEOUT)[0]
            times.append(time.perf_counter() - began)
            if status != 200:
                raise RuntimeError(f"{paths[i]} answered {status} during the timed runs")
        results[label] = {"status": 200, "times": times}
        harness.log(f"{label}: median {statistics.median(times) * 1000:.0f} ms")
    return results


def measure_pages(site, args, setup):
    """[(label, the SQL filter it is compared with, path)] and their results: warm, AFTER
    REFRESH (with Redis) and COLD; and the refresh's figures (None without Redis)."""
    year = setup["year"]
    period = f"start={year}-01-01&end={year}-12-31"
    pages, dashboard = [], setup["urls"].get("stats_dashboard")
    if dashboard:
        pages += [
            ("dashboard, year", "year", f"{dashboard}?{period}"),
            ("dashboard, agency", "agency", f"{dashboard}?{period}&agency={setup['agency']}"),
            ("dashboard, topic", "topic", f"{dashboard}?topic={setup['topic']}"),
            ("dashboard, no filter (this year)", None, dashboard),
        ]
    pages += [
        (f"{name}, year", "year", f"{path}?{period}")
        for name, path in setup["urls"].items()
        if name.startswith("stats_report_")
    ]

    def cold(path):  # the year, ended one more day earlier by each request: nothing cached
        last = datetime.date(year, 12, 31)
        return lambda i: f"{path}?start={year}-01-01&end={last - datetime.timedelta(i)}"

    cold_pages = [
        (f"{label} COLD", "year", cold(path.split("?")[0]))
        for label, against, path in pages
        if against == "year" and "participants" not in label  # never cached, so never cold
    ]
    port, log_file = harness.free_port(), site.work_dir / "gunicorn.log"
    argv = [*harness.gunicorn_argv(port, 1, log_file), "--timeout", str(GUNICORN_TIMEOUT)]
    site.record(argv)
    harness.log(f"gunicorn on {harness.HOST}:{port}: {len(pages)} pages x {args.runs}")
    refreshed, after = None, []
    with harness.GunicornServer(argv, site.env, log_file) as server:
        server.wait_ready(port, "/admin/login/")
        results = time_pages(pages, port, setup["cookie"], args.runs)
        if site.redis is not None:
            harness.log("one new attendance, then warming.refresh() as the task worker runs it")
            refreshed = site.shell(REFRESH_CODE, "REFRESH_CODE", BENCH_SETUP=json.dumps(setup))
            after = [(f"{label} AFTER REFRESH", against, path) for label, against, path in pages]
            results.update(time_pages(after, port, setup["cookie"], args.runs, warm_up=False))
            site.shell(REFRESH_CODE, "REFRESH_CODE", BENCH_ATTENDANCE=str(refreshed["attendance"]))
        harness.log(f"cold: {len(cold_pages)} pages x {args.runs}")
        results.update(time_pages(cold_pages, port, setup["cookie"], args.runs))
    return pages + after + cold_pages, results, refreshed


def summary_rows(selectors, sql, pages, results, refreshed, problems):
    """headline() and the dashboard per filter, the slowest report, and the dashboard and the
    slowest report COLD and AFTER REFRESH, each as its median's ratio to the query's."""
    sql_median = {key: statistics.median(r["times"]) for key, r in sql.items()}
    stats_row, rows = functools.partial(harness.summary_row, "stats"), []

    def row(measure, times, against):
        median = statistics.median(times)
        ratio = round(median / sql_median[against], 2)
        against_text = f"SQL query, {against} ({sql_median[against] * 1000:.1f} ms)"
        value, met = round(median * 1000, 1), harness.at_most(ratio, 1)
        rows.append(stats_row(measure, value, "ms median", ratio, against_text, "<= 1", met))

    def kind(label):  # "" (warm), " COLD" or " AFTER REFRESH"
        return next((k for k in (" COLD", " AFTER REFRESH") if label.endswith(k)), "")

    for key, result in selectors.items():
        row(f"headline(), {key}", result["times"], key)
    timed = [
        (label, against, results[label])
        for label, against, _ in pages
        if against and results[label]["status"] == 200
    ]
    for suffix in ("", " COLD", " AFTER REFRESH"):
        mine = [page for page in timed if kind(page[0]) == suffix]
        for label, against, result in mine:
            # Warm: the dashboard per filter; COLD and AFTER REFRESH: the year's.
            if label.startswith("dashboard") and label.endswith(suffix and f"year{suffix}"):
                row(label, result["times"], against)
        reports = [r for r in mine if r[0].startswith("stats_report_")]
        if reports:
            label, against, result = max(
                reports, key=lambda r: statistics.median(r[2]["times"]) / sql_median[r[1]]
            )
            title = f"slowest of {len(reports)} reports{suffix}: {label.split(',')[0]}, year"
            row(title, result["times"], against)
    if refreshed is not None:
        views = f"{refreshed['views']} views, task worker"
        measure = f"tasks.refresh() after one attendance ({views}, summary rebuilt)"
        rows.append(stats_row(measure, round(refreshed["seconds"], 2), "s"))
    failed = [label for label, _, _ in pages if results[label]["status"] != 200]
    measure = "checks: headline() equals the SQL query; every page answered 200"
    return [*rows, harness.check_row("stats", measure, not (problems or failed))]


def report(args, site, counts, generation, setup, selectors, sql, pages, results, refreshed):
    kept = "the database was kept from an earlier run (not timed)"
    print(
        f"Statistics on a generated data set (scale {args.scale:g}), PostgreSQL, "
        f"{os.cpu_count()} cores, load average {harness.load_text(os.getloadavg())}\nDatabase: "
        f"{site.database_label}, PGOPTIONS {PG_OPTIONS}\nRows: "
        + ", ".join(f"{label} {count:,}" for label, count in counts.items())
        + f"\nGeneration: {kept if generation is None else f'{generation:.1f} s, with ANALYZE'}"
    )
    print(
        f"Filters: year = {setup['year']}; agency = {setup['agency_name']} (id "
        f"{setup['agency']}, with its kelurahan), {setup['year']}; topic = id {setup['topic']}, "
        "all time\n"
    )
    for name, result in sql.items():
        print(f"SQL query, {name}: median {statistics.median(result['times']) * 1000:.1f} ms")
    failed = [f"{label} (HTTP {results[label]['status']})" for label, _, _ in pages]
    failed = [text for text in failed if not text.endswith("(HTTP 200)")]
    print("Pages not answering 200: " + (", ".join(failed) or "none"))
    print(
        f"{args.runs} timed runs each after one warm-up; x SQL in the table: median / the "
        "query's median for\nthe same filter (goal: 1 or less). Pages: one request at a time, one "
        "sync worker, TCP connection\nand whole body included. COLD: a period nobody asked before. "
        "AFTER REFRESH: after one new\nattendance and the task worker's refresh, no warm-up."
    )
    if refreshed is not None:
        print(
            f"tasks.refresh() after the new attendance: {refreshed['seconds']:.1f} s for the "
            f"summary tables and {refreshed['views']} views (in the task worker, not a request)"
        )
    else:
        print("Redis did not answer: the refresh was not measured (it needs a shared cache).")
    if setup["missing"]:
        print("Not measured (no such URL yet): " + ", ".join(setup["missing"]))
    if not any(name.startswith("stats_report_") for name in setup["urls"]):
        print("Not measured: no URL named stats_report_* exists yet.")
    for name in ("year", "agency", "topic"):
        disagree = differences(selectors[name]["figures"], sql[name]["figures"])
        verdict = f"{len(disagree)} figures differ" if disagree else "the same figures"
        print(f"headline() and the SQL query, {name}: {verdict}")


def generated_data_set(site, connection, args, seed, tables):
    """Generate the data set at --scale, or reuse the one a kept database already holds.
    Returns (seconds the generation took or None, {label: rows} of `tables`)."""
    generation = None
    if connection.execute(
        "SELECT EXISTS (SELECT 1 FROM people_user WHERE username LIKE 'datauji-%')"
    ).fetchone()[0]:
        harness.log("the database already holds the generated data set: reused")
    else:
        began = time.perf_counter()
        size = ["--scale", f"{args.scale:g}", "--seed", str(seed)]
        site.manage(STATS_GENERATOR, *size, "--yes", "-v2")
        generation = time.perf_counter() - began
    counts = {
        label: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table, label in tables.items()
    }
    return generation, counts


def main(argv=None):
    args = parse_args(argv)
    with harness.bench_site(args, redis_url=REDIS_URL, PGOPTIONS=PG_OPTIONS) as site:
        site.manage("migrate", "--noinput")
        site.manage("collectstatic", "--noinput")
        with connect(args) as connection:
            generation, counts = generated_data_set(site, connection, args, SEED, TABLES)
        setup = site.shell(SETUP_CODE, "SETUP_CODE")
        # After SETUP_CODE: creating its user is a write behind the figures, which makes tables
        # built before it no longer current (the worker's refresh would rebuild them).
        harness.log("the summary tables, built in full")
        built = site.shell(BUILD_CODE, "BUILD_CODE")
        harness.log(f"headline() x {args.runs} per filter")
        env = {"BENCH_SETUP": json.dumps(setup), "BENCH_RUNS": str(args.runs)}
        selectors = site.shell(SELECTORS_CODE, "SELECTORS_CODE", **env)
        harness.log(f"HEADLINE_SQL x {args.runs} per filter")
        sql, plan = time_sql(args, setup)
        pages, results, refreshed = measure_pages(site, args, setup)
        report(args, site, counts, generation, setup, selectors, sql, pages, results, refreshed)
        print("\nEXPLAIN (ANALYZE, BUFFERS) of HEADLINE_SQL for the year:")
        print(textwrap.indent(plan, "  ") + "\n")
        site.print_reproduction()
        problems = [
            f"{name}: {difference}"
            for name in selectors
            for difference in differences(selectors[name]["figures"], sql[name]["figures"])
        ]
        figures = summary_rows(selectors, sql, pages, results, refreshed, problems)
        rows = ", ".join(f"{name} {count:,}" for name, count in built["rows"].items())
        print(f"Summary tables built in full: {built['seconds']:.1f} s ({rows})")
        figures.insert(
            -1,
            harness.summary_row(
                "stats",
                "summary tables, full build (services.summary_rebuild)",
                round(built["seconds"], 2),
                "s",
            ),
        )
        parameters = {"scale": args.scale, "runs": args.runs, "rows": counts}
        harness.write_summary(args.summary_json, figures, parameters)
        if problems:
            print("\nheadline() AND THE SQL QUERY DISAGREE:\n  " + "\n  ".join(problems))
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
