"""Background work of the statistics: computing the figures again after the data changes, and
publishing the open data releases that are due. warming.py queues the refresh by name
(base/task_queue.py)."""

from django_tasks import task

from content.base import task_queue
from content.stats import services, warming


@task_queue.register("stats.refresh_figures")
@task()
def refresh_figures():
    return warming.refresh()


@task_queue.register("stats.publish_open_data")
@task()
def publish_open_data():
    """The scheduled open data job (also `manage.py publish_open_data`): every closed period
    without a release gets one. Idempotent, so a schedule may run it as often as it likes."""
    return [release.slug for release in services.open_data_publish_due()]
