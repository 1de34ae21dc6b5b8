"""Background work of certificates: bulk issuing for a session (prepare, render in chunks so
several `db_worker` processes share it, finish) and emailing each certificate to its holder.
The work itself is in services/bulk.py."""

from django_tasks import task

from content.certificates.models import Certificate
from content.certificates.services import bulk


@task()
def prepare_bulk_issue(bulk_id):
    bulk.bulk_issue_prepare(bulk_id=bulk_id)


@task()
def render_bulk_chunk(bulk_id, certificate_ids):
    bulk.bulk_issue_render(bulk_id=bulk_id, certificate_ids=certificate_ids)


@task()
def email_certificate(certificate_id):
    certificate = Certificate.objects.select_related("participant").filter(pk=certificate_id)
    certificate = certificate.first()
    if certificate is not None:
        bulk.certificate_email(certificate=certificate)
