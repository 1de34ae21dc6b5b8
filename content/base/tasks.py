"""Background work of the shared building blocks: spreadsheet imports, and whether there is a
worker at all."""

from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from content.base import import_jobs
from content.base.models import ImportJob


def runs_inline():
    """True when tasks run inside the request that enqueues them (no TASK_WORKER)."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


@task()
def check_import(job_id):
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.CHECKING).first()
    if job is not None:
        import_jobs.job_check(job=job)


@task()
def apply_import(job_id):
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.APPLYING).first()
    if job is not None:
        import_jobs.job_apply(job=job)
