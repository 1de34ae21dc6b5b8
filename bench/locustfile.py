"""The Locust scenarios of checkin_load.py and quiz_submit.py, run by loadtest.py (not alone).

LENTERA_LOAD_PLAN names the plan the setup snippet wrote (its "scenario", cookie names, one row
per participant), LENTERA_LOAD_RESULTS where every request's outcome and timing go at the end.
Each Locust user is a phone: it takes the next participant and runs the scenario with their
session cookie, redirects never followed; there are as many users as participants and each does
it once, so the spawn rate is the arrival rate. checkin: a fresh QR token, two simultaneous GETs of
/P/<token>/. quiz: the attempt page, `saves` answers saved (JSON), the submit, the result page;
with the plan's "pause" = [min, max] a phone waits a random min-max seconds before each request
after the first (a participant reading and tapping), none without it (back to back).
"""

import collections
import json
import os
import random
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import gevent
from gevent.pool import Group
from locust import FastHttpUser, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
PLAN = json.loads(Path(os.environ["LENTERA_LOAD_PLAN"]).read_text())
_ALERT = re.compile(r'role="alert"><p>(.*?)</p>', re.S)
_INPUT_TAG = re.compile(r"<input\b[^>]*>")
_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')


class Progress:
    """Hands participants out one at a time and collects what happened to each request."""

    def __init__(self, participants):
        self.pending = collections.deque(enumerate(participants))
        self.total = len(participants)
        self.done = 0
        self.records = []  # one dict per request sent
        self.first_start = self.last_end = None
        self.sent_answers = {}  # quiz: attempt key -> {position: [option keys]} as submitted


PROGRESS = Progress(PLAN["participants"])
if PLAN["scenario"] == "checkin":
    # QR tokens signed as the projector signs them: Django with the site's SECRET_KEY only.
    from django.conf import settings

    settings.configure(SECRET_KEY=os.environ["SECRET_KEY"])
    from content.training import checkin_tokens


def failure_reason(status, body, location, excerpt=0):
    """The redirect's target, the page's alert message, or the body's first characters."""
    if status == 0:
        return "no HTTP response (connection error or timeout)"
    if 300 <= status < 400:
        return f"{status} redirect to {location.split('?')[0] or '?'}"
    match = _ALERT.search(body)
    message = " ".join(match.group(1).split()) if match else body[:excerpt].replace("\n", " ")
    return f"{status} {message}".strip()


class Phone(FastHttpUser):
    abstract = True
    wait_time = constant(0)

    finished = False  # one participant per phone: the spawn rate is the arrival rate

    @task
    def next_participant(self):
        if self.finished or not PROGRESS.pending:
            # Idling (rather than StopUser) keeps Locust from spawning a replacement user.
            gevent.sleep(3600)
            return
        self.finished = True
        index, row = PROGRESS.pending.popleft()
        try:
            self.run_participant(index, row)
        finally:
            PROGRESS.done += 1
            if PROGRESS.done == PROGRESS.total:
                gevent.spawn(self.environment.runner.quit)

    def send(self, method, path, *, name, judge, record, **kwargs):
        """Send, time and record one request; judge(status, body, location) gives (outcome,
        failure reason or None). Returns (success, body, Location)."""
        start = time.perf_counter()
        if PROGRESS.first_start is None:
            PROGRESS.first_start = start
        with self.client.request(
            method, path, name=name, allow_redirects=False, catch_response=True, **kwargs
        ) as response:
            end = time.perf_counter()
            status = response.status_code or 0
            try:
                body = response.text or ""
            except Exception:  # a connection error leaves no body to decode
                body = ""
            location = (response.headers or {}).get("Location") or ""
            outcome, reason = judge(status, body, location)
            error = getattr(response, "error", None)
            if status == 0 and error is not None:
                reason = f"no HTTP response: {type(error).__name__}"
            response.success() if reason is None else response.failure(reason)
        PROGRESS.last_end = max(PROGRESS.last_end or end, end)
        PROGRESS.records.append(
            {
                **record,
                "status": status,
                "outcome": outcome,
                "reason": reason,
                "start": start - PROGRESS.first_start,
                "end": end - PROGRESS.first_start,
                "latency_ms": (end - start) * 1000,
            }
        )
        return reason is None, body, location


