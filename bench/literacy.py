"""Benchmark: the digital literacy index on the statistics data set (1,000,000 attempts and their
20,000,000 answers at --scale 1), on PostgreSQL.

(a) literacy_calibrate() (content.stats.services), as the task worker runs it: wall time and
peak memory (ru_maxrss of the process running it; the Django process's own before the call is
shown beside it), the run's size, and how well the calibration recovers the difficulties the
generator drew its answers from (r with the true b in each generated question's explanation,
within each pillar: each pillar is a scale of its own).
(b) The admin index screen (stats_literacy) through gunicorn, logged in as a superuser, with no
filter (the latest year, the whole city) and with an agency filter (that year, a kecamatan with
its kelurahan), against PERCENT_SQL: the raw per-pillar percentages of the same selection (the
mean of answer points per question pillar over finished pre-tests of that year and agency), the
only figure one could read without the index. Alternated in one run, after one warm-up each
(which fills the screen's cache, as the first visitor after a run does). Goal: x SQL <= 1.

STATS_GENERATOR fills an isolated database (a kept one is reused, with its latest run counted
again).

    .venv/bin/python bench/literacy.py [--scale 1.0] [--runs 5] [--sample N]
        [--database-url postgres://...] [--keep-database]
"""

import functools
import os
import statistics
import sys
import time

import harness
import psycopg
from stats_views import PG_OPTIONS, TIME_ZONE, generated_data_set

REDIS_URL = "redis://127.0.0.1:6379/11"
SEED = 2026  # the data set's, and the calibration's
GUNICORN_TIMEOUT = 900
GOAL_R = 0.97  # the recovery goal for item difficulties on simulated responses
TABLES = {
    "people_user": "users",
    "quizzes_question": "questions",
    "quizzes_attempt": "quiz attempts",
    "quizzes_answer": "answers",
}

# literacy_calibrate() once, in this process: its wall time, this process's peak memory before
# and after (ru_maxrss, KB on Linux; children too, should the computation fork), the run's size,
# and r between the calibrated difficulties and the true ones the generator used, within each
# pillar (each pillar is its own scale, with its own origin: across pillars the difficulties
# are not comparable) and the lowest of the four.
CALIBRATE_CODE = """
import resource, statistics, time, traceback
from content.quizzes.models import Question
from content.stats import services
from content.stats.models import ItemCalibration

sample = os.environ.get("BENCH_SAMPLE")
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
began = time.perf_counter()
try:
    run = services.literacy_calibrate(
        sample=int(sample) if sample else None, seed=int(os.environ["BENCH_SEED"])
    )
except Exception as error:
    emit({"error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-2000:]})
    raise SystemExit(0)
seconds = time.perf_counter() - began
out = {
    "seconds": seconds,
    "maxrss_before_kb": before,
    "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    "children_maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    "run": run.pk,
    "status": run.status,
}
for name in ("people", "attempts", "responses"):
    out[name] = getattr(run, name, None)
out["cells"] = run.cells.count()
true = {
    pk: (float(text.split("b = ")[1].rstrip(".")), pillar)
    for pk, text, pillar in Question.objects.filter(explanation__contains="b = ")
    .values_list("pk", "explanation", "pillar")
}
by_pillar = {}
for question, difficulty in ItemCalibration.objects.filter(run=run).values_list(
    "question", "difficulty"
):
    if question in true:
        b, pillar = true[question]
        by_pillar.setdefault(pillar, []).append((difficulty, b))
out["items"] = sum(len(pairs) for pairs in by_pillar.values())
out["r_by_pillar"] = {
    pillar: statistics.correlation([a for a, _ in pairs], [b for _, b in pairs])
    for pillar, pairs in by_pillar.items()
    if len(pairs) > 2
}
if out["r_by_pillar"]:
    out["r"] = min(out["r_by_pillar"].values())
emit(out)
"""

