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

What it shares with quiz_submit.py (the options, the site's setup and cleanup, the participants'
sessions, gunicorn and Locust, PostgreSQL's counters, the report's common lines) is in
load_common.py, which builds on harness.py: run this file as a script so that bench/ is on
sys.path.
"""

import json
import sys
import textwrap
from collections import Counter

from harness import (
    REPO_DIR,
    at_most,
    log,
    percentile,
    summary_row,
    write_summary,
)
from load_common import (
    AUTH_BACKEND,
    PARTICIPANTS_CODE,
    load_test_parser,
    load_test_site,
    locust_process_text,
    nothing_lost_rows,
    parse_load_args,
    print_failure_reasons,
    print_load_report,
    print_locust_figures,
    run_configuration_load,
)

LOCUSTFILE = REPO_DIR / "bench" / "locust_checkin.py"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lentera_bench_checkin"
# Redis db 14 belongs to this benchmark (serve_pages.py uses 15): flushed before and after.
REDIS_URL = "redis://127.0.0.1:6379/14"
# The demo session held today, with check-in already open (content/training/demo.py).
SESSION_SLUG = "literasi-digital-hari-ini"
# Participants' password, so they can also log in by hand on a --keep-database database.
PARTICIPANT_PASSWORD = "uji-beban-presensi"
# A page that requires a login: answers 200 to a valid session cookie, 302 otherwise.
ACCOUNT_PATH = "/akun/"

# Run inside `manage.py shell -c`, after PARTICIPANTS_CODE (load_common.py). Adds the
# participants, makes sure check-in is open and they may check in, deletes the session's
# attendance rows left by an earlier run, and writes one logged-in session per participant.
SETUP_CODE = PARTICIPANTS_CODE + textwrap.dedent(
    """
    import json, os, pathlib

    from content.base.errors import NotAllowed
    from content.training import rules, services
    from content.training.checkin_tokens import Window, make_token
    from content.training.models import Attendance, SessionPage, SessionState

    session = SessionPage.objects.live().filter(slug=os.environ["BENCH_SESSION_SLUG"]).first()
    if session is None:
        raise SystemExit("No live session page to check in to: did load_demo_data run?")
    participants = bench_participants(
        int(os.environ["BENCH_PARTICIPANTS"]),
        username="uji-presensi",
        full_name="Peserta Uji Beban",
        agency_name="OPD Uji Beban Presensi",
        agency_short_name="Uji Beban",
    )
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

    session_keys = bench_login_sessions(participants)
    _site_id, _root_url, page_path = session.get_url_parts()
    plan = {
        "session_id": session.pk,
        "session_path": page_path,
        "checkin_path": "/P/",
        # A token of this session with a wrong MAC: refused (403), nothing written.
        "warmup_path": "/P/" + make_token(session.pk, Window(0)).split("-")[0] + "-AAAAAAAA/",
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "participants": [[user.pk, session_keys[user.pk]] for user in participants],
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

# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = load_test_parser(
        "Locust load test of the QR check-in: participants double-tap, "
        "then the attendance rows are counted.",
        DEFAULT_DATABASE_URL,
    )
    return parse_load_args(parser, argv)


# --------------------------------------------------------------------------------------------
# One gunicorn configuration
# --------------------------------------------------------------------------------------------


def run_configuration(site, server, args, plan):
    _pk, session_key = plan["participants"][0]
    run = run_configuration_load(
        site,
        server,
        args,
        ready_path=plan["session_path"],
        login_check=(ACCOUNT_PATH, f"{plan['cookie_name']}={session_key}"),
        # Anonymous check-ins with a bad token: refused (403), nothing written.
        warmup=(plan["warmup_path"], 403),
        locustfile=LOCUSTFILE,
        locust_env_prefix="LENTERA_CHECKIN",
        # The Locust file signs QR tokens as the projector does.
        secret_env={"SECRET_KEY": site.secret_key},
        per_participant="2 taps",
        verify_code=VERIFY_CODE,
    )
    return summarize(args, run)