class CheckinPhone(Phone):
    abstract = True
    concurrency = 2  # both taps in flight together

    def on_start(self):
        self.taps = Group()

    def on_stop(self):
        self.taps.kill(block=False)  # taps still waiting at --run-time stay unanswered

    def run_participant(self, index, row):
        participant_id, session_key = row
        token = checkin_tokens.make_token(PLAN["session_id"], checkin_tokens.Window.at())
        cookie = f"{PLAN['cookie_name']}={session_key}"
        headers = {"Cookie": cookie, "Accept": "text/html", "User-Agent": "lentera-bench-checkin"}
        for tap in (1, 2):
            record = {"index": index, "participant": participant_id, "tap": tap}
            kwargs = {"judge": judge_checkin, "record": record, "headers": headers}
            self.taps.spawn(self.send, "GET", f"/P/{token}/", name="GET /P/<token>/", **kwargs)
        self.taps.join()


def judge_checkin(status, body, location):
    if status == 200 and "Presensi tercatat" in body:
        return "created", None
    if status == 200 and "sudah presensi" in body:
        return "already", None
    return "failed", failure_reason(status, body, location)


def parse_paper(html):
    """(CSRF token, {position: (input type, [option keys])}) from the attempt page."""
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
        answers[position] = (
            [rng.choice(keys)]
            if kind == "radio"
            else sorted(rng.sample(keys, rng.randint(1, len(keys))))
        )
    return answers


def judge_quiz(kind, path):
    def check(status, body, location):
        if kind == "submit":
            ok = status == 302 and location.endswith(path.replace("selesai/", "hasil/"))
        elif kind == "save":
            ok = status == 200 and '"saved": true' in body
        else:
            ok = status == 200
        return ("ok", None) if ok else ("failed", failure_reason(status, body, location, 120))

    return check


class QuizPhone(Phone):
    abstract = True

    def run_participant(self, index, row):
        participant_id, session_key, csrf_secret, attempt_key = row
        cookie = f"{PLAN['session_cookie']}={session_key}; {PLAN['csrf_cookie']}={csrf_secret}"
        headers = {"Cookie": cookie, "User-Agent": "lentera-bench-quiz"}
        html, base = {**headers, "Accept": "text/html"}, f"/kuis/percobaan/{attempt_key}/"

        def request(kind, method, path, **kwargs):
            """One request of the attempt, named for Locust's statistics without the key."""
            kwargs.update(name=f"{method} {path.replace(attempt_key, '<key>')}")
            record = {"index": index, "participant": participant_id, "kind": kind}
            return self.send(method, path, judge=judge_quiz(kind, path), record=record, **kwargs)

        ok, body, _ = request("page", "GET", base, headers=html)
        if not ok:
            return
        token, questions = parse_paper(body)
        if token is None or len(questions) != PLAN["question_count"]:
            reason = f"attempt page holds {len(questions)} questions, expected "
            reason += f"{PLAN['question_count']}" + ("" if token else ", and no CSRF token")
            fields = ("status", "outcome", "reason", "start", "end", "latency_ms")
            record = dict(zip(fields, (-1, "failed", reason, None, None, None), strict=True))
            PROGRESS.records.append(
                {"index": index, "participant": participant_id, "kind": "page", **record}
            )
            return
        answers = choose(random.Random(f"lentera-bench-quiz:{index}"), questions)
        pauses = random.Random(f"lentera-bench-quiz-pause:{index}")
        low, high = PLAN.get("pause") or (0, 0)

        def pause():
            if high > 0:
                gevent.sleep(pauses.uniform(low, high))

        json_headers = {**headers, "Content-Type": "application/json", "X-CSRFToken": token}
        json_headers["Accept"] = "application/json"
        for position in sorted(answers)[: PLAN["saves"]]:
            data = json.dumps({"position": position, "options": answers[position]})
            pause()
            if not request("save", "POST", f"{base}jawab/", headers=json_headers, data=data)[0]:
                return
        form = [("csrfmiddlewaretoken", token)]
        form += [(f"q{position}", key) for position in sorted(answers) for key in answers[position]]
        PROGRESS.sent_answers[attempt_key] = answers
        form_headers = {**html, "Content-Type": "application/x-www-form-urlencoded"}
        pause()
        ok, _, location = request(
            "submit", "POST", f"{base}selesai/", headers=form_headers, data=urlencode(form)
        )
        if ok:
            pause()
            request("result", "GET", location, headers=html)


