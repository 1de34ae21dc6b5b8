"""Background work: closing attempts whose time ran out, at the moment it runs out."""

from django_tasks import default_task_backend, task

from content.quizzes import rules, services
from content.quizzes.models import Attempt


@task()
def close_attempt(attempt_id):
    attempt = Attempt.objects.filter(pk=attempt_id).first()
    if attempt is not None:
        services.attempt_close(attempt=attempt)


def schedule_close(attempt):
    """Ask the worker to close the attempt just after its deadline. Backends that cannot defer
    (the immediate one, without a worker) skip this: the attempt is then closed on the
    participant's next visit, or by `manage.py close_expired_attempts`."""
    if default_task_backend.supports_defer:
        close_attempt.using(run_after=attempt.deadline + rules.GRACE).enqueue(attempt.pk)
