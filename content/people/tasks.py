"""Background work for accounts: emails go out after the change is committed, off the request.
What each email says and to whom is in services/emails.py; the services queue these tasks by
name (base/task_queue.py), the views directly."""

from django_tasks import task

from content.base import task_queue
from content.people.services import emails


@task_queue.register("people.send_identity_change_notice")
@task()
def send_identity_change_notice(address, change_ids):
    emails.identity_change_notice_send(address=address, change_ids=change_ids)


@task_queue.register("people.send_identity_confirmation")
@task()
def send_identity_confirmation(pending_id, side):
    emails.identity_confirmation_send(pending_id=pending_id, side=side)


@task_queue.register("people.send_merge_confirmation")
@task()
def send_merge_confirmation(request_id, side):
    emails.merge_confirmation_send(request_id=request_id, side=side)


@task_queue.register("people.send_signup_attempt_notice")
@task()
def send_signup_attempt_notice(user_id, kinds, *_queued_before):
    """Tasks queued before carried the request's Host and its scheme as further arguments, now
    ignored."""
    emails.signup_attempt_notice_send(user_id=user_id, kinds=kinds)


@task_queue.register("people.send_password_reset")
@task()
def send_password_reset(email, *_queued_before):
    """Tasks queued before carried the request's Host and scheme as further arguments, now
    ignored."""
    emails.password_reset_send(email=email)