if PLAN["scenario"] == "online":
    # The code on the host's screen, computed as the projector page does: SECRET_KEY only.
    from django.conf import settings

    settings.configure(SECRET_KEY=os.environ["SECRET_KEY"])
    from content.training import checkin_tokens


def judge_page(status, body, location):
    """The session page of an online session, for a registered participant whose check-in is
    open: it holds the code form."""
    if status == 200 and 'name="code"' in body:
        return "ok", None
    if status == 200:
        return "failed", "200 without the code form"
    return "failed", failure_reason(status, body, location, 120)


class OnlinePhone(Phone):
    """online_checkin.py: the session page, then the code typed from the host's screen, POSTed
    once, or twice at once (a doubled submit) for a share of participants."""

    abstract = True
    concurrency = 2

    def on_start(self):
        self.posts = Group()

    def on_stop(self):
        self.posts.kill(block=False)

    def run_participant(self, index, row):
        participant_id, session_key, csrf_secret = row
        cookie = f"{PLAN['session_cookie']}={session_key}; {PLAN['csrf_cookie']}={csrf_secret}"
        headers = {"Cookie": cookie, "Accept": "text/html", "User-Agent": "lentera-bench-online"}
        record = {"index": index, "participant": participant_id, "kind": "page"}
        ok, body, _ = self.send(
            "GET", PLAN["session_path"], name="GET <online session page>", judge=judge_page,
            record=record, headers=headers,
        )  # fmt: skip
        if not ok:
            return
        token = parse_paper(body)[0]
        code = checkin_tokens.make_code(PLAN["session_id"], checkin_tokens.Window.at())
        form = urlencode([("csrfmiddlewaretoken", token or ""), ("code", code)])
        form_headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        twice = random.Random(f"lentera-bench-online:{index}").random() < PLAN["double"]
        for second in (False, True) if twice else (False,):
            record = {"index": index, "participant": participant_id, "kind": "code"}
            self.posts.spawn(
                self.send, "POST", "/presensi/", name="POST /presensi/ (code)",
                judge=judge_checkin, record={**record, "second": second},
                headers=form_headers, data=form,
            )  # fmt: skip
        self.posts.join()


SCENARIOS = {"checkin": CheckinPhone, "quiz": QuizPhone, "online": OnlinePhone}


class Participant(SCENARIOS[PLAN["scenario"]]):
    abstract = False


@events.test_stop.add_listener
def write_results(environment, **_kwargs):
    """Every record and the participants reached (Locust's own statistics are not used)."""
    span = None
    if PROGRESS.first_start is not None and PROGRESS.last_end is not None:
        span = PROGRESS.last_end - PROGRESS.first_start
    result = {
        "participants": PROGRESS.total,
        "participants_done": PROGRESS.done,
        "participants_never_started": len(PROGRESS.pending),
        "span_seconds": span,
        "records": PROGRESS.records,
        "sent_answers": PROGRESS.sent_answers,
    }
    Path(os.environ["LENTERA_LOAD_RESULTS"]).write_text(json.dumps(result))
