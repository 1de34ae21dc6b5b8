"""Production: everything from the environment; base.py refuses to start without SECRET_KEY."""

from .base import *  # noqa: F403

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin reads the token from the cookie.
