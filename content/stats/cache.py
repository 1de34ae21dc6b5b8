"""Figures computed once per filter and kept until the data changes, so the dashboard does not
scan years of attendance on every request.

A cached figure's key holds the *stats* generation of the page cache's counters
(content/base/page_cache.py), which every save or delete of the records behind the figures
bumps (registered in apps.py), and the highest attendance id, which catches the attendance
import's bulk insert that sends no signals. A new check-in therefore shows at once; an
unchanged data set is read from the cache (Redis when REDIS_URL is set)."""

import hashlib

from django.core.cache import cache
from django.db.models import Max

from content.base import page_cache
from content.training.models import Attendance

SCOPE = "stats"
# Even unchanged, a figure is computed again after a day (the clock moves "this year").
TIMEOUT = 60 * 60 * 24


def _data_version():
    latest = Attendance.objects.aggregate(latest=Max("pk"))["latest"] or 0
    return f"{page_cache.current_generation(SCOPE)}.{latest}"


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
