"""Figures computed once per filter and kept until the data changes, so the dashboard does not
scan years of attendance on every request.

A cached figure's key holds the *stats* generation of the page cache's counters
(content/base/page_cache.py), which every write of the records behind the figures bumps
(registered in apps.py): saves and deletes, and bulk writes such as an imported attendance list
(content/base/changes.py). A new check-in therefore shows at once; an unchanged data set is read
from the cache (Redis when REDIS_URL is set) without a query."""

import hashlib
import time

from django.core.cache import cache
from django.http import QueryDict

from content.base import page_cache
from content.stats.models import summary_generation

SCOPE = "stats"
# Even unchanged, a figure is computed again after a day (the clock moves "this year").
TIMEOUT = 60 * 60 * 24
# What analysts opened (view and filters), so the task worker can compute it again after the
# data changes (warming.py): the latest few, for two weeks.
ASKED_KEY = "stats:asked"
REMEMBER_AT_MOST = 12
REMEMBER_SECONDS = 60 * 60 * 24 * 14


def _data_version():
    """The stats generation (bumped as a write happens) and the summary tables' (bumped once
    it has committed): a figure computed in between from the tables is not kept past that."""
    return f"{page_cache.current_generation(SCOPE)}.{summary_generation()}"


def _filter_key(stats_filter):
    parts = (
        stats_filter.start,
        stats_filter.end,
        stats_filter.agency.pk if stats_filter.agency else None,
        stats_filter.group,
        stats_filter.topic.pk if stats_filter.topic else None,
        stats_filter.session.pk if stats_filter.session else None,
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


class FigureCache:
    """One request's view of the cache: the data version is read once, then each figure."""

    def __init__(self, stats_filter):
        self.prefix = f"stats:{_data_version()}:{_filter_key(stats_filter)}"

    def get(self, name, compute):
        return cache.get_or_set(f"{self.prefix}:{name}", compute, TIMEOUT)


def remember(view_name, form):
    """Note that `view_name` was opened with `form`'s filters (only the form's own fields: not
    the export or page parameters). Best effort: two requests at once may keep only one.
    Filters the form refused are not worth computing again: they are not remembered."""
    if not form.is_valid():
        return
    params = {name: form.data.getlist(name) for name in form.fields if name in form.data}
    key = f"{view_name}?{sorted(params.items())}"
    asked = cache.get(ASKED_KEY) or {}
    asked[key] = (view_name, params, time.time())
    newest = sorted(asked.items(), key=lambda item: item[1][2], reverse=True)
    cache.set(ASKED_KEY, dict(newest[:REMEMBER_AT_MOST]), REMEMBER_SECONDS)


def remembered():
    """[(view name, QueryDict of its filters)] opened lately, the most recent first."""
    cutoff = time.time() - REMEMBER_SECONDS
    asked = sorted((cache.get(ASKED_KEY) or {}).values(), key=lambda entry: entry[2], reverse=True)
    found = []
    for view_name, params, asked_at in asked:
        if asked_at >= cutoff:
            data = QueryDict(mutable=True)
            for name, values in params.items():
                data.setlist(name, values)
            found.append((view_name, data))
    return found
