"""Load test: 500 participants submit a 20-question post-test (Locust), in two scenarios.

A session held today whose post-test has --questions questions (make_mixed_questions in
tests/factories/quizzes; shuffled, 30 minutes, one attempt); every participant present, attempt
started server-side (the load is the end of the test). Each opens the attempt page, saves
--saves answers (JSON), submits all and opens the result. Then every stored answer is compared
with what was sent. Exit status 1 when a check fails. Shared parts: loadtest.py.

Scenarios (issue 23, "Quiz submits"), each on fresh attempts:
- back to back: the participants arrive within 10 s (--spawn-rate) and send their requests with
  no pause, so latency is queueing and the figure is requests per second, goal >= 2x the code
  before issue 23's work (--reference-rev, served by the same gunicorn command from an export
  of that commit, measured in the same run, reference first, alternated over --rounds; with
  --reference-rev none the ratio is against the issue's measured 143 req/s instead);
- paced (phone-like): a pause of --pause MIN MAX seconds (2-8) before each request after the
  first, the participants arriving within --paced-arrival seconds (30) so that every submit
  falls within about the last 60 s of the test: p95 < 1 s for every kind of request (page,
  save, submit, result), 0 failures, 0 duplicate attempts.

    .venv/bin/python bench/quiz_submit.py [--participants N] [--questions N] [--saves N]
        [--spawn-rate R] [--run-time S] [--scenarios both|back-to-back|paced]
        [--pause MIN MAX] [--paced-arrival S] [--paced-run-time S]
        [--reference-rev REV|none] [--rounds N] [--database-url URL]
"""

import argparse
import json
import statistics
import subprocess
import sys

import harness
import loadtest
from loadtest import (
    load_row,
    load_test_parser,
    nothing_lost_rows,
    run_configuration_load,
)

REDIS_URL = "redis://127.0.0.1:6379/13"
# Issue 23's measured figure for the back-to-back load (500 participants, 2 cores shared with
# Locust): the ratio's reference only when the old code is not re-measured (--reference-rev none).
ISSUE_RPS = 143.0
# The last commit before issue 23's quiz work: the reference re-measured in the same run.
REFERENCE_REV = "d54eef6"
SLUG = "uji-beban-post-test"  # the session's and the quiz's
KINDS = ("page", "save", "submit", "result")
# Printed in the report (db.*: what VERIFY_CODE found).
DETAILS = """page save submit result submits_ok failures never_submitted never_started submit_span
    requests rps attempts_per_second db.scored db.participants_with_several
    db.attempts db.distinct db.statuses db.missing db.others db.average_score
    db.finished_span_seconds db.answers_sent db.answers_stored db.answers_mismatched
    db.answers_of_attempts_not_submitted_by_locust runs_text reference_rps current_rps ratio_against
    paced_page paced_save paced_submit paced_result paced_failures paced_duplicates
    paced_submit_window"""

SETUP_CODE = """
from django.utils import timezone
from django.utils.crypto import get_random_string
from content.quizzes import selectors, services
from content.quizzes.models import Attempt, Purpose, Quiz, Review
from content.training import services as training_services
from content.training.models import Attendance, SessionIndexPage, SessionPage
from tests.factories.articles import TopicFactory
from tests.factories.quizzes import make_mixed_questions, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory

questions = int(os.environ["BENCH_QUESTIONS"])
slug = os.environ["BENCH_SLUG"]
session = SessionPage.objects.filter(slug=slug).first()
if session is None:
    session = SessionPageFactory(
        parent=SessionIndexPage.objects.first(), title="Uji Beban Post-test Sosialisasi",
        slug=slug, description="<p>Sosialisasi untuk uji beban post-test.</p>",
        date=timezone.localdate(), start_time=datetime.time(0, 0),
        end_time=datetime.time(23, 59), venue="Aula Uji Beban",
    )
    session.save_revision().publish()
quiz = Quiz.objects.filter(slug=slug).first()
if quiz is None:
    topic = TopicFactory(slug="uji-beban-kuis", name="Uji Beban Kuis")
    picked = make_mixed_questions(questions, topic)
    quiz = make_quiz(
        picked, title=f"Post-test Uji Beban ({questions} soal)", slug=slug, self_paced=False,
        shuffle_questions=True, shuffle_options=True, time_limit_minutes=30, max_attempts=1,
        review=Review.EXPLANATIONS,
    )
    use_in_session(quiz, session, Purpose.POST)
if quiz.picked.count() != questions:
    raise SystemExit(f"{quiz.slug} holds {quiz.picked.count()} questions, not {questions}")

participants, keys = bench_participants(
    int(os.environ["BENCH_PARTICIPANTS"]), "uji-kuis", "Peserta Uji Kuis", "OPD Uji Beban Kuis",
    "Uji Kuis",
)
present = set(Attendance.objects.filter(session=session).values_list("participant_id", flat=True))
for user in participants:
    if user.pk not in present:
        training_services.attendance_mark(
            session=session, participant=user, status="hadir", by=None
        )
Attempt.objects.filter(quiz=quiz, session=session).delete()
context = selectors.session_test_context(session, Purpose.POST)
_site, _root, page_path = session.get_url_parts()
pathlib.Path(os.environ["BENCH_PLAN"]).write_text(json.dumps({
    "scenario": "quiz",
    "saves": int(os.environ["BENCH_SAVES"]),
    "pause": json.loads(os.environ["BENCH_PAUSE"]),
    "session_id": session.pk,
    "quiz_id": quiz.pk,
    "session_path": page_path,
    "post_test_path": page_path + session.reverse_subpage("post_test"),
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "question_count": questions,
    "participants": [
        [user.pk, keys[user.pk], get_random_string(32),
         str(services.attempt_start(context=context, participant=user).key)]
        for user in participants
    ],
}))
"""

