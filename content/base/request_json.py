"""The one way the site reads a JSON request body, within limits.

json.loads alone turns `1e999` into inf (and int(inf) raises), accepts NaN and Infinity, reads
a 4,300-digit integer, recurses once per bracket (a few thousand nested brackets raise
RecursionError), and keeps the last of duplicate keys. Every view that reads JSON calls
json_body(request), which refuses all of those, and any control character in a string (the
rule every form follows, content/base/input_rules.py), with one exception type, BodyRefused,
whose message is Indonesian and shown as it is. An architecture test keeps request.body and
json.loads of request data out of every other module.
"""

import json
import math

from content.base.input_rules import FORBIDDEN_CHARACTERS, MAX_DIGITS, ascii_int

MAX_BYTES = 4096
MAX_DEPTH = 8
MAX_ITEMS = 500
# Larger than any position, count or id a body carries; small enough to be exact as a float.
MAX_NUMBER = 10**MAX_DIGITS

UNREADABLE = "Permintaan tidak dapat dibaca."
TOO_LARGE = "Permintaan terlalu besar."


class BodyRefused(Exception):
    """A JSON body outside the limits. `message` is shown as it is; nothing was read."""

    def __init__(self, message=UNREADABLE):
        super().__init__(message)
        self.message = message


def json_body(request, *, max_bytes=MAX_BYTES, max_depth=MAX_DEPTH, max_items=MAX_ITEMS):
    """The request's JSON body as Python values, or BodyRefused."""
    declared = ascii_int(request.META.get("CONTENT_LENGTH") or "0", 0, MAX_NUMBER)
    if declared is None or declared > max_bytes:
        raise BodyRefused(TOO_LARGE)
    body = request.body
    if len(body) > max_bytes:
        raise BodyRefused(TOO_LARGE)
    return parse(body, max_depth=max_depth, max_items=max_items)


def parse(body, *, max_depth=MAX_DEPTH, max_items=MAX_ITEMS):
    """Bytes of JSON (strict UTF-8, no BOM) as Python values, or BodyRefused."""
    try:
        text = body.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        raise BodyRefused() from None
    if text.startswith("\ufeff"):
        raise BodyRefused()
    # Checked before json.loads recurses: its depth is the brackets' depth.
    if _depth(text) > max_depth:
        raise BodyRefused()
    counter = _Counter(max_items)
    try:
        value = json.loads(
            text,
            parse_constant=_refuse_constant,
            parse_int=_bounded_int,
            parse_float=_bounded_float,
            object_pairs_hook=counter.object,
        )
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise BodyRefused() from None
    counter.walk(value)
    return value


def _depth(text):
    """How deep the brackets of `text` nest, outside strings, in one pass."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name):
    raise ValueError(name)  # NaN, Infinity, -Infinity


def _bounded_int(text):
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise ValueError(text)
    return int(text)


def _bounded_float(text):
    if len(text) > 2 * MAX_DIGITS + 10:
        raise ValueError(text)
    number = float(text)
    if not math.isfinite(number) or abs(number) > MAX_NUMBER:
        raise ValueError(text)
    return number


class _Counter:
    """Refuses duplicate keys in an object, and more than `limit` keys and elements in all."""

    def __init__(self, limit):
        self.limit = limit
        self.items = 0

    def _count(self, amount):
        self.items += amount
        if self.items > self.limit:
            raise ValueError("too many items")

    def object(self, pairs):
        keys = [key for key, _ in pairs]
        if len(set(keys)) != len(keys):
            raise ValueError("duplicate key")
        if any(FORBIDDEN_CHARACTERS.search(key) for key in keys):
            raise ValueError("control character")
        self._count(len(pairs))
        return dict(pairs)

    def walk(self, value):
        """Counts array elements (objects were counted as they were read) and checks strings."""
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                self._refusing(self._count, len(item))
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, str) and FORBIDDEN_CHARACTERS.search(item):
                raise BodyRefused()

    @staticmethod
    def _refusing(check, *args):
        try:
            check(*args)
        except ValueError:
            raise BodyRefused() from None
