"""Production: everything from the environment; base.py refuses to start without SECRET_KEY."""

from .base import *  # noqa: F403

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Wagtail's admin reads the token from the cookie.

# One line per request (method, path without its query string, status, duration, user id),
# first so it times the whole stack; see content/base/request_log.py. Gunicorn's own access
# log stays off: it would write query strings, client addresses and referrers.
MIDDLEWARE = ["content.base.request_log.RequestLogMiddleware", *MIDDLEWARE]  # noqa: F405