def summarize(args, run):
    results, db = run.results, run.db
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
        **run.summary(),
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
    }


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def print_report(summaries, args, site):
    def row(s):
        return [
            s["answered"],
            s["failures"],
            s["db"]["rows"] - s["db"]["distinct"],
            s["db"]["rows"],
            s["db"]["missing"],
            f"{s['p50']:.1f}",
            f"{s['p95']:.1f}",
            f"{s['p99']:.1f}",
            f"{s['rps']:.1f}",
        ]

    def print_details(s):
        db = s["db"]
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
        print_failure_reasons(s["reasons"])
        print(
            f"  latency ms: p50 {s['p50']:.1f}, p95 {s['p95']:.1f}, p99 {s['p99']:.1f}, "
            f"max {s['max']:.1f}; the two taps of a pair started {s['skew_p50']:.2f} ms apart "
            f"(median; max {s['skew_max']:.2f})"
        )
        print(
            f"  wall time {s['span']:.2f} s from the first request to the last answer; "
            f"{s['rps']:.1f} req/s; {locust_process_text(s)}"
        )
        print_locust_figures(s["locust"], "rounded")
        print(
            f"  database: {db['rows']} attendance rows for the session, {db['distinct']} distinct "
            f"participants, duplicates {db['rows'] - db['distinct']}, participants with several "
            f"rows {db['participants_with_several_rows']}, missing {db['missing']}, "
            f"other participants {db['others']}; methods {db['methods']}, statuses "
            f"{db['statuses']}"
        )

    print_load_report(
        summaries,
        args,
        site,
        title="Lentera check-in load test (Locust)",
        scenario=f"  {args.participants} participants, each double-taps: two simultaneous GETs "
        "of /P/<fresh token>/ (the QR code's short link)",
        preparation="  sessions: logged-in session cookies made server-side (no login requests "
        "measured)",
        headers=[
            "requests",
            "failures",
            "dup rows in DB",
            f"rows/{args.participants}",
            "missing",
            "p50 ms",
            "p95 ms",
            "p99 ms",
            "req/s",
        ],
        row=row,
        print_details=print_details,
    )


def passed(summary, args):
    db = summary["db"]
    return (
        summary["failures"] == 0
        and db["rows"] == db["distinct"] == args.participants
        and db["missing"] == 0
        and summary["all_in_time"]
    )


# The goal of issue 12: the burst answered with p95 under a second, nothing failed or doubled.
P95_GOAL_MS = 1000


def summary_rows(summaries):
    """The headline figures of each gunicorn configuration, for --summary-json."""
    rows = []
    for s in summaries:
        label = f"{s['server'].label}: "
        duplicates = s["db"]["rows"] - s["db"]["distinct"]
        rows += [
            summary_row("checkin", label + "p50 latency", s["p50"], "ms"),
            summary_row(
                "checkin",
                label + "p95 latency",
                s["p95"],
                "ms",
                goal=f"<= {P95_GOAL_MS}",
                met=at_most(s["p95"], P95_GOAL_MS),
            ),
            summary_row("checkin", label + "p99 latency", s["p99"], "ms"),
            summary_row("checkin", label + "requests per second", s["rps"], "req/s"),
            *nothing_lost_rows(
                "checkin",
                label,
                s,
                duplicates=duplicates,
                duplicates_measure="duplicate rows",
                duplicates_unit="rows",
            ),
        ]
    return rows


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def main(argv=None):
    args = parse_args(argv)
    with load_test_site(args, REDIS_URL, "lentera-checkin-", "checkin_load.py") as site:
        log(f"{args.participants} participants and their logged-in sessions")
        site.shell(
            SETUP_CODE,
            "SETUP_CODE",
            BENCH_PARTICIPANTS=str(args.participants),
            BENCH_AUTH_BACKEND=AUTH_BACKEND,
            BENCH_SESSION_SLUG=SESSION_SLUG,
            BENCH_PASSWORD=PARTICIPANT_PASSWORD,
            BENCH_PLAN=str(site.plan_file),
        )
        plan = json.loads(site.plan_file.read_text())

        summaries = []
        for number, server in enumerate(args.server):
            if number:
                site.shell(RESET_CODE, "RESET_CODE", BENCH_PLAN=str(site.plan_file))
            summaries.append(run_configuration(site, server, args, plan))
        print_report(summaries, args, site)
        write_summary(
            args.summary_json,
            summary_rows(summaries),
            {
                "participants": args.participants,
                "users": args.users,
                "spawn_rate": args.spawn_rate,
                "servers": [s["server"].label for s in summaries],
            },
        )
        if not all(passed(s, args) for s in summaries):
            print("\nFAILED: see the failures, missing participants or wall time above.")
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
