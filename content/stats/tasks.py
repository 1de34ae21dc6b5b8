"""Background work of the statistics: computing the figures again after the data changes."""

from django_tasks import task

from content.stats import warming


@task()
def refresh_figures():
    return warming.refresh()
