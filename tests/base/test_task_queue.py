"""Services queue background work by name (content/base/task_queue.py), never by importing a
task module: inside an app, tasks come after services."""

import ast
import datetime
import importlib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django_tasks import task
from django_tasks.base import Task
from django_tasks_db.models import DBTaskResult

from content.base import task_queue

CONTENT = Path(__file__).resolve().parents[2] / "content"
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
RAN = []


@task()
def note_it(value):
    RAN.append(value)


@task()
def note_it_too(value):
    RAN.append(value)


@pytest.fixture
def registry(monkeypatch):
    """The real registry plus "tests.note_it", put back as it was afterwards."""
    monkeypatch.setattr(task_queue, "_registry", dict(task_queue._registry))
    task_queue.register("tests.note_it")(note_it)
    RAN.clear()
    yield
    RAN.clear()


def _task_modules():
    for path in sorted(CONTENT.glob("*/tasks.py")):
        yield path.parent.name, f"content.{path.parent.name}.tasks"


class TestRegisteredNames:
    def test_every_task_of_every_app_is_registered_as_app_dot_function(self):
        registered = {task.module_path: name for name, task in task_queue.registered().items()}
        expected = {}
        for app, module in _task_modules():
            tasks = vars(importlib.import_module(module))
            for attribute, value in tasks.items():
                if isinstance(value, Task) and value.module_path.startswith(module):
                    expected[value.module_path] = f"{app}.{attribute}"
        assert expected  # the task modules were found
        assert registered == expected

    def test_a_name_is_registered_once(self, registry):
        task_queue.register("tests.note_it")(note_it)  # the same task again: harmless
        with pytest.raises(ImproperlyConfigured, match="tests.note_it"):
            task_queue.register("tests.note_it")(note_it_too)
        assert task_queue.lookup("tests.note_it") is note_it


class TestUnknownName:
    def test_queueing_an_unknown_name_fails_at_once(self, registry):
        with pytest.raises(LookupError, match="quizzes.close_attempt"):
            task_queue.enqueue("quizzes.close_atempt", 1)

    @pytest.mark.django_db
    def test_queueing_an_unknown_name_on_commit_fails_in_the_caller(
        self, registry, django_capture_on_commit_callbacks
    ):
        with (
            django_capture_on_commit_callbacks(execute=True) as callbacks,
            pytest.raises(LookupError, match="tests.missing"),
        ):
            task_queue.enqueue_on_commit("tests.missing", 1)
        assert callbacks == []


class TestWithoutAWorker:
    """The immediate backend (no TASK_WORKER): work runs in the request, and cannot wait."""

    def test_it_runs_inline(self):
        assert task_queue.runs_inline()

    def test_work_for_now_runs_at_once(self, registry):
        result = task_queue.enqueue("tests.note_it", "now")
        assert RAN == ["now"]
        assert result.status == "SUCCESSFUL"

    def test_work_for_later_is_not_queued(self, registry):
        later = timezone.now() + datetime.timedelta(minutes=10)
        assert task_queue.enqueue("tests.note_it", "later", run_after=later) is None
        assert RAN == []

    @pytest.mark.django_db
    def test_work_on_commit_waits_for_the_commit(
        self, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            task_queue.enqueue_on_commit("tests.note_it", "committed")
            assert RAN == []
        assert RAN == ["committed"]

    @pytest.mark.django_db
    def test_work_on_commit_for_later_is_not_queued(
        self, registry, django_capture_on_commit_callbacks
    ):
        later = timezone.now() + datetime.timedelta(minutes=10)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            task_queue.enqueue_on_commit("tests.note_it", "later", run_after=later)
        assert len(callbacks) == 1
        assert RAN == []


@pytest.mark.django_db
class TestWithAWorker:
    """The database backend (TASK_WORKER on): work waits in the queue for the worker."""

    @pytest.fixture(autouse=True)
    def worker(self, settings):
        settings.TASKS = DB_TASKS

    def test_it_does_not_run_inline(self):
        assert not task_queue.runs_inline()

    def test_work_for_now_is_queued_for_the_worker(self, registry):
        result = task_queue.enqueue("tests.note_it", "now")
        assert result.task.run_after is None
        [queued] = DBTaskResult.objects.filter(task_path=note_it.module_path)
        assert queued.status == "READY"
        assert queued.args_kwargs["args"] == ["now"]
        assert RAN == []

    def test_work_for_later_is_queued_to_run_after_its_time(self, registry):
        later = timezone.now() + datetime.timedelta(minutes=10)
        result = task_queue.enqueue("tests.note_it", "later", run_after=later)
        assert result.task.run_after == later
        [queued] = DBTaskResult.objects.filter(task_path=note_it.module_path)
        assert queued.run_after == later
        assert RAN == []

    def test_work_on_commit_is_queued_by_the_commit(
        self, registry, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            task_queue.enqueue_on_commit("tests.note_it", "committed")
            assert not DBTaskResult.objects.filter(task_path=note_it.module_path).exists()
        assert DBTaskResult.objects.filter(task_path=note_it.module_path).count() == 1


def _imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_service_imports_a_task_module():
    """Not even inside a function: services queue by name. warming.py is what the statistics
    tasks call, so it counts as a service."""
    services = [*CONTENT.glob("*/services.py"), *CONTENT.glob("*/services/*.py")]
    services.append(CONTENT / "stats" / "warming.py")
    found = {
        str(path.relative_to(CONTENT)): module
        for path in services
        for module in _imported_modules(path)
        if module.split(".")[-1] == "tasks" and module.startswith("content.")
    }
    assert found == {}
