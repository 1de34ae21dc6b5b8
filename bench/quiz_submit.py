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

What it shares with checkin_load.py (the options, the site's setup and cleanup, the participants'
sessions, gunicorn and Locust, percentiles, PostgreSQL's counters, the report's common lines) is
in load_common.py, which builds on harness.py: run this file as a script so that bench/ is on
sys.path.
"""

import json
import math
import sys
import textwrap
from collections import Counter

from harness import (
    REPO_DIR,
    log,
    percentile,
    positive_int,
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

# Run inside `manage.py shell -c` after PARTICIPANTS_CODE (load_common.py), before each gunicorn
# configuration. Idempotent: adds what is missing (the session held today, the topic and the
# post-test's questions, the participants and their attendance, recorded with attendance_mark),
# deletes the post-test's attempts of an earlier run, starts one attempt per participant with
# attempt_start (the participants started earlier in the session; the load measures the end of
# the test), and writes one logged-in session per participant, with a CSRF cookie secret of
# their own.
SETUP_CODE = PARTICIPANTS_CODE + textwrap.dedent(
    """
    import datetime, json, os, pathlib

    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from content.articles.models import Topic
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

    question_count = int(os.environ["BENCH_QUESTIONS"])

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

    participants = bench_participants(
        int(os.environ["BENCH_PARTICIPANTS"]),
        username="uji-kuis",
        full_name="Peserta Uji Kuis",
        agency_name="OPD Uji Beban Kuis",
        agency_short_name="Uji Kuis",
    )
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

    session_keys = bench_login_sessions(participants)
    rows = [
        [user.pk, session_keys[user.pk], get_random_string(32), keys[user.pk]]
        for user in participants
    ]
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
    parser = load_test_parser(
        "Locust load test of submitting a session's post-test: participants save a "
        "few answers and submit all of them, then the attempts are counted.",
        DEFAULT_DATABASE_URL,
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
    args = parse_load_args(parser, argv)
    if args.saves < 0 or args.saves > args.questions:
        parser.error("--saves must lie between 0 and --questions")
    return args


# --------------------------------------------------------------------------------------------
# One gunicorn configuration
# --------------------------------------------------------------------------------------------


def run_configuration(site, server, args):
    log(
        f"{server.label}: {args.participants} participants present, attempts started, "
        "logged-in sessions"
    )
    site.shell(
        SETUP_CODE,
        "SETUP_CODE",
        BENCH_PARTICIPANTS=str(args.participants),
        BENCH_QUESTIONS=str(args.questions),
        BENCH_AUTH_BACKEND=AUTH_BACKEND,
        BENCH_SESSION_SLUG=SESSION_SLUG,
        BENCH_QUIZ_SLUG=QUIZ_SLUG,
        BENCH_PASSWORD=PARTICIPANT_PASSWORD,
        BENCH_PLAN=str(site.plan_file),
    )
    plan = json.loads(site.plan_file.read_text())
    _pk, session_key, csrf_secret, attempt_key = plan["participants"][0]
    run = run_configuration_load(
        site,
        server,
        args,
        ready_path=plan["session_path"],
        # Their own attempt page: it needs the login, and the attempt started by SETUP_CODE.
        login_check=(
            f"/kuis/percobaan/{attempt_key}/",
            f"{plan['session_cookie']}={session_key}; {plan['csrf_cookie']}={csrf_secret}",
        ),
        # Anonymous GETs of the post-test's start page: it renders, nothing is written.
        warmup=(plan["post_test_path"], 200),
        locustfile=LOCUSTFILE,
        locust_env_prefix="LENTERA_QUIZ",
        locust_env={"LENTERA_QUIZ_SAVES": str(args.saves)},
        per_participant=f"(page, {args.saves} saves, submit, result)",
        verify_code=VERIFY_CODE,
    )
    return summarize(args, run)


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


def summarize(args, run):
    results, db = run.results, run.db
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
        **run.summary(),
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
    }


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _ms(value):
    return "-" if math.isnan(value) else f"{value:.1f}"


def print_report(summaries, args, site):
    def row(s):
        return [
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
        ]

    def print_details(s):
        db = s["db"]
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
        print_failure_reasons(s["reasons"])
        print(
            f"  attempts per second: {s['attempts_per_second']:.1f} ({s['submits_ok']} submits "
            f"in {s['submit_span']:.2f} s from the first submit sent to the last answered); "
            f"all requests: {s['requests']} in {s['span']:.2f} s wall time ({s['rps']:.1f} "
            f"req/s); {locust_process_text(s)}"
        )
        print_locust_figures(s["locust"], "rounded, all kinds")
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

    print_load_report(
        summaries,
        args,
        site,
        title="Lentera post-test submit load test (Locust)",
        scenario=f"  {args.participants} participants, {args.questions}-question post-test; "
        f"each: GET the attempt page, {args.saves} answer saves (JSON), submit the form with all "
        f"{args.questions} answers, GET the result page",
        preparation="  attempts started server-side before the load (attempt_start); logged-in "
        "session cookies made server-side (no login requests measured)",
        headers=[
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
        ],
        row=row,
        print_details=print_details,
    )


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


def summary_rows(summaries):
    """The headline figures of each gunicorn configuration, for --summary-json."""
    rows = []
    for s in summaries:
        label = f"{s['server'].label}: "
        submit = s["stats"]["submit"]
        duplicates = s["db"]["participants_with_several"]
        rows += [
            summary_row("quiz", label + "submit p50", submit["p50"], "ms"),
            summary_row("quiz", label + "submit p95", submit["p95"], "ms"),
            summary_row("quiz", label + "submit p99", submit["p99"], "ms"),
            summary_row("quiz", label + "save p95", s["stats"]["save"]["p95"], "ms"),
            summary_row("quiz", label + "attempts per second", s["attempts_per_second"], "/s"),
            *nothing_lost_rows(
                "quiz",
                label,
                s,
                duplicates=duplicates,
                duplicates_measure="duplicate attempts",
                duplicates_unit="participants",
            ),
        ]
    return rows


def main(argv=None):
    args = parse_args(argv)
    with load_test_site(args, REDIS_URL, "lentera-quiz-", "quiz_submit.py") as site:
        summaries = [run_configuration(site, server, args) for server in args.server]
        print_report(summaries, args, site)
        write_summary(
            args.summary_json,
            summary_rows(summaries),
            {
                "participants": args.participants,
                "questions": args.questions,
                "saves": args.saves,
                "servers": [s["server"].label for s in summaries],
            },
        )
        if not all(passed(s, args) for s in summaries):
            print("\nFAILED: see the failures, scored attempts, answers or wall time above.")
            return 1
        return 0


if __name__ == "__main__":
    sys.exit(main())
