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
"""

import collections
import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from locust import FastHttpUser, constant, events, task

PAGE, SAVE, SUBMIT, RESULT = "page", "save", "submit", "result"
REQUEST_NAMES = {
    PAGE: "GET /kuis/percobaan/<key>/",
    SAVE: "POST /kuis/percobaan/<key>/jawab/",
    SUBMIT: "POST /kuis/percobaan/<key>/selesai/",
    RESULT: "GET /kuis/percobaan/<key>/hasil/",
}
_INPUT_TAG = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
_ALERT = re.compile(r'role="alert"><p>(.*?)</p>', re.S)
SEED = "lentera-bench-quiz"


def _load_plan():
    path = os.environ.get("LENTERA_QUIZ_PLAN")
    if not path:
        raise SystemExit("LENTERA_QUIZ_PLAN is not set: run bench/quiz_submit.py instead.")
    return json.loads(Path(path).read_text())


PLAN = _load_plan()
SAVES = int(os.environ.get("LENTERA_QUIZ_SAVES", "3"))


class Progress:
    """Hands participants out one at a time and collects what happened to each request."""

    def __init__(self, participants):
        self.pending = collections.deque(enumerate(participants))
        self.total = len(participants)
        self.done = 0
        self.records = []  # one dict per request sent
        self.sent_answers = {}  # attempt key -> {position: [option keys]} as submitted
        self.first_start = None
        self.last_end = None

    def claim(self):
        return self.pending.popleft() if self.pending else None


progress = Progress(PLAN["participants"])


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


def _reason(status, body, location):
    if status == 0:
        return "no HTTP response (connection error or timeout)"
    if 300 <= status < 400:
        return f"{status} redirect to {location.split('?')[0] or '?'}"
    match = _ALERT.search(body)
    message = " ".join(match.group(1).split()) if match else body[:120].replace("\n", " ")
    return f"{status} {message}".strip()


class Participant(FastHttpUser):
    """One phone: takes a participant, finishes their post-test, repeats while any are left."""

    wait_time = constant(0)

    def on_start(self):
        users = getattr(self.environment.parsed_options, "num_users", None) or 0
        self.one_participant = users >= progress.total
        self.finished = False

    @task
    def finish_post_test(self):
        claim = None if self.finished else progress.claim()
        if claim is None:
            # Nothing left for this phone. Idling (rather than StopUser) keeps Locust from
            # spawning a replacement user while it is still ramping up.
            gevent.sleep(3600)
            return
        index, (participant_id, session_key, csrf_secret, attempt_key) = claim
        self.client.cookiejar.clear()
        cookie = f"{PLAN['session_cookie']}={session_key}; {PLAN['csrf_cookie']}={csrf_secret}"
        headers = {"Cookie": cookie, "User-Agent": "lentera-bench-quiz"}
        try:
            self._finish(index, participant_id, attempt_key, headers)
        finally:
            self.finished = self.one_participant
            progress.done += 1
            if progress.done == progress.total:
                # Every participant has been answered: stop now rather than at --run-time.
                gevent.spawn(self.environment.runner.quit)

    def _finish(self, index, participant_id, attempt_key, headers):
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
        progress.sent_answers[attempt_key] = answers
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
        start = time.perf_counter()
        if progress.first_start is None:
            progress.first_start = start
        with self.client.request(
            method,
            path,
            name=REQUEST_NAMES[kind],
            allow_redirects=False,
            catch_response=True,
            **kwargs,
        ) as response:
            end = time.perf_counter()
            status = response.status_code or 0
            try:
                body = response.text or ""
            except Exception:  # a connection error leaves no body to decode
                body = ""
            location = (response.headers or {}).get("Location") or ""
            reason = None
            if kind == SUBMIT:
                if status != 302 or not location.endswith(path.replace("selesai/", "hasil/")):
                    reason = _reason(status, body, location)
            elif kind == SAVE:
                if status != 200 or '"saved": true' not in body:
                    reason = _reason(status, body, location)
            elif status != 200:
                reason = _reason(status, body, location)
            error = getattr(response, "error", None)
            if status == 0 and error is not None:
                reason = f"no HTTP response: {type(error).__name__}"
            if reason is None:
                response.success()
            else:
                response.failure(reason)
        progress.last_end = max(progress.last_end or end, end)
        progress.records.append(
            {
                "index": index,
                "participant": participant_id,
                "kind": kind,
                "status": status,
                "reason": reason,
                "start": start - progress.first_start,
                "end": end - progress.first_start,
                "latency_ms": (end - start) * 1000,
            }
        )
        return reason is None, body, location

    def _record_failure(self, kind, index, participant_id, reason):
        progress.records.append(
            {
                "index": index,
                "participant": participant_id,
                "kind": kind,
                "status": -1,
                "reason": reason,
                "start": None,
                "end": None,
                "latency_ms": None,
            }
        )


@events.test_stop.add_listener
def write_results(environment, **_kwargs):
    path = os.environ.get("LENTERA_QUIZ_RESULTS")
    if not path:
        return
    total = environment.stats.total
    span = None
    if progress.first_start is not None and progress.last_end is not None:
        span = progress.last_end - progress.first_start
    result = {
        "participants": progress.total,
        "participants_done": progress.done,
        "participants_never_started": len(progress.pending),
        "span_seconds": span,
        "records": progress.records,
        "sent_answers": progress.sent_answers,
        "locust": {
            "requests": total.num_requests,
            "failures": total.num_failures,
            "p50_ms": total.get_response_time_percentile(0.5),
            "p95_ms": total.get_response_time_percentile(0.95),
            "p99_ms": total.get_response_time_percentile(0.99),
            "max_users": max(environment.runner.final_user_classes_count.values() or [0]),
        },
    }
    Path(path).write_text(json.dumps(result))
