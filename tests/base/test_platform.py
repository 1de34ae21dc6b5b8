"""The parts later features rely on: PDF rendering and the task worker."""

import io

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks import task
from django_tasks.base import TaskResultStatus
from pypdf import PdfReader


@task()
def add_numbers(a, b):
    return a + b


class TestPdfRendering:
    def test_weasyprint_renders_indonesian_text_into_a_real_pdf(self):
        from weasyprint import HTML

        pdf = HTML(
            string="<h1>Sertifikat</h1><p>Diberikan kepada Siti Aminah, S.Kom.</p>"
        ).write_pdf()

        assert pdf.startswith(b"%PDF-")
        text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert "Sertifikat" in text
        assert "Siti Aminah, S.Kom." in text


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
class TestDatabaseTaskWorker:
    @override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
    def test_queued_task_waits_for_the_worker_then_succeeds(self):
        result = add_numbers.enqueue(2, 3)
        result.refresh()
        assert result.status == TaskResultStatus.READY

        call_command("db_worker", batch=True, no_startup_delay=True, reload=False)

        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == 5
