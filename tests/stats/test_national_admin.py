"""The national figures are reference data analysts keep in the admin (Statistik → Indeks
nasional): a corrected or newer figure shows on the index screen at once, although the screen
caches its figures, because the model announces its writes to the statistics' cache."""

from decimal import Decimal

import pytest

from content.articles.pillars import Pillar
from content.stats.models import NationalIndex
from tests.factories.literacy import finished_run, pillar_cells
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
SCREEN = "/admin/statistik/literasi/"


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))


def test_a_corrected_national_figure_shows_on_the_cached_screen(client, analyst):
    run = finished_run()
    pillar_cells(run, dict.fromkeys(Pillar, 3.0), year=2026)
    assert "3,84" in client.get(SCREEN).content.decode()  # budaya 2022, cached now
    budaya = NationalIndex.objects.get(year=2022, pillar=Pillar.BUDAYA)
    response = client.post(
        f"/admin/statistik/indeks-nasional/edit/{budaya.pk}/",
        {"year": 2022, "pillar": Pillar.BUDAYA, "value": "3.87", "source": budaya.source},
    )
    assert response.status_code == 302
    assert NationalIndex.objects.get(pk=budaya.pk).value == Decimal("3.87")
    html = client.get(SCREEN).content.decode()
    assert "3,87" in html and "3,84" not in html


def test_a_second_figure_for_the_same_year_and_pillar_is_refused(client, analyst):
    before = NationalIndex.objects.count()
    response = client.post(
        "/admin/statistik/indeks-nasional/new/",
        {"year": 2022, "pillar": Pillar.ETIKA, "value": "3.00", "source": "Salah ketik"},
    )
    assert response.status_code == 200  # the form again, with the error
    assert NationalIndex.objects.count() == before
    assert NationalIndex.objects.get(year=2022, pillar=Pillar.ETIKA).value == Decimal("3.68")


def test_analysts_add_a_new_year(client, analyst):
    response = client.post(
        "/admin/statistik/indeks-nasional/new/",
        {"year": 2023, "pillar": "", "value": "3.65", "source": "Sumber resmi 2023"},
    )
    assert response.status_code == 302
    assert NationalIndex.objects.get(year=2023, pillar="").value == Decimal("3.65")
