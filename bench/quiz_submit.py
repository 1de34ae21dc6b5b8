"""Load test: 500 participants submit a 20-question post-test within 60 seconds.

Never part of the test suite. It migrates an isolated PostgreSQL database with production
settings, loads the demo data, adds a session held today with a 20-question post-test, the
participants (each recorded as present, so they may take the post-test) with logged-in session
cookies, and starts each participant's attempt server-side, through the services. It then
starts gunicorn on 127.0.0.1 and runs Locust (bench/locust_quiz.py) headless against it: every
participant opens the attempt page, saves a few answers through the JSON endpoint and submits
the form with all 20 answers, then follows the redirect to the result page. Finally it counts
the attempts in the database and prints failures, attempts scored against participants,
duplicates, answers stored against answers sent, p50/p95/p99 of the submit, p50/p95 of the
other requests, attempts per second and the wall time. All traffic goes to 127.0.0.1.

Usage (from the repository root):

    .venv/bin/python bench/quiz_submit.py [--participants N] [--questions N] [--saves N]
        [--users N] [--spawn-rate R] [--run-time S] [--server WORKERSxTHREADS ...]
        [--database-url URL] [--keep-database]

Helpers shared with serve_pages.py (environment, database, gunicorn) and checkin_load.py
(gunicorn configurations, Locust, percentiles, PostgreSQL counters) are imported from them: run
this file as a script so that bench/ is on sys.path.
"""

