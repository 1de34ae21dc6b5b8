"""Background work of the report desk; the services queue these by name (base/task_queue.py)."""

from django_tasks import task

from content.base import task_queue
from content.reports.services import fact_checks, notices


@task_queue.register("reports.send_tracking_code")
@task()
def send_tracking_code(report_id, code):
    notices.tracking_code_send(report_id=report_id, code=code)


@task_queue.register("reports.send_fact_check_published")
@task()
def send_fact_check_published(report_id, page_id):
    fact_checks.fact_check_notice_send(report_id=report_id, page_id=page_id)