# What the database holds for the post-test, and whether every stored answer is the one sent.
VERIFY_CODE = """
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
option_ids = {str(key): pk for pk, key in Option.objects.filter(
    question__in=Answer.objects.filter(attempt__in=attempts).values("question")
).values_list("pk", "key")}
stored = mismatched = not_sent = 0
for key, position, chosen in Answer.objects.filter(attempt__in=scored).values_list(
    "attempt__key", "position", "chosen"
):
    stored += bool(chosen)
    answers = sent.get(str(key))
    if answers is None:
        not_sent += 1
    else:
        wanted = sorted(option_ids[k] for k in answers.get(str(position), []))
        mismatched += wanted != sorted(chosen)
span = scored.aggregate(first=Min("finished_at"), last=Max("finished_at"))
emit({
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
})
"""


def parse_args(argv=None):
    parser = load_test_parser(
        "Locust load test of submitting a session's post-test: participants save a few answers "
        "and submit all of them, then the attempts are counted; back to back (requests per "
        "second against the code before issue 23, same run) and with phone-like pauses (p95).",
        f"{harness.PG}/lentera_bench_quiz",
    )
    add = parser.add_argument
    add("--questions", type=harness.positive_int, default=20, help="in the post-test (20)")
    add("--saves", type=int, default=3, help="answers saved one by one before the submit (3)")
    add("--scenarios", choices=("both", "back-to-back", "paced"), default="both")
    add(
        "--pause",
        type=float,
        nargs=2,
        default=(2.0, 8.0),
        metavar=("MIN", "MAX"),
        help="paced: seconds before each request after the first (2 8)",
    )
    add(
        "--paced-arrival",
        type=float,
        default=30.0,
        help="paced: seconds within which the participants arrive (30)",
    )
    add(
        "--paced-run-time",
        type=harness.positive_int,
        default=150,
        help="paced: seconds every participant must be done in (150)",
    )
    add(
        "--reference-rev",
        default=REFERENCE_REV,
        help=f"commit whose code is measured back to back in the same run ({REFERENCE_REV}, "
        f"before issue 23's quiz work); 'none': the ratio is against {ISSUE_RPS:g} req/s",
    )
    add(
        "--rounds",
        type=harness.positive_int,
        default=1,
        help="back to back: rounds of (reference, current) (1); the median rps of each",
    )
    args = parser.parse_args(argv)
    if args.saves < 0 or args.saves > args.questions:
        parser.error("--saves must lie between 0 and --questions")
    if not 0 <= args.pause[0] <= args.pause[1]:
        parser.error("--pause MIN MAX needs 0 <= MIN <= MAX")
    if args.reference_rev.lower() == "none":
        args.reference_rev = None
    return args


def latencies(records):
    values = [r["latency_ms"] for r in records if r["status"] > 0]
    return {
        "count": len(records),
        "failures": sum(1 for r in records if r["reason"]),
        **{f"p{n}": harness.percentile(values, n) for n in (50, 95, 99)},
        "max": max(values, default=float("nan")),
    }


