"""Background work of the statistics: computing the figures again after the data changes, and
publishing the open data releases that are due."""

from django_tasks import task

from content.stats import services, warming


@task()
def refresh_figures():
    return warming.refresh()


@task()
def publish_open_data():
    """The scheduled open data job (also `manage.py publish_open_data`): every closed period
    without a release gets one. Idempotent, so a schedule may run it as often as it likes."""
    return [release.slug for release in services.open_data_publish_due()]