import argparse
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from checkin_load import (
    AUTH_BACKEND,
    LOCUST_ENV_PREFIX,
    PG_STAT_COLUMNS,
    Server,
    get,
    locust_program,
    percentile,
    pg_stats,
    server_spec,
)
from serve_pages import (
    HOST,
    REPO_DIR,
    SETTINGS_ENV_VARS,
    STATIC_ROOT,
    CommandLog,
    GunicornServer,
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

LOCUSTFILE = REPO_DIR / "bench" / "locust_quiz.py"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/lentera_bench_quiz"
# Redis db 13 belongs to this benchmark (checkin_load.py uses 14, serve_pages.py 15): flushed
# before and after.
REDIS_URL = "redis://127.0.0.1:6379/13"
SESSION_SLUG = "uji-beban-post-test"
QUIZ_SLUG = "uji-beban-post-test"
# Participants' password, so they can also log in by hand on a --keep-database database.
PARTICIPANT_PASSWORD = "uji-beban-kuis"
KINDS = ("page", "save", "submit", "result")

# Run inside `manage.py shell -c`, before each gunicorn configuration. Idempotent: adds what is
# missing (the session held today, the topic and the post-test's questions, the participants and
# their attendance, recorded with attendance_mark), deletes the post-test's attempts of an earlier
# run, starts one attempt per participant with attempt_start (the participants started earlier in
# the session; the load measures the end of the test), and writes one logged-in session per
# participant as checkin_load.py does, with a CSRF cookie secret of their own.
SETUP_CODE = textwrap.dedent(
    """
    import datetime, json, os, pathlib
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from content.articles.models import Topic
    from content.people.models import Agency, AgencyKind, ParticipantGroup, User
    from content.quizzes import selectors as quiz_selectors
    from content.quizzes import services as quiz_services
    from content.quizzes.models import (
        Attempt, MultipleScoring, Option, PickedQuestion, Purpose, Question, QuestionKind, Quiz,
        Review, SessionTest,
    )
    from content.training import services as training_services
    from content.training.models import (
        Attendance, AttendanceStatus, SessionIndexPage, SessionMode, SessionPage,
    )

    count = int(os.environ["BENCH_PARTICIPANTS"])
    question_count = int(os.environ["BENCH_QUESTIONS"])
    backend = os.environ["BENCH_AUTH_BACKEND"]
    if backend not in settings.AUTHENTICATION_BACKENDS:
        raise SystemExit(f"{backend} is not in AUTHENTICATION_BACKENDS")

    index = SessionIndexPage.objects.first()
    if index is None:
        raise SystemExit("No sessions section: did migrate run?")
    session = SessionPage.objects.child_of(index).filter(slug=os.environ["BENCH_SESSION_SLUG"])
    session = session.first()
    if session is None:
        session = SessionPage(
            title="Uji Beban Post-test Sosialisasi",
            slug=os.environ["BENCH_SESSION_SLUG"],
            description="<p>Sosialisasi untuk uji beban post-test.</p>",
            date=timezone.localdate(),
            start_time=datetime.time(0, 0),
            end_time=datetime.time(23, 59),
            mode=SessionMode.OFFLINE,
            venue="Aula Uji Beban",
        )
        index.add_child(instance=session)
        session.save_revision().publish()

    quiz = Quiz.objects.filter(slug=os.environ["BENCH_QUIZ_SLUG"]).first()
    if quiz is None:
        topic, _ = Topic.objects.get_or_create(
            slug="uji-beban-kuis", defaults={"name": "Uji Beban Kuis"}
        )
        quiz = Quiz.objects.create(
            title=f"Post-test Uji Beban ({question_count} soal)",
            slug=os.environ["BENCH_QUIZ_SLUG"],
            shuffle_questions=True,
            shuffle_options=True,
            time_limit_minutes=30,
            max_attempts=1,
            review=Review.EXPLANATIONS,
        )
        # Every fifth question multiple choice with partial credit, every fifth true/false, the
        # rest single choice with four options.
        for number in range(1, question_count + 1):
            kind = {0: QuestionKind.MULTIPLE, 1: QuestionKind.TRUE_FALSE}.get(
                number % 5, QuestionKind.SINGLE
            )
            question = Question.objects.create(
                topic=topic,
                kind=kind,
                scoring=MultipleScoring.PARTIAL,
                statement_is_true=(number % 2 == 0) if kind == QuestionKind.TRUE_FALSE else None,
                text=f"Soal uji beban nomor {number}: manakah jawaban yang benar?",
                explanation=f"Penjelasan soal uji beban nomor {number}.",
            )
            if question.has_fixed_options:
                quiz_services.question_sync_fixed_options(question)
            else:
                options = 5 if kind == QuestionKind.MULTIPLE else 4
                correct = 2 if kind == QuestionKind.MULTIPLE else 1
                Option.objects.bulk_create(
                    Option(
                        question=question,
                        text=f"Pilihan {order + 1} soal {number}",
                        is_correct=order < correct,
                        sort_order=order,
                    )
                    for order in range(options)
                )
            PickedQuestion.objects.create(quiz=quiz, question=question, sort_order=number)
    if quiz.picked.count() != question_count:
        raise SystemExit(f"{quiz.slug} holds {quiz.picked.count()} questions, not {question_count}")
    test, _ = SessionTest.objects.get_or_create(
        session=session, purpose=Purpose.POST, defaults={"quiz": quiz}
    )
    if test.quiz_id != quiz.pk or test.opens_at or test.closes_at:
        raise SystemExit(f"{session.slug}'s post-test is not the open {quiz.slug}")

    agency, _ = Agency.objects.get_or_create(
        name="OPD Uji Beban Kuis", defaults={"short_name": "Uji Kuis", "kind": AgencyKind.DINAS}
    )
    usernames = [f"uji-kuis-{n:04d}" for n in range(1, count + 1)]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    password = make_password(os.environ["BENCH_PASSWORD"])
    User.objects.bulk_create(
        User(
            username=name,
            password=password,
            email=f"{name}@uji-beban.invalid",
            full_name=f"Peserta Uji Kuis {number:04d}",
            participant_group=ParticipantGroup.PTT,
            agency=agency,
        )
        for number, name in enumerate(usernames, 1)
        if name not in existing
    )
    participants = list(User.objects.filter(username__in=usernames).order_by("username"))
    present = set(
        Attendance.objects.filter(session=session).values_list("participant_id", flat=True)
    )
    for user in participants:
        if user.pk not in present:
            training_services.attendance_mark(
                session=session, participant=user, status=AttendanceStatus.PRESENT, by=None
            )

    Attempt.objects.filter(quiz=quiz, session=session).delete()
    context = quiz_selectors.session_test_context(session, Purpose.POST)
    keys = {}
    for user in participants:
        keys[user.pk] = str(quiz_services.attempt_start(context=context, participant=user).key)

    engine = import_module(settings.SESSION_ENGINE)
    rows = []
    with transaction.atomic():
        for user in participants:
            store = engine.SessionStore()
            store[SESSION_KEY] = user._meta.pk.value_to_string(user)
            store[BACKEND_SESSION_KEY] = backend
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            rows.append([user.pk, store.session_key, get_random_string(32), keys[user.pk]])
    _site_id, _root_url, page_path = session.get_url_parts()
    plan = {
        "session_id": session.pk,
        "quiz_id": quiz.pk,
        "session_path": page_path,
        "post_test_path": page_path + session.reverse_subpage("post_test"),
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "question_count": question_count,
        "participants": rows,
    }
    pathlib.Path(os.environ["BENCH_PLAN"]).write_text(json.dumps(plan))
    """
)

# Run after each load: what the database holds for the post-test, and whether every answer
# stored is the one the participant sent.
VERIFY_CODE = textwrap.dedent(
    """
    import json, os, pathlib
    from collections import Counter

    from django.db.models import Avg, Max, Min

    from content.quizzes.models import Answer, Attempt, AttemptStatus, Option, Purpose

    plan = json.loads(pathlib.Path(os.environ["BENCH_PLAN"]).read_text())
    sent = json.loads(pathlib.Path(os.environ["BENCH_RESULTS"]).read_text())["sent_answers"]
    ours = {row[0] for row in plan["participants"]}
    attempts = Attempt.objects.filter(
        quiz_id=plan["quiz_id"], session_id=plan["session_id"], purpose=Purpose.POST
    )
    per_person = Counter(attempts.values_list("participant_id", flat=True))
    scored = attempts.filter(status=AttemptStatus.SUBMITTED, score__isnull=False)
    scored_people = set(scored.values_list("participant_id", flat=True))
    option_ids = dict(
        (str(key), pk)
        for pk, key in Option.objects.filter(
            question__in=Answer.objects.filter(attempt__in=attempts).values("question")
        ).values_list("pk", "key")
    )
    stored, mismatched, not_sent = 0, 0, 0
    for key, position, chosen in Answer.objects.filter(attempt__in=scored).values_list(
        "attempt__key", "position", "chosen"
    ):
        stored += bool(chosen)
        answers = sent.get(str(key))
        if answers is None:
            not_sent += 1
            continue
        wanted = sorted(option_ids[k] for k in answers.get(str(position), []))
        mismatched += wanted != sorted(chosen)
    span = scored.aggregate(first=Min("finished_at"), last=Max("finished_at"))
    result = {
        "attempts": attempts.count(),
        "distinct": len(per_person),
        "participants_with_several": sum(1 for n in per_person.values() if n > 1),
        "statuses": dict(Counter(attempts.values_list("status", flat=True))),
        "scored": len(scored_people & ours),
        "missing": len(ours - scored_people),
        "others": len(set(per_person) - ours),
        "answers_sent": sum(len(a) for a in sent.values()),
        "answers_stored": stored,
        "answers_mismatched": mismatched,
        "answers_of_attempts_not_submitted_by_locust": not_sent,
        "average_score": float(scored.aggregate(avg=Avg("score"))["avg"] or 0),
        "finished_span_seconds": (
            (span["last"] - span["first"]).total_seconds() if span["first"] else None
        ),
    }
    pathlib.Path(os.environ["BENCH_VERIFY"]).write_text(json.dumps(result))
    """
)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description="Locust load test of submitting a session's post-test: participants save a "
        "few answers and submit all of them, then the attempts are counted."
    )
    parser.add_argument(
        "--participants", type=positive_int, default=500, help="participants (default 500)"
    )
    parser.add_argument(
        "--questions", type=positive_int, default=20, help="questions in the post-test (default 20)"
    )
    parser.add_argument(
        "--saves",
        type=int,
        default=3,
        help="answers each participant saves through the JSON endpoint before submitting "
        "(default 3; 0 submits straight away)",
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
        "4 sync workers, the Procfile's worker class)",
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
    if args.saves < 0 or args.saves > args.questions:
        parser.error("--saves must lie between 0 and --questions")
    if args.users is None:
        args.users = args.participants
    return args


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------


def shell(code, env, commands, label, **extra_env):
    """Run a snippet with `manage.py shell -c` (logged under a short label)."""
    manage(["shell", "-c", code], dict(env, **extra_env), CommandLog())
    commands.add([sys.executable, "manage.py", "shell", "-c", f"<{label} in quiz_submit.py>"])


def check_attempt_page(port, plan):
    """The first participant's cookie must open their attempt, or nothing will work."""
    _pk, session_key, csrf_secret, attempt_key = plan["participants"][0]
    cookie = f"{plan['session_cookie']}={session_key}; {plan['csrf_cookie']}={csrf_secret}"
    path = f"/kuis/percobaan/{attempt_key}/"
    status, headers = get(port, path, {"Cookie": cookie})
    if status != 200:
        raise RuntimeError(
            f"GET {path} with the participant's session cookie answered {status} "
            f"(Location: {headers.get('Location')}): the pre-made sessions are not accepted"
        )


def warm_up(port, plan, server):
    """Anonymous GETs of the post-test's start page (200, nothing written), from as many
    clients as gunicorn has threads in all, so every worker has imported and rendered it."""
    path = plan["post_test_path"]
    clients = 2 * server.workers * server.threads
    with ThreadPoolExecutor(clients) as pool:
        statuses = Counter(
            status for status, _ in pool.map(lambda _: get(port, path), range(clients * 4))
        )
    if set(statuses) != {200}:
        log(f"warning: warm-up answers {dict(statuses)}, expected only 200")


# --------------------------------------------------------------------------------------------
# One gunicorn configuration
# --------------------------------------------------------------------------------------------


def run_locust(args, port, plan_file, results_file, log_file, commands):
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
    overrides = {
        "LENTERA_QUIZ_PLAN": str(plan_file),
        "LENTERA_QUIZ_RESULTS": results_file,
        "LENTERA_QUIZ_SAVES": str(args.saves),
    }
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in SETTINGS_ENV_VARS and not k.startswith(LOCUST_ENV_PREFIX)
    }
    env.update(overrides)
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