# The screen's URL, the selection it shows with no filter (the latest year of the latest run,
# the whole city, before training), the kecamatan with the most finished pre-tests that year,
# and a superuser's logged-in session.
SETUP_CODE = """
from django.db.models import Count, Max
from django.urls import NoReverseMatch, reverse
from content.people.models import Agency, AgencyKind, User
from content.quizzes.models import Attempt
from content.stats.models import LiteracyCell, LiteracyRun, RunStatus

run = LiteracyRun.objects.filter(status=RunStatus.FINISHED).order_by("-finished_at", "-pk").first()
try:
    url = reverse("stats_literacy")
except NoReverseMatch:
    url = None
year = None
if run is not None:
    try:
        from content.stats.literacy import reading
        year = reading.years(run)[0]
    except (ImportError, AttributeError, IndexError):
        year = LiteracyCell.objects.filter(run=run, phase="sebelum").aggregate(y=Max("year"))["y"]
kecamatan = Agency.objects.filter(kind=AgencyKind.KECAMATAN)
agency = (
    Attempt.objects.filter(purpose="pre", finished_at__year=year or 0, agency__in=kecamatan)
    .exclude(status="berjalan").values("agency").annotate(n=Count("pk")).order_by("-n").first()
) or {"agency": kecamatan.first().pk}
user, _ = User.objects.get_or_create(
    username="uji-literasi-admin",
    defaults={"is_staff": True, "is_superuser": True, "full_name": "Admin Uji Literasi"},
)
emit({"run": run and run.pk, "url": url, "year": year, "agency": agency["agency"],
      "agency_name": str(Agency.objects.get(pk=agency["agency"])),
      "cookie": f"{settings.SESSION_COOKIE_NAME}={login_session(user)}"})
"""

# Raw per-pillar percentages of a selection: the mean of the answer points (0 or 1) per question
# pillar over the finished pre-tests finished in the year (local date, as the engine counts
# years), of the agency and its sub-agencies (by the agency at the time), as the index's
# "sebelum" cells select them.
PERCENT_SQL = """
WITH RECURSIVE subtree AS (
    SELECT id FROM people_agency WHERE id = %(agency)s
    UNION
    SELECT child.id FROM people_agency child JOIN subtree ON child.parent_id = subtree.id
)
SELECT q.pillar, round(100 * avg(a.points), 1) AS percent, count(*) AS answers,
    count(DISTINCT t.participant_id) AS people
FROM quizzes_answer a
JOIN quizzes_attempt t ON t.id = a.attempt_id
JOIN quizzes_question q ON q.id = a.question_id
WHERE t.purpose = 'pre' AND t.status <> 'berjalan' AND q.pillar <> ''
    AND (t.finished_at AT TIME ZONE %(zone)s)::date BETWEEN %(start)s AND %(end)s
    {agency}
GROUP BY q.pillar
ORDER BY q.pillar
"""


def percent_sql(year, agency=None):
    clause = "AND t.agency_id IN (SELECT id FROM subtree)" if agency else ""
    params = {
        "agency": agency,
        "zone": TIME_ZONE,
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
    }
    return PERCENT_SQL.format(agency=clause), params


