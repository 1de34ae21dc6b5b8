"""Logging filters installed on every handler (config/settings/base.py LOGGING).

``RedactPersonalData`` rewrites each record so no NIP (18 digits), NIK (16 digits), email
address or phone number reaches a log line: in the message and its arguments, in the traceback
(an exception's text may quote a value, e.g. a unique-constraint error) and in the stack.
``RequestContext`` adds the method and the user's id (never a name or an email) to records that
carry the request, such as Django's "Internal Server Error: /path" from ``django.request``.
"""

import logging
import re

from content.base.request_log import user_id

REDACTED = "[disembunyikan]"

# Digit runs are matched whole: 16 to 18 digits is a NIK, a NIP or one mistyped (NIPs are often
# written 19850101 201001 1 001). Email addresses, and Indonesian phone numbers (+62, 62 or 0,
# then 8, with optional spaces, dots or dashes; not a decimal like 0.8123456), or any number
# written with a leading "+".
_PATTERNS = [
    re.compile(r"(?<!\d)\d{8}[ .-]\d{6}[ .-]\d[ .-]\d{3}(?!\d)"),
    re.compile(r"(?<!\d)\d{16,18}(?!\d)"),
    re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"(?<![\w+.])(?:\+62|62|0)[ -]?8\d(?:[ .-]?\d){6,11}(?!\d)"),
    re.compile(r"(?<![\w+.])\+\d(?:[ .-]?\d){7,14}(?!\d)"),
]


def redact(text):
    for pattern in _PATTERNS:
        text = pattern.sub(REDACTED, text)
    return text


class RedactPersonalData(logging.Filter):
    _formatter = logging.Formatter()

    def filter(self, record):
        if not getattr(record, "_personal_data_redacted", False):
            try:
                message = record.getMessage()
            except Exception:  # a bad format string: log what was given, redacted
                message = f"{record.msg} {record.args!r}"
            record.msg = redact(message)
            record.args = None
            if record.exc_info and not record.exc_text:
                record.exc_text = self._formatter.formatException(record.exc_info)
            if record.exc_text:
                record.exc_text = redact(record.exc_text)
            if record.stack_info:
                record.stack_info = redact(record.stack_info)
            record._personal_data_redacted = True
        return True


class RequestContext(logging.Filter):
    """Adds " (method=POST user=42)" to records that carry a request and say nothing of it."""

    def filter(self, record):
        request = getattr(record, "request", None)
        if request is not None and not getattr(record, "_request_context_added", False):
            # For a server error the user is worth a query (the view may not have read it);
            # for a 404 or 403 only what the request already knows, so pages keep their
            # query counts.
            try:
                look_up = (getattr(record, "status_code", None) or 0) >= 500
                context = f" (method={request.method} user={user_id(request, look_up=look_up)})"
            except Exception:
                context = ""
            if context:
                record.msg = _append(record, context)
            record._request_context_added = True
        return True


def _append(record, text):
    """The record's message with `text` after it, its arguments still to be applied."""
    if record.args:
        return f"{record.msg}{text.replace('%', '%%')}"
    return f"{record.msg}{text}"
