"""Background work of the report desk; the services queue these by name (base/task_queue.py)."""

from django_tasks import task

from content.base import task_queue
from content.reports.services import fact_checks, notices
from content.reports.services.retention import contacts_erase_expired


@task_queue.register("reports.send_tracking_code")
@task()
def send_tracking_code(report_id, code):
    notices.tracking_code_send(report_id=report_id, code=code)


@task_queue.register("reports.send_fact_check_published")
@task()
def send_fact_check_published(report_id, page_id):
    fact_checks.fact_check_notice_send(report_id=report_id, page_id=page_id)


@task_queue.register("reports.erase_expired_contacts")
@task()
def erase_expired_contacts():
    """The scheduled retention job (also `manage.py erase_expired_contacts`): reporters'
    contacts erased once their case has been closed for REPORT_CONTACT_RETENTION_DAYS.
    Idempotent, so a schedule may run it as often as it likes."""
    return contacts_erase_expired()