def reference_tree(site, rev):
    """An export of commit `rev` in the work folder, sharing this checkout's collected static
    files; gunicorn's arguments that serve its code (--chdir puts the export, not this
    checkout, on sys.path, so its `content` is the one imported)."""
    tree = site.work_dir / f"reference-{rev}"
    if not tree.exists():
        tree.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(harness.REPO_DIR), "archive", rev],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
        (tree / "staticfiles").symlink_to(harness.STATIC_ROOT)
    return ["--chdir", str(tree), "--pythonpath", f"{tree}/site"]


def one_run(site, args, *, pause=None, code=None):
    """One Locust run on fresh attempts: the current code, or the export `code` names."""
    which = "paced" if pause else f"back to back ({'reference' if code else 'current'} code)"
    harness.log(f"{which}: {args.participants} participants present, attempts started, sessions")
    env = {
        "BENCH_QUESTIONS": str(args.questions),
        "BENCH_SAVES": str(args.saves),
        "BENCH_PAUSE": json.dumps(list(pause) if pause else None),
    }
    plan = loadtest.setup(site, args, SETUP_CODE, BENCH_SLUG=SLUG, **env)
    _pk, session_key, csrf_secret, attempt_key = plan["participants"][0]
    results, common = run_configuration_load(
        site,
        args,
        ready_path=plan["session_path"],
        # Their own attempt page: it needs the login and the attempt SETUP_CODE started.
        login_check=(
            f"/kuis/percobaan/{attempt_key}/",
            f"{plan['session_cookie']}={session_key}; {plan['csrf_cookie']}={csrf_secret}",
        ),
        warmup=(plan["post_test_path"], 200),  # the post-test's start page, anonymously
        per_participant=f"(page, {args.saves} saves, submit, result)"
        + (f", {pause[0]:g}-{pause[1]:g} s apart" if pause else ""),
        verify_code=VERIFY_CODE,
        gunicorn_args=code or (),
    )
    return summarize(args, results, common)


def summarize(args, results, common):
    records, db = results["records"], common["db"]
    by_kind = {kind: [r for r in records if r["kind"] == kind] for kind in KINDS}
    stats = {kind: latencies(rows) for kind, rows in by_kind.items()}
    submits_ok = [r for r in by_kind["submit"] if not r["reason"]]
    submitted = [r for r in by_kind["submit"] if r["status"] > 0]
    submit_span = (
        max(r["end"] for r in submitted) - min(r["start"] for r in submitted) if submitted else 0
    )
    # Never reached before --run-time, or stopped before the submit (a failed page or save).
    never_submitted = args.participants - len(by_kind["submit"])
    span = common["span"]
    return {
        **common,
        "stats": stats,
        **{
            kind: f"{st['count']} requests, {st['failures']} failures; ms p50 {st['p50']:.1f}, "
            f"p95 {st['p95']:.1f}, p99 {st['p99']:.1f}, max {st['max']:.1f}"
            for kind, st in stats.items()
        },
        "submits_ok": len(submits_ok),
        "never_submitted": never_submitted,
        "failures": sum(s["failures"] for s in stats.values()) + never_submitted,
        "attempts_per_second": len(submits_ok) / submit_span if submit_span else 0.0,
        "submit_span": submit_span,
        "requests": len(records),
        "rps": len([r for r in records if r["status"] > 0]) / span if span else 0.0,
        "all_in_time": len(submits_ok) == args.participants
        and db["missing"] == 0
        and span <= args.run_time,
    }


