"""Background work: closing attempts whose time ran out, at the moment it runs out (queued by
services.attempt_start through base/task_queue.py)."""

from django_tasks import task

from content.base import task_queue
from content.quizzes import services
from content.quizzes.models import Attempt


@task_queue.register("quizzes.close_attempt")
@task()
def close_attempt(attempt_id):
    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is not None:
        services.attempt_close(attempt=attempt)
