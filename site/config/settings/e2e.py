"""The end-to-end tests' live server: development settings, with a clock the tests can hold
still (content/base/test_clock.py) when LENTERA_TEST_CLOCK_FILE is set."""

import os

from content.base import test_clock

from .dev import *  # noqa: F403

if os.environ.get(test_clock.ENV):
    test_clock.install(os.environ[test_clock.ENV])
