"""What the two Locust scenarios, locust_checkin.py and locust_quiz.py, share.

Both read the plan their benchmark's setup step wrote (one row per participant), hand the
participants out to Locust users one at a time, send every request without following redirects,
record its outcome and timing, and write all of it to a JSON file when the test stops, for
checkin_load.py and quiz_submit.py to summarize. Each scenario keeps what its participants do.

Locust puts the locustfile's directory (bench/) on sys.path while it imports it, so the
scenarios import this module by name.
"""

import collections
import json
import os
import re
import time
from pathlib import Path

import gevent
from locust import FastHttpUser, constant, task

_ALERT = re.compile(r'role="alert"><p>(.*?)</p>', re.S)


def load_plan(variable, script):
    """The plan the benchmark's setup step wrote, named by the environment variable."""
    path = os.environ.get(variable)
    if not path:
        raise SystemExit(f"{variable} is not set: run {script} instead.")
    return json.loads(Path(path).read_text())


class Progress:
    """Hands participants out one at a time and collects what happened to each request."""

    def __init__(self, participants):
        self.pending = collections.deque(enumerate(participants))
        self.total = len(participants)
        self.done = 0
        self.records = []  # one dict per request sent
        self.first_start = None
        self.last_end = None

    def claim(self):
        return self.pending.popleft() if self.pending else None


def failure_reason(status, body, location, excerpt=0):
    """Why a response is not the expected one: the redirect's target, or the page's alert
    message, or else the first `excerpt` characters of the body."""
    if status == 0:
        return "no HTTP response (connection error or timeout)"
    if 300 <= status < 400:
        return f"{status} redirect to {location.split('?')[0] or '?'}"
    match = _ALERT.search(body)
    message = " ".join(match.group(1).split()) if match else body[:excerpt].replace("\n", " ")
    return f"{status} {message}".strip()


class ParticipantUser(FastHttpUser):
    """One phone: takes a participant, runs the scenario for them, repeats while any are left.

    A subclass sets `progress` and implements `run_participant(index, row)`, where `row` is the
    participant's row in the plan."""

    abstract = True  # Locust spawns the scenario's subclass only
    wait_time = constant(0)
    progress: Progress

    def on_start(self):
        # As many phones as participants: each phone is one participant and acts once, so the
        # spawn rate is the arrival rate. Fewer phones: each takes participants in turn.
        users = getattr(self.environment.parsed_options, "num_users", None) or 0
        self.one_participant = users >= self.progress.total
        self.finished = False

    @task
    def next_participant(self):
        progress = self.progress
        claim = None if self.finished else progress.claim()
        if claim is None:
            # Nothing left for this phone. Idling (rather than StopUser) keeps Locust from
            # spawning a replacement user while it is still ramping up.
            gevent.sleep(3600)
            return
        index, row = claim
        # A phone reused for several participants must not send the previous one's cookies.
        self.client.cookiejar.clear()
        try:
            self.run_participant(index, row)
        finally:
            self.finished = self.one_participant
            progress.done += 1
            if progress.done == progress.total:
                # Every participant has been answered: stop now rather than at --run-time.
                gevent.spawn(self.environment.runner.quit)

    def run_participant(self, index, row):
        raise NotImplementedError

    def send(self, method, path, *, name, judge, record, **kwargs):
        """Send one request (redirects not followed, so a refused session shows as a 302 to
        the login page), time it and record it. `judge(status, body, location)` returns
        (outcome, failure reason or None); `record` holds the fields that say which request
        this was. Returns (success, body, Location)."""
        progress = self.progress
        start = time.perf_counter()
        if progress.first_start is None:
            progress.first_start = start
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
            if reason is None:
                response.success()
            else:
                response.failure(reason)
        progress.last_end = max(progress.last_end or end, end)
        progress.records.append(
            {
                **record,
                "status": status,
                "outcome": outcome,
                "reason": reason,
                "start": start - progress.first_start,
                "end": end - progress.first_start,
                "latency_ms": (end - start) * 1000,
            }
        )
        return reason is None, body, location


def write_results(environment, progress, variable, **extra):
    """At test stop: every record, the participants reached and Locust's own figures, written
    to the file named by the environment variable, for the benchmark to summarize."""
    path = os.environ.get(variable)
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
        **extra,
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
