"""Background work of the statistics: computing the figures again after the data changes, and
publishing the open data releases that are due. warming.py queues the refresh by name
(base/task_queue.py)."""

import datetime

from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from content.base import task_queue
from content.stats import services, warming
from content.stats.models import summary_is_current
from content.stats.services.literacy import RunInProgress


@task_queue.register("stats.refresh_figures")
@task()
def refresh_figures():
    return refresh()


def refresh():
    """What the worker runs after writes: the summary tables rebuilt (unless still current),
    then the figures analysts opened computed again from them. Returns the views computed."""
    if not summary_is_current():
        services.summary_rebuild()
    return warming.refresh()


@task_queue.register("stats.publish_open_data")
@task()
def publish_open_data():
    """The scheduled open data job (also `manage.py publish_open_data`): every closed period
    without a release gets one. Idempotent, so a schedule may run it as often as it likes."""
    return [release.slug for release in services.open_data_publish_due()]


@task_queue.register("stats.calibrate_literacy")
@task()
def calibrate_literacy():
    """The literacy index computed again (content/stats/services/literacy.py), queued a while
    after answers, self-assessment ratings or questions' pillars change
    (schedule_literacy_calibration) and by `manage.py calibrate_literacy` from cron. A run
    already under way makes this one a no-op: it will read the same records."""
    # The queued flag is cleared first: a change made during this run queues the next one.
    cache.delete(LITERACY_QUEUED_KEY)
    try:
        run = services.literacy_calibrate()
    except RunInProgress:
        return None
    # The index screens as analysts opened them lately, drawn from the new run now.
    warming.refresh(views={"stats_literacy"})
    return run.pk


LITERACY_QUEUED_KEY = "stats:literacy-calibration-queued"
# Changes come in bursts (a session's post-test, an import): one run after the burst.
LITERACY_DELAY = datetime.timedelta(minutes=10)


def schedule_literacy_calibration(**kwargs):
    """After a write (a signal receiver; runs once the transaction commits): queue the
    calibration 10 minutes on, unless one is queued already or there is no worker (tasks that
    run inline would compute it inside the request that wrote)."""
    if task_queue.runs_inline():
        return
    if cache.add(LITERACY_QUEUED_KEY, True, LITERACY_DELAY.total_seconds() * 2):
        task_queue.enqueue("stats.calibrate_literacy", run_after=timezone.now() + LITERACY_DELAY)
