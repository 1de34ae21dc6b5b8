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

Handing participants out, recording every request and writing the results file are shared with
locust_quiz.py in locust_common.py.
"""

import os
import sys
from pathlib import Path

from gevent.pool import Group
from locust import events
from locust_common import ParticipantUser, Progress, failure_reason, load_plan, write_results

REPO_DIR = Path(__file__).resolve().parents[1]
if str(REPO_DIR) not in sys.path:
    sys.path.insert(0, str(REPO_DIR))

CREATED_TEXT = "Presensi tercatat"
ALREADY_TEXT = "sudah presensi"
REQUEST_NAME = "GET /P/<token>/"


def _token_factory(session_id):
    """make_token(session_id, Window.at()) signed with the site's SECRET_KEY."""
    from django.conf import settings

    if not settings.configured:
        settings.configure(SECRET_KEY=os.environ["SECRET_KEY"])
    from content.training import checkin_tokens

    return lambda: checkin_tokens.make_token(session_id, checkin_tokens.Window.at())


PLAN = load_plan("LENTERA_CHECKIN_PLAN", "bench/checkin_load.py")
make_token = _token_factory(PLAN["session_id"])
PROGRESS = Progress(PLAN["participants"])


def classify(status, body, location):
    """(outcome, failure reason or None). Outcomes: created, already, failed."""
    if status == 200 and CREATED_TEXT in body:
        return "created", None
    if status == 200 and ALREADY_TEXT in body:
        return "already", None
    return "failed", failure_reason(status, body, location)


class Participant(ParticipantUser):
    """One phone: takes a participant, double-taps the QR link, repeats while any are left."""

    progress = PROGRESS
    # The user's HTTP pool must let both taps be in flight together.
    concurrency = 2

    def on_start(self):
        super().on_start()
        self.taps = Group()

    def on_stop(self):
        # --run-time expired: taps still waiting for an answer stay unanswered.
        self.taps.kill(block=False)

    def run_participant(self, index, row):
        participant_id, session_key = row
        url = f"/P/{make_token()}/"
        headers = {
            "Cookie": f"{PLAN['cookie_name']}={session_key}",
            "Accept": "text/html",
            "User-Agent": "lentera-bench-checkin",
        }
        for tap in (1, 2):
            self.taps.spawn(
                self.send,
                "GET",
                url,
                name=REQUEST_NAME,
                judge=classify,
                record={"index": index, "participant": participant_id, "tap": tap},
                headers=headers,
            )
        self.taps.join()


@events.test_stop.add_listener
def _write_results(environment, **_kwargs):
    write_results(environment, PROGRESS, "LENTERA_CHECKIN_RESULTS")
