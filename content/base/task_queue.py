"""How services queue background work without importing the task modules.

Inside an app, tasks come after services (a task is a thin wrapper that calls a service), so a
service cannot import its app's `tasks.py` to queue one. Each task module registers its tasks
here under a name, "<app>.<task function>", and each app's AppConfig.ready() imports its task
module, so every name is known before the first request or worker loop:

    # content/quizzes/tasks.py
    @task_queue.register("quizzes.close_attempt")
    @task()
    def close_attempt(attempt_id): ...

    # content/quizzes/services/attempts.py
    task_queue.enqueue_on_commit("quizzes.close_attempt", attempt.pk, run_after=deadline)

A name nobody registered fails at once, where it is queued (LookupError), never silently.

Work asked to run later (`run_after`) needs a backend that can defer: the immediate backend,
used without a task worker, cannot, and such work is then not queued at all (enqueue returns
None). Every caller that asks for later work has its fallback: an attempt past its deadline is
closed on the participant's next visit or by `manage.py close_expired_attempts`; the statistics
are computed by the first view after a change.

The task worker (db_worker) still finds a task by its module path (content.<app>.tasks.<name>),
so queued work survives this indirection and a rename of the registered name.
"""

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend

_registry = {}


def register(name):
    """Decorator for a module-level task (above `@task()`): make it known under `name`."""

    def registered(task):
        known = _registry.get(name)
        if known is not None and known.module_path != task.module_path:
            raise ImproperlyConfigured(
                f"Task name {name!r} is taken by {known.module_path}, not {task.module_path}"
            )
        _registry[name] = task
        return task

    return registered


def lookup(name):
    """The task registered under `name`; LookupError, naming the known ones, if none is."""
    try:
        return _registry[name]
    except KeyError:
        known = ", ".join(sorted(_registry)) or "none"
        raise LookupError(
            f"No background task is registered as {name!r} (known: {known})"
        ) from None


def registered():
    """{name: task} of every registered task."""
    return dict(_registry)


def runs_inline():
    """True when tasks run inside the request that enqueues them (no TASK_WORKER)."""
    return isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)


def enqueue(name, *args, run_after=None):
    """Queue the task registered as `name` with `args`, now or to run after `run_after`. The
    TaskResult, or None for later work that the backend cannot defer (see the module's
    docstring)."""
    task = lookup(name)
    if run_after is None:
        return task.enqueue(*args)
    if not task.get_backend().supports_defer:
        return None
    return task.using(run_after=run_after).enqueue(*args)


def enqueue_on_commit(name, *args, run_after=None):
    """enqueue() once the current transaction commits (at once outside one), so the worker
    never reads a row that is not there yet, and a rolled-back change queues nothing. The name
    is looked up now: an unknown one fails here, in the caller."""
    lookup(name)
    transaction.on_commit(lambda: enqueue(name, *args, run_after=run_after))
