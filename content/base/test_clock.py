"""A clock the end-to-end tests can hold still, honoured by the live server they drive.

config.settings.e2e installs it (never base, dev or production settings): every
`django.utils.timezone.now()` of the server and its task worker reads the moment written in the
file named by LENTERA_TEST_CLOCK_FILE (ISO 8601 with its offset), or the real clock while that
file does not exist. A test writes the file to freeze time (a session under way, then over) and
removes it when done; no test sleeps. Installed while settings load, before any model module
binds `timezone.now` as a field default.
"""

import datetime

from django.utils import timezone

ENV = "LENTERA_TEST_CLOCK_FILE"


def install(path):
    real_now = timezone.now

    def now():
        try:
            with open(path, encoding="ascii") as handle:
                text = handle.read().strip()
        except FileNotFoundError:
            return real_now()
        return datetime.datetime.fromisoformat(text) if text else real_now()

    timezone.now = now
    return now
