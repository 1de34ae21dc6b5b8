"""A cache backend for entries keyed on a generation (generations.py): each process keeps its
own copy of what it read from the shared cache, so a page or lookup it already knows costs no
round trip to Redis.

Only keys that hold a generation number may go through it (the page cache's copies, the routing
lookups, the `{% cache %}` fragments keyed on `page_generation`): such an entry never changes
under its key, and the request's one read of the generations (generations.read_for_request)
proves whether the key is still the current one. A copy can therefore never be served after its
generation moved on, in this process or any other.

The process's copy is Django's own local-memory cache (LRU with a bounded number of entries,
pickled, so every reader gets its own object to change); the shared copy is the `SHARED` alias
(Redis as deployed). Each shared entry carries the moment it expires, so a copy taken from it
expires with it (a page that is fresh until a session starts must not outlive that moment).

    CACHES["pages"] = {
        "BACKEND": "content.base.local_first.LocalFirstCache",
        "OPTIONS": {"SHARED": "default", "MAX_ENTRIES": 2000},
    }
"""

import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.locmem import LocMemCache

_MISSING = object()
_PREFIX = "local-first:"


class LocalFirstCache(BaseCache):
    def __init__(self, name, params):
        params = dict(params)
        options = dict(params.pop("OPTIONS", None) or {})
        self._shared_alias = options.pop("SHARED", "default")
        super().__init__(params)
        # LocMemCache keeps its entries per name, process-wide: every thread's instance of this
        # alias shares them.
        self.local = LocMemCache(
            f"local-first-{name}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": options},
        )

    @property
    def shared(self):
        return caches[self._shared_alias]

    def _seconds(self, timeout):
        """Seconds to keep an entry (None: for ever); Django's convention for `timeout`."""
        return self.default_timeout if timeout is DEFAULT_TIMEOUT else timeout

    def _keep(self, key, wrapped):
        """Keep the shared entry (expires_at, value) in the process until it expires."""
        expires_at, value = wrapped
        remaining = None if expires_at is None else expires_at - time.time()
        if remaining is None or remaining > 0:
            self.local.set(key, value, remaining)
            return True
        return False

    def get(self, key, default=None, version=None):
        value = self.local.get(key, _MISSING, version)
        if value is not _MISSING:
            return value
        wrapped = self.shared.get(_PREFIX + key, version=version)
        if wrapped is None or not self._keep(key, wrapped):
            return default
        return wrapped[1]

    def get_many(self, keys, version=None):
        found = self.local.get_many(keys, version)
        missing = [key for key in keys if key not in found]
        if missing:
            shared = self.shared.get_many([_PREFIX + key for key in missing], version=version)
            for key in missing:
                wrapped = shared.get(_PREFIX + key)
                if wrapped is not None and self._keep(key, wrapped):
                    found[key] = wrapped[1]
        return found

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        timeout = self._seconds(timeout)
        if timeout is not None and timeout <= 0:
            return
        expires_at = None if timeout is None else time.time() + timeout
        self.shared.set(_PREFIX + key, (expires_at, value), timeout, version=version)
        self.local.set(key, value, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        timeout = self._seconds(timeout)
        if timeout is not None and timeout <= 0:
            return False
        expires_at = None if timeout is None else time.time() + timeout
        if self.shared.add(_PREFIX + key, (expires_at, value), timeout, version=version):
            self.local.set(key, value, timeout, version)
            return True
        return False

    def delete(self, key, version=None):
        self.local.delete(key, version)
        return self.shared.delete(_PREFIX + key, version=version)

    def has_key(self, key, version=None):
        return self.get(key, _MISSING, version) is not _MISSING

    def clear(self):
        """Forgets this process's copies; the shared entries go with the shared cache's clear."""
        self.local.clear()
