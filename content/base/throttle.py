"""Counting requests per key in fixed windows, in the shared cache.

A small thing on purpose: django-ratelimit would do it, but its system checks refuse the
local-memory cache of development (an error) and warn about Django's own Redis backend, which
production uses, so `check --deploy` would not pass.
"""

import hashlib
import time

from django.core.cache import cache


def hit(scope, key, *, limit, seconds):
    """Count one request for `key` in `scope`; True while the window's count is within
    `limit`. Keys are hashed: the cache never holds an address or an email."""
    window = int(time.time() // seconds)
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"throttle:{scope}:{window}:{digest}"
    cache.add(cache_key, 0, timeout=seconds)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=seconds)
        count = 1
    return count <= limit