def parse_args(argv=None):
    parser = harness.bench_parser(
        "The literacy index: calibration time and memory; the index screen next to SQL.",
        f"{harness.PG}/lentera_bench_literacy",
    )
    add = parser.add_argument
    add("--scale", type=float, default=1.0, help="data set size (1: 1,000,000 attempts)")
    add("--runs", type=harness.positive_int, default=5, help="timed runs per page (default 5)")
    add(
        "--sample",
        type=harness.positive_int,
        help="attempts for the calibration (default: the setting, as the task worker runs it)",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be more than 0")
    return args


def connect(args):
    return psycopg.connect(args.database_url, autocommit=True, options=PG_OPTIONS)


def alternate(args, setup, port):
    """For each selection: one warm-up of the page and of the query, then `runs` times the
    query and the page, one after the other. {label: {"sql": [...], "page": [...], ...}}."""
    url, year = setup["url"], setup["year"]
    selections = [
        ("no filter", url, percent_sql(year)),
        (
            "agency",
            f"{url}?year={year}&agency={setup['agency']}",
            percent_sql(year, setup["agency"]),
        ),
    ]
    headers = {"Cookie": setup["cookie"], "Accept": "text/html"}
    out = {}
    with connect(args) as connection:
        for label, path, (sql, params) in selections:
            rows = connection.execute(sql, params).fetchall()
            status = harness.get(port, path, headers, timeout=GUNICORN_TIMEOUT)[0]
            result = out[label] = {
                "path": path,
                "status": status,
                "rows": rows,
                "sql": [],
                "page": [],
            }
            if status != 200:
                harness.log(f"{label}: {path} answered {status}; not timed")
                continue
            for _ in range(args.runs):
                began = time.perf_counter()
                connection.execute(sql, params).fetchall()
                result["sql"].append(time.perf_counter() - began)
                began = time.perf_counter()
                status = harness.get(port, path, headers, timeout=GUNICORN_TIMEOUT)[0]
                result["page"].append(time.perf_counter() - began)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status} during the timed runs")
            harness.log(
                f"{label}: page {statistics.median(result['page']) * 1000:.1f} ms, SQL "
                f"{statistics.median(result['sql']) * 1000:.1f} ms (medians)"
            )
    return out


def measure_pages(site, args, setup):
    port, log_file = harness.free_port(), site.work_dir / "gunicorn.log"
    argv = [*harness.gunicorn_argv(port, 1, log_file), "--timeout", str(GUNICORN_TIMEOUT)]
    site.record(argv)
    with harness.GunicornServer(argv, site.env, log_file) as server:
        server.wait_ready(port, "/admin/login/")
        return alternate(args, setup, port)


def summary_rows(args, generation, answers_size, calibration, pages):
    row = functools.partial(harness.summary_row, "literacy")
    rows = []
    if generation is not None:
        rows.append(row(f"generate_stats_data --scale {args.scale:g} (with answers)",
                        round(generation, 1), "s"))  # fmt: skip
    rows.append(row("answers table with its indexes", round(answers_size / 2**20), "MB"))
    ok = "error" not in calibration
    if ok:
        size = f"{calibration.get('attempts') or 0:,} attempts, {calibration['items']} items"
        rows.append(row(f"literacy_calibrate() ({size})", round(calibration["seconds"], 1), "s"))
        peak = max(calibration["maxrss_kb"], calibration["children_maxrss_kb"]) / 1024
        rows.append(row("literacy_calibrate() peak memory (ru_maxrss)", round(peak), "MB"))
        if "r" in calibration:
            r = round(calibration["r"], 3)
            met = r >= GOAL_R
            rows.append(row("difficulties recovered: r with the true b (lowest pillar)", r, "",
                            goal=f">= {GOAL_R}", met=met))  # fmt: skip
    for label, result in pages.items():
        if not result["page"]:
            continue
        page, sql = statistics.median(result["page"]), statistics.median(result["sql"])
        ratio = round(page / sql, 3)
        rows.append(
            row(f"index screen, {label} (cached)", round(page * 1000, 1), "ms median", ratio,
                f"raw percentages SQL, {label} ({sql * 1000:.0f} ms)", "<= 1.0x SQL (cached)",
                harness.at_most(ratio, 1))
        )  # fmt: skip
    answered = bool(pages) and all(result["status"] == 200 for result in pages.values())
    measure = "checks: a finished run; the screen answered 200 for both selections"
    return [*rows, harness.check_row("literacy", measure, ok and answered)]


