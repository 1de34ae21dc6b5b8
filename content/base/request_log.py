"""One log line per request (production.py puts the middleware first in MIDDLEWARE):

    method=POST path=/kuis/12/kirim/ status=302 duration_ms=48 user=731

The path is logged without its query string (one may hold a check-in code or an email
address), percent-encoded so a crafted path cannot break the line in two. The user is the
account's id, or "-" for a visitor; never a name or an email. The duration runs from the first
middleware to the response (a streamed body's sending is not counted). Successful load
balancer probes of /healthz are not logged; a failing one is.

Errors are not logged here: Django's ``django.request`` logger already logs each 500 with its
traceback (see the filters in log_filters.py), and this line records the status.
"""

import logging
import time
from urllib.parse import quote

from django.contrib.auth import SESSION_KEY
from django.utils.functional import empty

from content.base import health

logger = logging.getLogger("lentera.request")


def user_id(request, *, look_up=False):
    """The id of the request's user, or "-". Without `look_up`, no database query: a user the
    request never looked at is read from its session only if that was loaded already."""
    user = getattr(request, "user", None)
    if user is None:
        return "-"
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty and not look_up:
        session_data = getattr(getattr(request, "session", None), "_session_cache", None)
        return (session_data or {}).get(SESSION_KEY) or "-"
    return user.pk if user.is_authenticated else "-"


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        duration_ms = round((time.monotonic() - started) * 1000)
        if not (request.path_info == health.PATH and response.status_code == 200):
            logger.info(
                "method=%s path=%s status=%s duration_ms=%s user=%s",
                request.method,
                quote(request.path, safe="/"),
                response.status_code,
                duration_ms,
                user_id(request),
            )
        return response