def run_configuration(site, args):
    """The scenarios --scenarios names; the summary is the back-to-back run of the current code
    (or the paced one alone), with every run under "runs" and the paced figures beside."""
    back_to_back, reference, paced = [], [], None
    if args.scenarios != "paced":
        code = reference_tree(site, args.reference_rev) if args.reference_rev else None
        for _round in range(args.rounds):
            if code:
                reference.append(one_run(site, args, code=code))
            back_to_back.append(one_run(site, args))
    if args.scenarios != "back-to-back":
        paced_args = argparse.Namespace(**vars(args))
        paced_args.spawn_rate = args.participants / args.paced_arrival
        paced_args.run_time = args.paced_run_time
        paced = one_run(site, paced_args, pause=args.pause)
    summary = dict(back_to_back[-1] if back_to_back else paced)
    current_rps = statistics.median(s["rps"] for s in back_to_back) if back_to_back else None
    reference_rps = statistics.median(s["rps"] for s in reference) if reference else None
    summary.update(
        runs={"back_to_back": back_to_back, "reference": reference, "paced": paced},
        current_rps=current_rps,
        reference_rps=reference_rps,
        ratio_against=(
            f"{args.reference_rev} measured in this run"
            if reference
            else f"issue 23's measured {ISSUE_RPS:g} req/s (old code not re-measured)"
        ),
        reference_passed=all(passed_one(s, args) for s in reference),
    )
    summary["back_to_back_passed"] = all(passed_one(s, args) for s in back_to_back)
    if paced is not None:
        summary.update(
            {f"paced_{kind}": paced[kind] for kind in KINDS},
            paced_failures=paced["failures"],
            paced_duplicates=paced["db"]["participants_with_several"],
            paced_submit_window=paced["submit_span"],
            paced_passed=passed_one(paced, paced_args),
        )
        summary["reasons"] = (
            summary["reasons"] + paced["reasons"] if back_to_back else paced["reasons"]
        )
    else:
        summary.update({f"paced_{kind}": "not run" for kind in KINDS})
        summary.update(paced_failures="not run", paced_duplicates="not run")
        summary.update(paced_submit_window="not run", paced_passed=True)
    summary["runs_text"] = (
        f"{len(reference)} reference + {len(back_to_back)} current back to back, "
        f"{'1' if paced else 'no'} paced"
    )
    return summary


def summary_rows(s):
    rows = []
    back_to_back = s["runs"]["back_to_back"]
    if back_to_back:
        last = back_to_back[-1]
        submit, several = last["stats"]["submit"], last["db"]["participants_with_several"]
        against = s["reference_rps"] or ISSUE_RPS
        ratio = s["current_rps"] / against if against else None
        rows += [
            load_row(
                "quiz",
                "back to back: requests per second",
                s["current_rps"],
                "req/s",
                ratio=ratio,
                against=s["ratio_against"],
                goal=">= 2",
                met=ratio is not None and ratio >= 2,
            ),
            *(
                load_row("quiz", f"back to back: submit p{n}", submit[f"p{n}"], "ms")
                for n in (50, 95, 99)
            ),
            load_row("quiz", "back to back: save p95", last["stats"]["save"]["p95"], "ms"),
            load_row(
                "quiz", "back to back: attempts per second", last["attempts_per_second"], "/s"
            ),
            *nothing_lost_rows("quiz", last, several, "duplicate attempts", "participants"),
        ]
        if s["reference_rps"] is not None:
            rows.append(
                load_row(
                    "quiz",
                    "back to back, reference code: requests per second",
                    s["reference_rps"],
                    "req/s",
                )
            )
    paced = s["runs"]["paced"]
    if paced is not None:
        for kind in KINDS:
            p95 = paced["stats"][kind]["p95"]
            rows.append(
                load_row("quiz", f"paced: {kind} p95", p95, "ms", goal="< 1000", met=p95 < 1000)
            )
        several = paced["db"]["participants_with_several"]
        rows += [
            load_row(
                "quiz",
                "paced: failures",
                paced["failures"],
                "requests",
                goal="0",
                met=paced["failures"] == 0,
            ),
            load_row(
                "quiz",
                "paced: duplicate attempts",
                several,
                "participants",
                goal="0",
                met=several == 0,
            ),
            load_row(
                "quiz",
                "paced: submits within",
                paced["submit_span"],
                "s",
                goal="<= 60",
                met=paced["submit_span"] <= 60,
            ),
        ]
    return rows


TITLE = "Lentera post-test submit load test (Locust)"
PARAMETERS = (
    "participants",
    "spawn_rate",
    "questions",
    "saves",
    "scenarios",
    "pause",
    "paced_arrival",
    "reference_rev",
    "rounds",
)
CHECKED = "scored attempts, answers"


def passed_one(s, args):
    db = s["db"]
    return (
        s["failures"] == 0
        and db["scored"] == args.participants
        and db["participants_with_several"] == 0
        and db["answers_mismatched"] == 0
        and db["answers_stored"] == db["answers_sent"] == args.participants * args.questions
        and s["all_in_time"]
    )


def passed(s, args):
    """Every run's checks held (the reference code's too: its figure is only worth comparing
    when it did the same work)."""
    return s["back_to_back_passed"] and s["reference_passed"] and s["paced_passed"]


def main(argv=None):
    return loadtest.run(parse_args(argv), sys.modules[__name__])


if __name__ == "__main__":
    sys.exit(main())
