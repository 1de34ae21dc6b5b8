"""Locust scenario for bench/checkin_load.py: participants double-tap the check-in QR link.

Not meant to be run on its own: checkin_load.py prepares the database, starts gunicorn and runs

    locust -f bench/locust_checkin.py --headless --users U --spawn-rate R --run-time 60s \
        --host http://127.0.0.1:<port> --only-summary

with these environment variables:

    LENTERA_CHECKIN_PLAN     JSON written by the setup step: the check-in path, the session's id,
                             the session cookie name and one logged-in session key per participant
    LENTERA_CHECKIN_RESULTS  where this module writes every request's outcome and timing (JSON)
    SECRET_KEY               the site's SECRET_KEY, to sign QR tokens exactly as the projector does

Each Locust user takes the next participant that has not checked in yet, fetches a fresh QR
token (content.training.checkin_tokens.make_token for the current window; Django is configured
here with SECRET_KEY only, no database) and fires two GETs of /P/<token>/ (the QR's URL) at
the same moment, from two greenlets, with that participant's session cookie: the double tap.
With as many users as participants (the default) each user is one participant and does this
once, so the spawn rate is the rate at which participants arrive; with fewer users each user
takes the next participant when it is done. When every participant is done the run stops;
--run-time bounds it otherwise.

A response counts as a success only if it is a 200 whose body says "Presensi tercatat" (the
first recorded scan) or "sudah presensi" (the scan found the existing row). Redirects are not
followed, so an expired or refused session shows up as a 302 to the login page.
"""

import collections
import json
import os
import re
import sys
import time
from pathlib import Path

import gevent
from gevent.pool import Group
from locust import FastHttpUser, constant, events, task

REPO_DIR = Path(__file__).resolve().parents[1]
if str(REPO_DIR) not in sys.path:
    sys.path.insert(0, str(REPO_DIR))

CREATED_TEXT = "Presensi tercatat"
ALREADY_TEXT = "sudah presensi"
REQUEST_NAME = "GET /P/<token>/"
_ALERT = re.compile(r'role="alert"><p>(.*?)</p>', re.S)


def _load_plan():
    path = os.environ.get("LENTERA_CHECKIN_PLAN")
    if not path:
        raise SystemExit("LENTERA_CHECKIN_PLAN is not set: run bench/checkin_load.py instead.")
    return json.loads(Path(path).read_text())


def _token_factory(session_id):
    """make_token(session_id, Window.at()) signed with the site's SECRET_KEY."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=os.environ["SECRET_KEY"])
    from content.training import checkin_tokens

    return lambda: checkin_tokens.make_token(session_id, checkin_tokens.Window.at())


PLAN = _load_plan()
make_token = _token_factory(PLAN["session_id"])


class Progress:
    """Hands participants out one at a time and collects what happened to each request."""

    def __init__(self, participants):
        self.pending = collections.deque(enumerate(participants))
        self.total = len(participants)
        self.done = 0
        self.records = []  # one dict per answered (or failed) request
        self.first_start = None
        self.last_end = None
        self.started_at_epoch = None

    def claim(self):
        return self.pending.popleft() if self.pending else None


progress = Progress(PLAN["participants"])


def classify(status, body, location):
    """(outcome, failure reason or None). Outcomes: created, already, failed."""
    if status == 200 and CREATED_TEXT in body:
        return "created", None
    if status == 200 and ALREADY_TEXT in body:
        return "already", None
    if status == 0:
        return "failed", "no HTTP response (connection error or timeout)"
    if 300 <= status < 400:
        return "failed", f"{status} redirect to {location.split('?')[0] or '?'}"
    match = _ALERT.search(body)
    message = " ".join(match.group(1).split()) if match else ""
    return "failed", f"{status} {message}".strip()


class Participant(FastHttpUser):
    """One phone: takes a participant, double-taps the QR link, repeats while any are left."""

    wait_time = constant(0)
    # The user's HTTP pool must let both taps be in flight together.
    concurrency = 2

    def on_start(self):
        self.taps = Group()
        # As many phones as participants: each phone is one participant and taps once, so the
        # spawn rate is the arrival rate. Fewer phones: each takes participants in turn.
        users = getattr(self.environment.parsed_options, "num_users", None) or 0
        self.one_participant = users >= progress.total
        self.finished = False

    def on_stop(self):
        # --run-time expired: taps still waiting for an answer stay unanswered.
        self.taps.kill(block=False)

    @task
    def double_tap(self):
        claim = None if self.finished else progress.claim()
        if claim is None:
            # Nothing left for this phone. Idling (rather than StopUser) keeps Locust from
            # spawning a replacement user while it is still ramping up.
            gevent.sleep(3600)
            return
        index, (participant_id, session_key) = claim
        # A phone reused for several participants must not send the previous one's cookie.
        self.client.cookiejar.clear()
        url = f"/P/{make_token()}/"
        headers = {
            "Cookie": f"{PLAN['cookie_name']}={session_key}",
            "Accept": "text/html",
            "User-Agent": "lentera-bench-checkin",
        }
        for tap in (1, 2):
            self.taps.spawn(self._tap, index, participant_id, tap, url, headers)
        self.taps.join()
        self.finished = self.one_participant
        progress.done += 1
        if progress.done == progress.total:
            # Every participant has been answered: stop now rather than at --run-time.
            gevent.spawn(self.environment.runner.quit)

    def _tap(self, index, participant_id, tap, url, headers):
        start = time.perf_counter()
        if progress.first_start is None:
            progress.first_start = start
            progress.started_at_epoch = time.time()
        with self.client.get(
            url, name=REQUEST_NAME, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            end = time.perf_counter()
            status = response.status_code or 0
            try:
                body = response.text or ""
            except Exception:  # a connection error leaves no body to decode
                body = ""
            location = (response.headers or {}).get("Location") or ""
            outcome, reason = classify(status, body, location)
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
                "tap": tap,
                "status": status,
                "outcome": outcome,
                "reason": reason,
                "start": start - progress.first_start,
                "latency_ms": (end - start) * 1000,
            }
        )


@events.test_stop.add_listener
def write_results(environment, **_kwargs):
    path = os.environ.get("LENTERA_CHECKIN_RESULTS")
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
