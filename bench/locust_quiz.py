"""Locust scenario for bench/quiz_submit.py: participants finish a session's post-test.

Not meant to be run on its own: quiz_submit.py prepares the database (each participant has
attended the session and has an attempt under way), starts gunicorn and runs

    locust -f bench/locust_quiz.py --headless --users U --spawn-rate R --run-time 60s \
        --host http://127.0.0.1:<port> --only-summary

with these environment variables:

    LENTERA_QUIZ_PLAN     JSON written by the setup step: the cookie names and, per participant,
                          a logged-in session key, a CSRF cookie secret and the attempt's key
    LENTERA_QUIZ_RESULTS  where this module writes every request's outcome and timing, and the
                          answers each participant sent (JSON)
    LENTERA_QUIZ_SAVES    how many answers to save one by one before submitting (default 3)

Each Locust user takes the next participant and does what their phone does at the end of the
test, one request after the other, with that participant's session cookie:

1. GET /kuis/percobaan/<key>/ (the attempt page) and read the CSRF token and the option keys
   of every question from the form (inputs name="q<position>" value="<option key>");
2. choose answers (a fixed seed per participant: one option of a radio question, one or more of
   a checkbox question);
3. save the first LENTERA_QUIZ_SAVES of them through POST /kuis/percobaan/<key>/jawab/ (JSON,
   X-CSRFToken), as the page's script does when an option is tapped;
4. submit the form with every answer: POST /kuis/percobaan/<key>/selesai/ (q1..qN and
   csrfmiddlewaretoken), which must answer 302 to .../hasil/;
5. follow that redirect, GET /kuis/percobaan/<key>/hasil/, as the browser does.

With as many users as participants (the default) each user is one participant and does this
once, so the spawn rate is the rate at which participants arrive; with fewer users each user
takes the next participant when it is done. When every participant is done the run stops;
--run-time bounds it otherwise. Redirects are never followed automatically.

Handing participants out, recording every request and writing the results file are shared with
locust_checkin.py in locust_common.py.
"""

import json
import os
import random
import re
from urllib.parse import urlencode

from locust import events
from locust_common import ParticipantUser, Progress, failure_reason, load_plan, write_results

PAGE, SAVE, SUBMIT, RESULT = "page", "save", "submit", "result"
REQUEST_NAMES = {
    PAGE: "GET /kuis/percobaan/<key>/",
    SAVE: "POST /kuis/percobaan/<key>/jawab/",
    SUBMIT: "POST /kuis/percobaan/<key>/selesai/",
    RESULT: "GET /kuis/percobaan/<key>/hasil/",
}
_INPUT_TAG = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
SEED = "lentera-bench-quiz"

PLAN = load_plan("LENTERA_QUIZ_PLAN", "bench/quiz_submit.py")
SAVES = int(os.environ.get("LENTERA_QUIZ_SAVES", "3"))
PROGRESS = Progress(PLAN["participants"])
SENT_ANSWERS = {}  # attempt key -> {position: [option keys]} as submitted


def parse_paper(html):
    """(CSRF token, {position: (input type, [option keys])}) from the attempt page's inputs:
    csrfmiddlewaretoken, and the radio or checkbox inputs named q<position>."""
    token, questions = None, {}
    for tag in _INPUT_TAG.findall(html):
        attributes = dict(_ATTRIBUTE.findall(tag))
        name, kind = attributes.get("name", ""), attributes.get("type")
        if name == "csrfmiddlewaretoken":
            token = attributes.get("value")
        elif kind in ("radio", "checkbox") and name[:1] == "q" and name[1:].isdigit():
            questions.setdefault(int(name[1:]), (kind, []))[1].append(attributes["value"])
    return token, questions


def choose(rng, questions):
    answers = {}
    for position in sorted(questions):
        kind, keys = questions[position]
        if kind == "radio":
            answers[position] = [rng.choice(keys)]
        else:
            answers[position] = sorted(rng.sample(keys, rng.randint(1, len(keys))))
    return answers


def judge(kind, path):
    """The check of one kind of request (see ParticipantUser.send): (outcome, reason)."""

    def check(status, body, location):
        if kind == SUBMIT:
            ok = status == 302 and location.endswith(path.replace("selesai/", "hasil/"))
        elif kind == SAVE:
            ok = status == 200 and '"saved": true' in body
        else:
            ok = status == 200
        if ok:
            return "ok", None
        # The start of the body says more than the status when no alert explains it.
        return "failed", failure_reason(status, body, location, excerpt=120)

    return check


class Participant(ParticipantUser):
    """One phone: takes a participant, finishes their post-test, repeats while any are left."""

    progress = PROGRESS

    def run_participant(self, index, row):
        participant_id, session_key, csrf_secret, attempt_key = row
        cookie = f"{PLAN['session_cookie']}={session_key}; {PLAN['csrf_cookie']}={csrf_secret}"
        headers = {"Cookie": cookie, "User-Agent": "lentera-bench-quiz"}
        base = f"/kuis/percobaan/{attempt_key}/"
        ok, body, _ = self._request(
            PAGE, index, participant_id, "GET", base, headers={**headers, "Accept": "text/html"}
        )
        if not ok:
            return
        token, questions = parse_paper(body)
        if token is None or len(questions) != PLAN["question_count"]:
            self._record_failure(
                PAGE,
                index,
                participant_id,
                f"attempt page holds {len(questions)} questions, expected "
                f"{PLAN['question_count']}" + ("" if token else ", and no CSRF token"),
            )
            return
        answers = choose(random.Random(f"{SEED}:{index}"), questions)
        for position in sorted(answers)[:SAVES]:
            ok, _, _ = self._request(
                SAVE,
                index,
                participant_id,
                "POST",
                f"{base}jawab/",
                headers={
                    **headers,
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                    "X-CSRFToken": token,
                },
                data=json.dumps({"position": position, "options": answers[position]}),
            )
            if not ok:
                return
        form = [("csrfmiddlewaretoken", token)]
        form += [(f"q{position}", key) for position in sorted(answers) for key in answers[position]]
        SENT_ANSWERS[attempt_key] = answers
        ok, _, location = self._request(
            SUBMIT,
            index,
            participant_id,
            "POST",
            f"{base}selesai/",
            headers={
                **headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "text/html",
            },
            data=urlencode(form),
        )
        if ok:
            self._request(
                RESULT,
                index,
                participant_id,
                "GET",
                location,
                headers={**headers, "Accept": "text/html"},
            )

    def _request(self, kind, index, participant_id, method, path, **kwargs):
        """Send one request and record it: (success, body, Location)."""
        return self.send(
            method,
            path,
            name=REQUEST_NAMES[kind],
            judge=judge(kind, path),
            record={"index": index, "participant": participant_id, "kind": kind},
            **kwargs,
        )

    def _record_failure(self, kind, index, participant_id, reason):
        self.progress.records.append(
            {
                "index": index,
                "participant": participant_id,
                "kind": kind,
                "status": -1,
                "outcome": "failed",
                "reason": reason,
                "start": None,
                "end": None,
                "latency_ms": None,
            }
        )


@events.test_stop.add_listener
def _write_results(environment, **_kwargs):
    write_results(environment, PROGRESS, "LENTERA_QUIZ_RESULTS", sent_answers=SENT_ANSWERS)
