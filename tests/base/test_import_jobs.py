"""Imports run as jobs in the task worker; their files do not outlive them."""

import datetime
import io
import threading

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from content.base import import_jobs
from content.base.models import ImportJob
from content.people.admin_views import participant_import
from content.people.models import Participant
from tests.factories.people import AgencyFactory
from tests.factories.spreadsheets import participant_rows, xlsx_bytes
from tests.factories.users import UserFactory

AGENCY = "Dinas Komunikasi dan Informatika"


def _checked_job(user, rows=3):
    upload = SimpleUploadedFile("peserta.xlsx", xlsx_bytes(participant_rows(rows, AGENCY)))
    job = import_jobs.job_start(flow=participant_import, upload=upload, options={}, user=user)
    return import_jobs.job_check(job=job)


@pytest.mark.django_db
class TestAbandonedFiles:
    def test_a_file_nobody_confirmed_in_an_hour_is_deleted(self):
        AgencyFactory(name=AGENCY)
        organizer = UserFactory(groups=["Organizer"])
        old, fresh = _checked_job(organizer), _checked_job(organizer)
        stored = old.file
        ImportJob.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=2)
        )

        out = io.StringIO()
        call_command("clean_imports", stdout=out)

        old.refresh_from_db()
        fresh.refresh_from_db()
        assert (old.status, old.file) == ("expired", "")
        assert not default_storage.exists(stored)
        assert fresh.file and default_storage.exists(fresh.file)
        assert out.getvalue().startswith("1 berkas")

    def test_every_new_upload_cleans_up_too(self):
        AgencyFactory(name=AGENCY)
        organizer = UserFactory(groups=["Organizer"])
        old = _checked_job(organizer)
        ImportJob.objects.filter(pk=old.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=2)
        )
        _checked_job(organizer)
        old.refresh_from_db()
        assert old.file == ""


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_worker_checks_and_applies_while_the_page_shows_progress(client, settings, tmp_path):
    AgencyFactory(name=AGENCY)
    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
    upload = io.BytesIO(xlsx_bytes(participant_rows(4, AGENCY)))
    upload.name = "peserta.xlsx"
    job_url = client.post("/admin/peserta-impor/", {"file": upload})["Location"]

    waiting = client.get(job_url).content.decode()
    assert 'http-equiv="refresh"' in waiting and "Sedang diperiksa" in waiting

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)
    assert "4 peserta baru" in client.get(job_url).content.decode()

    client.post(job_url + "konfirmasi/")
    assert "Sedang diimpor" in client.get(job_url).content.decode()
    assert not Participant.objects.exists()
    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)
    assert Participant.objects.count() == 4
    assert ImportJob.objects.get().status == "done"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_confirmations_at_once_start_one_import():
    AgencyFactory(name=AGENCY)
    organizer = UserFactory(groups=["Organizer"])
    job = _checked_job(organizer)
    barrier = threading.Barrier(2)
    outcomes = []

    def confirm():
        try:
            barrier.wait()
            import_jobs.job_confirm(job=ImportJob.objects.get(pk=job.pk), user=organizer)
            outcomes.append("started")
        except import_jobs.NotAllowed:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=confirm) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "started"]
