"""The generation numbers every cached page and cached lookup is keyed under (page_cache.py,
reader_cache.py, routing.py, the `{% cache %}` fragments).

A generation is a counter in the shared cache. Bumping it makes everything stored under the
previous number stale at once, in every process, with no need to find what a change touched;
stale entries simply expire. A *scope* is a second counter for figures that change often (seats
taken, open quizzes, statistics): only the copies that said they depend on it go stale.

One read per request: `read_for_request()` (the page cache middleware, at the top of the
request) reads the main counter and every scope counter this process has heard of in ONE
`get_many` (one Redis MGET) and keeps them for the rest of the request, where
`current_generation()` answers from them. That read is what proves the process's own copies
fresh (local_first.py): they are keyed on these numbers. A bump made by the request itself is
kept too (`invalidate` stores the counter's new value), so the request sees its own writes.

A counter that is missing (a new cache, or Redis restarted empty) starts at the clock in
microseconds, never at 1: a process may still hold copies keyed on the numbers before the
restart, and a counter that started again at 1 would find them again.
"""

import contextvars
import time

from django.core.cache import cache

_GENERATION_KEY = "page-cache:generation"
# The scopes this process has heard of (registered or read once): read with the main counter.
_known_scopes = set()
# {generation key: number} read at the top of the current request; None outside one.
_request_generations = contextvars.ContextVar("request_generations", default=None)
# {key: value or None} read in the same round trip (the request's session); None outside one.
_request_extra = contextvars.ContextVar("request_extra", default=None)


def generation_key(scope=None):
    return f"{_GENERATION_KEY}:{scope}" if scope else _GENERATION_KEY


def register_scope(scope):
    """`scope` is read with the main counter at the top of every request from now on."""
    if scope:
        _known_scopes.add(scope)


def _fresh_start():
    return time.time_ns() // 1000


def _read(keys):
    """{key: number} for `keys`, in one round trip unless some are missing (then created)."""
    found = cache.get_many(keys)
    for key in keys:
        if found.get(key) is None:
            cache.add(key, _fresh_start(), timeout=None)
            found[key] = cache.get(key, 1)
    return found


def read_for_request(also=()):
    """Read every generation this process knows (one round trip) and keep them for the rest of
    the request; returns the token `end_request` takes. The keys `also` (the request's session:
    sessions.py) are read in the same round trip, for `read_with_generations`."""
    keys = [generation_key()] + [generation_key(scope) for scope in sorted(_known_scopes)]
    found = cache.get_many(keys + list(also))
    extra = {key: found.pop(key, None) for key in also}
    missing = [key for key in keys if found.get(key) is None]
    if missing:
        found.update(_read(missing))
    return _request_generations.set(found), _request_extra.set(extra)


def read_with_generations(key):
    """(True, value) when `key` was read with the request's generations (value None when it
    was missing), (False, None) when it was not."""
    extra = _request_extra.get()
    if extra is None or key not in extra:
        return False, None
    return True, extra[key]


def end_request(token):
    generations_token, extra_token = token
    _request_generations.reset(generations_token)
    _request_extra.reset(extra_token)


def current_generation(scope=None):
    register_scope(scope)
    key = generation_key(scope)
    known = _request_generations.get()
    if known is not None and key in known:
        return known[key]
    generation = _read([key])[key]
    if known is not None:
        known[key] = generation
    return generation


def invalidate(scope=None, **kwargs):
    """Bump a generation: every cached page (or every page depending on `scope`) is stale."""
    register_scope(scope)
    key = generation_key(scope)
    try:
        generation = cache.incr(key)
    except ValueError:
        generation = _fresh_start()
        if not cache.add(key, generation, timeout=None):
            generation = cache.incr(key)
    known = _request_generations.get()
    if known is not None:
        known[key] = generation


def still_fresh(scopes):
    """Whether the scopes' generations are still the ones noted ({scope: generation}): from the
    request's read when it has them all, else in one more round trip."""
    if not scopes:
        return True
    keys = {generation_key(scope): number for scope, number in scopes.items()}
    known = _request_generations.get()
    missing = [key for key in keys if known is None or key not in known]
    found = _read(missing) if missing else {}
    for scope in scopes:
        register_scope(scope)
    if known is not None:
        known.update(found)
        found = known
    return all(found[key] == number for key, number in keys.items())
