"""After a new literacy run the task worker draws the index screen as analysts opened it, so
the first of them after the run reads it from the cache instead of waiting for the charts; and
only the index is drawn then, not the whole dashboard. Nobody opened it: nothing is drawn."""

import pytest
from django.core.cache import cache
from django.http import QueryDict

from content.articles.pillars import Pillar
from content.stats import admin_literacy, warming
from content.stats.literacy import reading
from tests.factories.literacy import finished_run, pillar_cells
from tests.factories.people import AgencyFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
SCREEN = "/admin/statistik/literasi/"


def _cached(run, data):
    form = admin_literacy.LiteracyFilterForm(data or None, years=reading.years(run))
    return cache.get(admin_literacy._key(run, form.selection()))


def test_the_worker_draws_the_default_and_the_remembered_selections(client):
    dinas = AgencyFactory(name="Dinas Kesehatan")
    run = finished_run()
    pillar_cells(run, dict.fromkeys(Pillar, 3.0), year=2026)
    pillar_cells(run, dict.fromkeys(Pillar, 2.5), year=2026, agency=dinas)
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    # An analyst opens the index, then for Dinas Kesehatan: both are remembered.
    assert client.get(SCREEN).status_code == 200
    assert client.get(SCREEN, {"agency": dinas.pk}).status_code == 200
    # A new run: its screens are not drawn yet (the cache key holds the run).
    new_run = finished_run()
    pillar_cells(new_run, dict.fromkeys(Pillar, 3.5), year=2026)
    pillar_cells(new_run, dict.fromkeys(Pillar, 2.0), year=2026, agency=dinas)
    agency = QueryDict(mutable=True)
    agency["agency"] = str(dinas.pk)
    assert _cached(new_run, QueryDict()) is None and _cached(new_run, agency) is None

    done = warming.refresh(views={admin_literacy.VIEW_NAME})

    assert done == 2  # the two selections opened; not the dashboard
    screen, _charts = _cached(new_run, agency)
    assert [round(f.index, 2) for f in screen.figures] == [2.0] * 5
    assert _cached(new_run, QueryDict()) is not None


def test_nothing_is_drawn_when_nobody_opened_the_index():
    run = finished_run()
    pillar_cells(run, dict.fromkeys(Pillar, 3.0), year=2026)
    assert warming.refresh(views={admin_literacy.VIEW_NAME}) == 0
    assert _cached(run, QueryDict()) is None
