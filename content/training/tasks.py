"""Background work: emails go out after the registration is committed, off the request. The
services queue it by name (base/task_queue.py); the email itself is services.registrations'."""

from django_tasks import task

from content.base import task_queue
from content.training import services


@task_queue.register("training.send_registration_email")
@task()
def send_registration_email(registration_id):
    services.registration_email_send(registration_id=registration_id)
