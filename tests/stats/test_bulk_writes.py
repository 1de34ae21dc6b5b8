"""Writes of many rows at once (imports, merges, regrouping) send no post_save; the figures and
the worker's refresh must hear of them all the same (content/base/changes.py)."""

import datetime

import pytest
from django_tasks_db.models import DBTaskResult

from content.base import page_cache
from content.people import importing as people_importing
from content.people import services as people_services
from content.people.models import User
from content.stats import cache as figure_cache
from content.training import importing as training_importing
from content.training import services as training_services
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.spreadsheets import participant_rows, xlsx_bytes
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}
COVERAGE = "/admin/statistik/laporan/opd/"
REFRESH = "content.stats.tasks.refresh_figures"
AGENCY = "Dinas Kesehatan"


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    return client


def _coverage_row(client, name):
    rows = client.get(COVERAGE, YEAR).context["object_list"]
    [row] = [row for row in rows if row.agency_name == name]
    return row


def test_an_imported_participant_list_counts_at_once(analyst):
    AgencyFactory(name=AGENCY)
    assert _coverage_row(analyst, AGENCY).registered == 0  # now cached

    preview = people_importing.preview_import(
        people_importing.read_table(xlsx_bytes(participant_rows(4, AGENCY)), "peserta.xlsx")
    )
    people_services.participants_import(preview=preview, by=None)

    assert _coverage_row(analyst, AGENCY).registered == 4


def test_an_imported_attendance_list_queues_the_workers_refresh(
    settings, sessions, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 3, 3))
    ParticipantFactory(nip="199001012015031002")
    sheet = xlsx_bytes([["199001012015031002", "", "", ""]], headers=["NIP", "NIK", "Email"])
    preview = training_importing.preview_attendance_import(
        session, training_importing.read_table(sheet, "hadir.xlsx")
    )

    with django_capture_on_commit_callbacks(execute=True):
        training_services.attendance_import(session=session, preview=preview, by=None)

    assert session.attendances.count() == 1
    assert DBTaskResult.objects.filter(task_path=REFRESH).count() == 1


def test_a_bulk_update_of_fields_no_figure_shows_changes_nothing():
    person = ParticipantFactory()
    generation = page_cache.current_generation(figure_cache.SCOPE)

    User.objects.filter(pk=person.pk).update(
        last_login=datetime.datetime(2026, 3, 3, tzinfo=datetime.UTC)
    )
    assert page_cache.current_generation(figure_cache.SCOPE) == generation

    User.objects.filter(pk=person.pk).update(full_name="Nama Baru")
    assert page_cache.current_generation(figure_cache.SCOPE) != generation
