"""Keep the figures analysts open warm: after the data behind them changes, the task worker
computes them again, so the next view reads them from the cache instead of scanning years of
attendance while the analyst waits.

What is computed again: this year's dashboard (which the admin home's summary shares) and the
dashboard and reports as analysts opened them lately, with their filters (cache.remember). A
burst of writes (a hall checking in) is one refresh: the first write queues it REFRESH_DELAY
ahead and later ones find it queued. At most cache.REMEMBER_AT_MOST views are computed again
(each a few seconds on a million attendances), so the worker is never busy for long. Without a
task worker nothing is queued and the first view after a change computes the figures, as it
always did.
"""

import datetime
import logging

from django.core.cache import cache
from django.http import QueryDict
from django.utils import timezone

from content.base import task_queue
from content.base.generations import invalidate
from content.stats.cache import remembered
from content.stats.models import SUMMARY_SCOPE

logger = logging.getLogger(__name__)

QUEUED_KEY = "stats:refresh-queued"
REFRESH_DELAY = datetime.timedelta(seconds=60)
# A refresh that never ran (the worker was down) stops blocking new ones after this.
QUEUED_FOR_AT_MOST = 10 * 60


# {view name: function(QueryDict of filters)}, under the names cache.remember() notes. The
# screens that show the figures register here (registered from above: this module is below
# them); StatsConfig.ready() imports those screens, so the task worker knows them too.
_warmers = {}
# The views computed at every refresh even if nobody opened them lately (this year's dashboard).
_always = []


def register(view_name, warm, *, always=False):
    """A screen's figures to compute again after a change: `warm(QueryDict)` computes (or reads)
    them as a request with those filters would."""
    _warmers[view_name] = warm
    if always and view_name not in _always:
        _always.append(view_name)


def refresh(*, views=None):
    """Compute again this year's dashboard and what analysts opened lately (only the screens
    named in `views`, if given: a new literacy run changes nothing else). Returns how many
    views were computed; one that fails is logged and the others still run."""
    if views is None:
        cache.delete(QUEUED_KEY)
    done, seen = 0, set()
    for view_name, data in [*((name, QueryDict()) for name in _always), *remembered()]:
        key = (view_name, data.urlencode())
        if view_name not in _warmers or key in seen or (views and view_name not in views):
            continue
        seen.add(key)
        try:
            _warmers[view_name](data)
        except Exception:
            logger.exception("Computing the statistics of %s again failed", view_name)
            continue
        done += 1
    return done


def schedule_refresh(**kwargs):
    """After a write (a signal receiver; runs once the transaction commits): queue a refresh,
    unless one is already queued or there is no worker to run it. First, the summary tables
    stop counting as current (models/summary.py): the write has committed, and a rebuild that
    began before this moment may not hold it."""
    invalidate(SUMMARY_SCOPE)
    if task_queue.runs_inline():
        return
    if cache.add(QUEUED_KEY, True, QUEUED_FOR_AT_MOST):
        task_queue.enqueue("stats.refresh_figures", run_after=timezone.now() + REFRESH_DELAY)
