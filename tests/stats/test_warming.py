"""After the data changes, the task worker computes again what analysts opened, so their next
view reads the cache instead of scanning the records; a burst of writes queues one refresh."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from content.base import page_cache
from content.stats import cache as figure_cache
from content.stats import tasks, warming
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}
RECORD_TABLES = ("training_attendance", "training_registration", "quizzes_attempt")
DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
REFRESH = "content.stats.tasks.refresh_figures"
LOGIN = "/akun/masuk/"


@pytest.fixture
def data(sessions):
    dinas = AgencyFactory(name="Dinas Kesehatan")
    march = SessionPageFactory(parent=sessions, slug="maret", date=datetime.date(2026, 3, 3))
    people = [ParticipantFactory(agency=dinas) for _ in range(3)]
    mark_attendance(march, people[0])
    return {"dinas": dinas, "march": march, "people": people}


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    return client


def _scans(client, path, params):
    """(response, the queries that read the records behind the figures)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, params)
    assert response.status_code == 200
    scans = [
        query["sql"] for query in queries if any(table in query["sql"] for table in RECORD_TABLES)
    ]
    return response, scans


def test_the_worker_computes_again_what_analysts_opened(analyst, data):
    by_agency = {**YEAR, "agency": data["dinas"].pk}
    analyst.get("/admin/statistik/", YEAR)
    analyst.get("/admin/statistik/laporan/opd/", by_agency)

    mark_attendance(data["march"], data["people"][1])
    assert warming.refresh() == 3  # this year's dashboard, and the two views opened

    response, scans = _scans(analyst, "/admin/statistik/", YEAR)
    assert scans == []
    assert response.context["figures"].attendances == 2  # the new check-in is in
    response, scans = _scans(analyst, "/admin/statistik/laporan/opd/", by_agency)
    assert scans == []
    rows = response.context["object_list"]
    [dinas] = [row for row in rows if row.agency_name == "Dinas Kesehatan"]
    assert dinas.attended == 2


def test_without_a_refresh_the_first_view_after_a_change_computes(analyst, data):
    analyst.get("/admin/statistik/", YEAR)
    mark_attendance(data["march"], data["people"][1])
    response, scans = _scans(analyst, "/admin/statistik/", YEAR)
    assert scans  # what the refresh spares the analyst
    assert response.context["figures"].attendances == 2


def test_filters_nobody_opened_are_not_computed(analyst, data):
    analyst.get("/admin/statistik/", YEAR)
    assert warming.refresh() == 2  # this year so far, and 2026 as opened
    _, scans = _scans(analyst, "/admin/statistik/", {**YEAR, "group": "ptt"})
    assert scans


def test_the_remembered_views_are_the_latest_few(analyst, data, monkeypatch):
    monkeypatch.setattr(figure_cache, "REMEMBER_AT_MOST", 2)
    for month in ("01", "02", "03"):
        analyst.get("/admin/statistik/", {"start": f"2026-{month}-01", "end": "2026-12-31"})
    starts = [data.get("start") for _, data in figure_cache.remembered()]
    assert starts == ["2026-03-01", "2026-02-01"]


def test_a_burst_of_writes_queues_one_refresh_for_the_worker(
    settings, data, django_capture_on_commit_callbacks
):
    settings.TASKS = DB_TASKS
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        mark_attendance(data["march"], data["people"][1])
    with django_capture_on_commit_callbacks(execute=True):
        mark_attendance(data["march"], data["people"][2])
    [queued] = DBTaskResult.objects.filter(task_path=REFRESH)
    assert queued.run_after >= before + warming.REFRESH_DELAY

    # Once the worker has started it, the next write queues the next refresh.
    tasks.refresh_figures.call()
    with django_capture_on_commit_callbacks(execute=True):
        data["march"].attendances.first().delete()
    assert DBTaskResult.objects.filter(task_path=REFRESH).count() == 2


def test_without_a_worker_nothing_is_queued(data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mark_attendance(data["march"], data["people"][1])
    assert cache.get(warming.QUEUED_KEY) is None
    assert not DBTaskResult.objects.filter(task_path=REFRESH).exists()


def test_a_login_changes_no_figure(client, data):
    person = data["people"][0]
    person.set_password("rahasia-panjang-sekali")
    person.save()
    generation = page_cache.current_generation(figure_cache.SCOPE)
    response = client.post(LOGIN, {"username": person.email, "password": "rahasia-panjang-sekali"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.last_login is not None
    assert page_cache.current_generation(figure_cache.SCOPE) == generation
