"""The generation numbers every cached page and cached lookup is keyed under (page_cache.py,
reader_cache.py, routing.py, the `{% cache %}` fragments).

A generation is a counter in the shared cache. Bumping it makes everything stored under the
previous number stale at once, in every process, with no need to find what a change touched;
stale entries simply expire. A *scope* is a second counter for figures that change often (seats
taken, open quizzes, statistics): only the copies that said they depend on it go stale.
"""

from django.core.cache import cache

_GENERATION_KEY = "page-cache:generation"


def generation_key(scope=None):
    return f"{_GENERATION_KEY}:{scope}" if scope else _GENERATION_KEY


def current_generation(scope=None):
    key = generation_key(scope)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, 1, timeout=None)
        generation = cache.get(key, 1)
    return generation


def invalidate(scope=None, **kwargs):
    """Bump a generation: every cached page (or every page depending on `scope`) is stale."""
    key = generation_key(scope)
    try:
        cache.incr(key)
    except ValueError:
        cache.add(key, 2, timeout=None)


def still_fresh(scopes):
    """Whether the scopes' generations are still the ones noted ({scope: generation})."""
    if not scopes:
        return True
    keys = {generation_key(scope): generation for scope, generation in scopes.items()}
    return cache.get_many(list(keys)) == keys
