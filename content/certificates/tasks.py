"""Background work of certificates: bulk issuing for a session (prepare, render in chunks so
several `db_worker` processes share it, finish) and emailing each certificate to its holder.
The work itself is in services/bulk.py, which queues these by name (base/task_queue.py)."""

from django_tasks import task

from content.base import task_queue
from content.certificates.models import Certificate
from content.certificates.services import bulk


@task_queue.register("certificates.prepare_bulk_issue")
@task()
def prepare_bulk_issue(bulk_id):
    bulk.bulk_issue_prepare(bulk_id=bulk_id)


@task_queue.register("certificates.render_bulk_chunk")
@task()
def render_bulk_chunk(bulk_id, certificate_ids):
    bulk.bulk_issue_render(bulk_id=bulk_id, certificate_ids=certificate_ids)


@task_queue.register("certificates.email_certificate")
@task()
def email_certificate(certificate_id):
    certificate = Certificate.objects.select_related("participant").filter(pk=certificate_id)
    certificate = certificate.first()
    if certificate is not None:
        bulk.certificate_email(certificate=certificate)