def report(args, site, counts, generation, answers_size, calibration, setup, pages):
    print(
        f"The literacy index on a generated data set (scale {args.scale:g}), PostgreSQL, "
        f"{os.cpu_count()} cores, load average {harness.load_text(os.getloadavg())}\n"
        f"Database: {site.database_label}, PGOPTIONS {PG_OPTIONS}\nRows: "
        + ", ".join(f"{label} {count:,}" for label, count in counts.items())
    )
    kept = "the database was kept from an earlier run (not timed)"
    print(f"Generation: {kept if generation is None else f'{generation:.1f} s, with ANALYZE'}")
    print(f"Answers table with its indexes: {answers_size / 2**20:,.0f} MB")
    if "error" in calibration:
        print(f"\nliteracy_calibrate() FAILED: {calibration['error']}\n{calibration['trace']}")
    else:
        c = calibration
        print(
            f"\nliteracy_calibrate(sample={args.sample or 'the setting'}, seed={SEED}): "
            f"{c['seconds']:.1f} s, run #{c['run']} {c['status']}: {c.get('people')} people, "
            f"{c.get('attempts')} attempts, {c.get('responses')} responses, {c['cells']} cells\n"
            f"  peak memory (ru_maxrss): {c['maxrss_kb'] / 1024:,.0f} MB in the process "
            f"({c['maxrss_before_kb'] / 1024:,.0f} MB before the call), children "
            f"{c['children_maxrss_kb'] / 1024:,.0f} MB\n"
            f"  {c['items']} generated items calibrated; r with the true difficulties per "
            "pillar: "
            + (", ".join(f"{p} {r:.3f}" for p, r in sorted(c["r_by_pillar"].items())) or "-")
        )
    if setup.get("url") is None:
        print("Not measured: no URL named stats_literacy exists yet.")
    print(
        f"\nSelections: no filter = {setup.get('year')}, the whole city, before training; agency "
        f"= {setup.get('agency_name')} (id {setup.get('agency')}, with its kelurahan), "
        f"{setup.get('year')}.\n{args.runs} runs each, the query and the page alternated, after "
        "one warm-up of each (the warm-up fills the screen's cache). Pages: one request at a "
        "time, one sync worker, TCP connection and whole body included."
    )
    for label, result in pages.items():
        figures = ", ".join(f"{p} {v}% ({n:,} answers)" for p, v, n, _ in result["rows"])
        print(f"  {label}: HTTP {result['status']}; raw percentages: {figures or 'none'}")
        if result["page"]:
            print(
                f"    page median {statistics.median(result['page']) * 1000:.1f} ms, SQL median "
                f"{statistics.median(result['sql']) * 1000:.1f} ms"
            )


def main(argv=None):
    args = parse_args(argv)
    with harness.bench_site(args, redis_url=REDIS_URL, PGOPTIONS=PG_OPTIONS) as site:
        site.manage("migrate", "--noinput")
        site.manage("collectstatic", "--noinput")
        with connect(args) as connection:
            generation, counts = generated_data_set(site, connection, args, SEED, TABLES)
            answers_size = connection.execute(
                "SELECT pg_total_relation_size('quizzes_answer')"
            ).fetchone()[0]
        harness.log("literacy_calibrate()")
        env = {"BENCH_SEED": str(SEED)}
        if args.sample:
            env["BENCH_SAMPLE"] = str(args.sample)
        calibration = site.shell(CALIBRATE_CODE, "CALIBRATE_CODE", **env)
        if "error" in calibration:
            harness.log(f"literacy_calibrate() failed: {calibration['error']}")
        setup = site.shell(SETUP_CODE, "SETUP_CODE")
        pages = {}
        if setup["url"] and setup["run"] and setup["year"]:
            harness.log(f"index screen and PERCENT_SQL x {args.runs}, alternated")
            pages = measure_pages(site, args, setup)
        report(args, site, counts, generation, answers_size, calibration, setup, pages)
        print()
        site.print_reproduction()
        figures = summary_rows(args, generation, answers_size, calibration, pages)
        parameters = {"scale": args.scale, "runs": args.runs, "sample": args.sample, "rows": counts}
        harness.write_summary(args.summary_json, figures, parameters)
        return 0 if "error" not in calibration else 1


if __name__ == "__main__":
    sys.exit(main())
