"""Background work of the shared building blocks: spreadsheet imports."""

from django_tasks import task

from content.base import import_jobs, task_queue
from content.base.models import ImportJob


@task_queue.register("base.check_import")
@task()
def check_import(job_id):
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.CHECKING).first()
    if job is not None:
        import_jobs.job_check(job=job)


@task_queue.register("base.apply_import")
@task()
def apply_import(job_id):
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.APPLYING).first()
    if job is not None:
        import_jobs.job_apply(job=job)