def run_configuration(server, args, port, env, paths, commands):
    work_dir = paths["work_dir"]
    tag = f"{server.workers}x{server.threads}"
    log(
        f"{server.label}: {args.participants} participants present, attempts started, "
        "logged-in sessions"
    )
    shell(
        SETUP_CODE,
        env,
        commands,
        "SETUP_CODE",
        BENCH_PARTICIPANTS=str(args.participants),
        BENCH_QUESTIONS=str(args.questions),
        BENCH_AUTH_BACKEND=AUTH_BACKEND,
        BENCH_SESSION_SLUG=SESSION_SLUG,
        BENCH_QUIZ_SLUG=QUIZ_SLUG,
        BENCH_PASSWORD=PARTICIPANT_PASSWORD,
        BENCH_PLAN=str(paths["plan"]),
    )
    plan = json.loads(paths["plan"].read_text())
    gunicorn_log = work_dir / f"gunicorn-{tag}.log"
    argv = gunicorn_argv(port, server.workers, gunicorn_log)
    if server.threads > 1:
        argv += ["--threads", str(server.threads)]
    commands.add(argv)
    log(f"{server.label}: starting gunicorn on {HOST}:{port}")
    results_file = work_dir / f"results-{tag}.json"
    with GunicornServer(argv, env, gunicorn_log) as gunicorn:
        gunicorn.wait_ready(port, plan["session_path"])
        check_attempt_page(port, plan)
        warm_up(port, plan, server)
        before = pg_stats(args.database_url)
        log(
            f"{server.label}: locust, {args.participants} participants x (page, {args.saves} "
            f"saves, submit, result), {args.users} users at {args.spawn_rate:g}/s, at most "
            f"{args.run_time} s"
        )
        results, locust_exit, locust_seconds, cpu_warnings = run_locust(
            args,
            port,
            paths["plan"],
            str(results_file),
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
        BENCH_RESULTS=str(results_file),
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


def _latencies(records):
    values = [r["latency_ms"] for r in records if r["status"] > 0]
    return {
        "count": len(records),
        "answered": len(values),
        "failures": sum(1 for r in records if r["reason"]),
        "p50": percentile(values, 50),
        "p95": percentile(values, 95),
        "p99": percentile(values, 99),
        "max": max(values, default=float("nan")),
    }


def summarize(server, args, results, db, pg, **extra):
    records = results["records"]
    by_kind = {kind: [r for r in records if r["kind"] == kind] for kind in KINDS}
    stats = {kind: _latencies(rows) for kind, rows in by_kind.items()}
    submits_ok = [r for r in by_kind["submit"] if not r["reason"]]
    submitted = [r for r in by_kind["submit"] if r["status"] > 0]
    submit_span = (
        max(r["end"] for r in submitted) - min(r["start"] for r in submitted) if submitted else 0
    )
    # Participants Locust never reached before --run-time, or whose flow stopped before the
    # submit (a failed page or save): none of their answers was submitted.
    never_submitted = args.participants - len(by_kind["submit"])
    span = results["span_seconds"] or 0.0
    failures = sum(s["failures"] for s in stats.values()) + never_submitted
    all_in_time = (
        len(submits_ok) == args.participants and db["missing"] == 0 and span <= args.run_time
    )
    return {
        "server": server,
        "stats": stats,
        "submits_ok": len(submits_ok),
        "never_submitted": never_submitted,
        "never_started": results["participants_never_started"],
        "failures": failures,
        "reasons": Counter(r["reason"] for r in records if r["reason"]),
        "attempts_per_second": len(submits_ok) / submit_span if submit_span else 0.0,
        "submit_span": submit_span,
        "span": span,
        "requests": len(records),
        "rps": len([r for r in records if r["status"] > 0]) / span if span else 0.0,
        "all_in_time": all_in_time,
        "db": db,
        "pg": pg,
        "locust": results["locust"],
        **extra,
    }


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _ms(value):
    return "-" if math.isnan(value) else f"{value:.1f}"


def print_report(summaries, args, commands, env_overrides, database_label, redis_used):
    print()
    print("Lentera post-test submit load test (Locust)")
    print(
        f"  {args.participants} participants, {args.questions}-question post-test; each: GET the "
        f"attempt page, {args.saves} answer saves (JSON), submit the form with all "
        f"{args.questions} answers, GET the result page"
    )
    print(
        f"  locust users: {args.users}, spawn rate {args.spawn_rate:g}/s, run-time cap "
        f"{args.run_time} s; cores: {os.cpu_count()} (locust, gunicorn and PostgreSQL share them)"
    )
    print(
        "  attempts started server-side before the load (attempt_start); logged-in session "
        "cookies made server-side (no login requests measured)"
    )
    print(f"  database: {database_label}; cache: {'Redis db 13' if redis_used else 'local memory'}")
    headers = [
        "gunicorn",
        "submits OK",
        "failures",
        f"scored/{args.participants}",
        "duplicates",
        "submit p50 ms",
        "p95 ms",
        "p99 ms",
        "save p50 ms",
        "save p95 ms",
        "attempts/s",
        "wall s",
        f"all done <= {args.run_time} s",
    ]
    rows = [
        [
            s["server"].label,
            s["submits_ok"],
            s["failures"],
            s["db"]["scored"],
            s["db"]["participants_with_several"],
            _ms(s["stats"]["submit"]["p50"]),
            _ms(s["stats"]["submit"]["p95"]),
            _ms(s["stats"]["submit"]["p99"]),
            _ms(s["stats"]["save"]["p50"]),
            _ms(s["stats"]["save"]["p95"]),
            f"{s['attempts_per_second']:.1f}",
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
        for kind in KINDS:
            st = s["stats"][kind]
            print(
                f"  {kind:<6} requests {st['count']:>5}, failures {st['failures']:>4}; ms p50 "
                f"{_ms(st['p50'])}, p95 {_ms(st['p95'])}, p99 {_ms(st['p99'])}, max "
                f"{_ms(st['max'])}"
            )
        print(
            f"  participants: {s['submits_ok']}/{args.participants} submitted OK; "
            f"{s['never_submitted']} never submitted ({s['never_started']} never reached before "
            f"--run-time); failures in all: {s['failures']}"
        )
        for reason, count in s["reasons"].most_common(8):
            print(f"    failure x{count}: {reason}")
        print(
            f"  attempts per second: {s['attempts_per_second']:.1f} ({s['submits_ok']} submits "
            f"in {s['submit_span']:.2f} s from the first submit sent to the last answered); "
            f"all requests: {s['requests']} in {s['span']:.2f} s wall time ({s['rps']:.1f} "
            f"req/s); locust process {s['locust_seconds']:.1f} s, exit {s['locust_exit']}"
            + (f", {s['cpu_warnings']} locust CPU warnings" if s["cpu_warnings"] else "")
        )
        print(
            f"  locust's own figures: {loc['requests']} requests, {loc['failures']} failures, "
            f"p50 {loc['p50_ms']:.0f} ms, p95 {loc['p95_ms']:.0f} ms, "
            f"p99 {loc['p99_ms']:.0f} ms (rounded, all kinds), {loc['max_users']} users at the end"
        )
        span = db["finished_span_seconds"]
        print(
            f"  database: {db['attempts']} attempts of the post-test, {db['distinct']} distinct "
            f"participants, participants with several attempts {db['participants_with_several']}"
            f", statuses {db['statuses']}; scored {db['scored']}/{args.participants}, missing "
            f"{db['missing']}, other participants {db['others']}; average score "
            f"{db['average_score']:.2f}"
            + (f"; finished_at spread over {span:.2f} s" if span is not None else "")
        )
        print(
            f"  answers: {db['answers_sent']} sent in submits, {db['answers_stored']} stored, "
            f"{db['answers_mismatched']} stored differently from what was sent, "
            f"{db['answers_of_attempts_not_submitted_by_locust']} in attempts Locust did not "
            "submit"
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
        and db["scored"] == args.participants
        and db["participants_with_several"] == 0
        and db["answers_mismatched"] == 0
        and db["answers_stored"] == db["answers_sent"] == args.participants * args.questions
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
    work_dir = Path(tempfile.mkdtemp(prefix="lentera-quiz-"))
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
        paths = {"work_dir": work_dir, "plan": work_dir / "plan.json"}
        summaries = [
            run_configuration(server, args, port, env, paths, commands) for server in args.server
        ]
        database_label = redact_url(args.database_url) + (
            " (created for this run)" if created_database else " (existing)"
        )
        print_report(summaries, args, commands, overrides, database_label, redis is not None)
        if not all(passed(s, args) for s in summaries):
            print("\nFAILED: see the failures, scored attempts, answers or wall time above.")
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
