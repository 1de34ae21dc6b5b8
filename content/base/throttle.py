"""Counting requests per key in fixed windows, in the shared cache.

A small thing on purpose: django-ratelimit would do it, but its system checks refuse the
local-memory cache of development (an error) and warn about Django's own Redis backend, which
production uses, so `check --deploy` would not pass.

`hit` counts one key. `Counter` and `spend` count one request against several keys at once (a
client address, an identifier, an account), each with its own ceiling: the request passes only
when every counter has room, and a refused request is counted nowhere, so a client already over
its own ceiling cannot use up someone else's (an identifier's) by asking again.
"""

import math
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac


def clock():
    """The time every window is read from: one seam, so a test can hold it still and no
    window ends in the middle of a test that counts up to a ceiling."""
    return time.time()


@dataclass(frozen=True)
class Rate:
    """At most `limit` requests in each fixed window of `seconds`."""

    limit: int
    seconds: int


@dataclass(frozen=True)
class Counter:
    """One thing to count a request against: `key` (an address, an identifier, an account)
    within `scope`, at `rate`."""

    scope: str
    key: str
    rate: Rate

    def cache_key(self, now=None):
        # Keyed with SECRET_KEY: a plain hash of a NIP or an address could be reversed by
        # trying every value, so the cache would in effect hold them.
        window = int((clock() if now is None else now) // self.rate.seconds)
        digest = salted_hmac("lentera.throttle", f"{self.scope}:{self.key}").hexdigest()[:32]
        return f"throttle:{self.scope}:{window}:{digest}"

    def seconds_left(self, now=None):
        """Until this counter's window ends and it starts again from zero."""
        now = clock() if now is None else now
        return max(1, math.ceil(self.rate.seconds - now % self.rate.seconds))


def _increment(cache_key, seconds):
    cache.add(cache_key, 0, timeout=seconds)
    try:
        return cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        return 1


def hit(scope, key, *, limit, seconds):
    """Count one request for `key` in `scope`; True while the window's count is within
    `limit`. Keys are hashed with the secret key: the cache never holds an address or an
    email."""
    counter = Counter(scope, str(key), Rate(limit, seconds))
    return _increment(counter.cache_key(), seconds) <= limit


def spend(counters):
    """Count one request against every counter, or against none.

    Returns None when the request may go ahead (it is now counted everywhere), or the counter
    that refused it. Counters already at their ceiling refuse before anything is counted; two
    requests racing past that check are caught by the increments themselves, so a ceiling is
    never exceeded by more than the requests in flight being refused.
    """
    counters = list(counters)
    now = clock()
    keys = [counter.cache_key(now) for counter in counters]
    stored = cache.get_many(keys)
    for counter, key in zip(counters, keys, strict=True):
        if stored.get(key, 0) >= counter.rate.limit:
            return counter
    refused = None
    for counter, key in zip(counters, keys, strict=True):
        if _increment(key, counter.rate.seconds) > counter.rate.limit and refused is None:
            refused = counter
    return refused


def mark_throttled(response, counter):
    """Make `response` a 429 Too Many Requests that says when to come back."""
    response.status_code = 429
    response["Retry-After"] = str(counter.seconds_left())
    return response
