"""Sasaran pelatihan: each agency's weakest pillar from the cells, the materials and upcoming
sessions on it, and the organizer's two clicks to a draft session (draft, not live; the right
agencies and topic; one draft however often the button is pressed; analysts refused)."""

import datetime
import re

import pytest
from django.db import connection

from content.articles.pillars import Pillar
from content.stats.models import Phase
from content.training.models import SessionPage
from content.training.services import drafts
from tests.concurrency import all_at_once
from tests.factories.articles import ArticlePageFactory, TopicFactory
from tests.factories.literacy import cell, finished_run, pillar_cells
from tests.factories.people import AgencyFactory
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
URL = "/admin/statistik/literasi/sasaran/"
POST_URL = "/admin/statistik/literasi/sasaran/sosialisasi/"
K, E, S, B = Pillar.KECAKAPAN, Pillar.ETIKA, Pillar.KEAMANAN, Pillar.BUDAYA


@pytest.fixture
def world(site_tree):
    run = finished_run()
    pillar_cells(run, {K: 3.50, E: 3.70, S: 3.10, B: 3.80}, year=2026)
    agencies = {}
    values = {
        "Dinas Aman": {K: 3.50, E: 3.70, S: 2.60, B: 3.80},  # keamanan -0.50
        "Dinas Etis": {K: 3.50, E: 3.30, S: 3.00, B: 3.80},  # etika -0.40
        "Dinas Sigap": {K: 3.40, E: 3.70, S: 2.90, B: 3.80},  # keamanan -0.20
    }
    for name, pillars in values.items():
        agencies[name] = AgencyFactory(name=name)
        pillar_cells(run, pillars, year=2026, agency=agencies[name])
    hidden = AgencyFactory(name="Badan Kecil")
    for pillar in ("", K, E, B):
        cell(run, index=3.0, pillar=pillar, year=2026, agency=hidden)
    cell(run, index=None, pillar=S, year=2026, agency=hidden)
    # A sub-agency's own cells are not ranked (its parent's cells include it).
    kelurahan = AgencyFactory(name="Kelurahan Anak", parent=agencies["Dinas Aman"])
    pillar_cells(run, {K: 1.0, E: 1.0, S: 1.0, B: 1.0}, year=2026, agency=kelurahan)
    # Another measurement is not read.
    pillar_cells(run, {K: 1.0, E: 1.0, S: 1.0, B: 1.0}, year=2026, phase=Phase.AFTER)
    safety = TopicFactory(name="Keamanan Akun", slug="keamanan-akun", pillar=S)
    TopicFactory(name="Akun dan Sandi", slug="akun-sandi", pillar=S)  # first by name
    old = ArticlePageFactory(
        parent=site_tree.materials,
        topic=safety,
        title="Sandi yang kuat",
        published_date=datetime.date(2025, 1, 1),
    )
    new = ArticlePageFactory(
        parent=site_tree.materials,
        topic=safety,
        title="Mengenali phishing",
        published_date=datetime.date(2026, 6, 1),
    )
    draft = ArticlePageFactory(
        parent=site_tree.materials, topic=safety, title="Draf materi", live=False
    )
    soon = SessionPageFactory(parent=site_tree.sessions, topic=safety, title="Kelas keamanan")
    SessionPageFactory(
        parent=site_tree.sessions,
        topic=safety,
        title="Kelas lampau",
        date=datetime.date(2020, 1, 1),
    )
    return {"run": run, "agencies": agencies, "hidden": hidden, "safety": safety, "old": old,
            "new": new, "draft": draft, "soon": soon}  # fmt: skip


@pytest.fixture
def organizer():
    return UserFactory(username="penyelenggara", groups=["Organizer"], is_staff=True)


@pytest.fixture
def analyst():
    return UserFactory(username="analis", groups=["Analyst"])


def test_each_agency_gets_its_weakest_pillar_against_the_city(client, analyst, world):
    client.force_login(analyst)
    response = client.get(URL)
    assert response.status_code == 200
    rows = [(row.agency.name, row.pillar) for row in response.context["aim"].weakest]
    assert rows == [("Dinas Aman", S), ("Dinas Etis", E), ("Dinas Sigap", S)]
    html = response.content.decode()
    assert "-0,50" in html and "Badan Kecil" in html and "disembunyikan" in html
    assert "Kelurahan Anak" not in html


def test_a_withheld_agency_shows_no_number(client, analyst, world):
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    item = html.split("Badan Kecil")[1].split("</li>")[0]
    assert not re.search(r"\d,\d", item)


def test_materials_newest_first_and_upcoming_sessions_on_the_pillar(client, analyst, world):
    client.force_login(analyst)
    pillars = {item.pillar: item for item in client.get(URL).context["pillars"]}
    assert [page.title for page in pillars[S].materials] == [
        "Mengenali phishing",
        "Sandi yang kuat",
    ]
    assert [page.title for page in pillars[S].sessions] == ["Kelas keamanan"]
    assert pillars[E].materials == [] and pillars[E].sessions == []
    # Agencies a session is for: those weakest on it; or the lowest few when none is.
    assert [a.name for a in pillars[S].agencies] == ["Dinas Aman", "Dinas Sigap"]
    assert pillars[K].fallback and [a.name for a in pillars[K].agencies][0] == "Dinas Sigap"


def test_analysts_see_no_button_and_a_forged_post_is_refused(client, analyst, world):
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    assert "Buat sosialisasi untuk OPD terlemah" not in html
    token = client.get(URL).context["pillars"][2].token  # made for anyone: useless without rights
    response = client.post(POST_URL, {"token": token, "year": "2026"})
    assert response.status_code == 403
    assert not SessionPage.objects.filter(slug__startswith="draf-").exists()


def _press(client, pillar=S):
    page = client.get(URL)
    item = next(item for item in page.context["pillars"] if item.pillar == pillar)
    return item.token


def test_an_organizer_makes_a_draft_in_two_clicks(client, organizer, world):
    client.force_login(organizer)
    html = client.get(URL).content.decode()
    assert "Buat sosialisasi untuk OPD terlemah di pilar ini" in html
    token = _press(client)
    response = client.post(POST_URL, {"token": token, "year": "2026"})
    draft = SessionPage.objects.get(slug__startswith="draf-")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert not draft.live and draft.has_unpublished_changes and draft.latest_revision is not None
    assert draft.title == "Sosialisasi Keamanan Digital untuk 2 OPD"
    assert sorted(a.name for a in draft.agencies.all()) == ["Dinas Aman", "Dinas Sigap"]
    assert draft.topic.name == "Akun dan Sandi"  # the first topic on the pillar
    assert draft.mode == "offline" and draft.owner == organizer
    assert draft.date.weekday() < 5 and draft.date >= datetime.date.today() + datetime.timedelta(
        days=15
    )
    assert draft.get_parent().specific_class.__name__ == "SessionIndexPage"
    # The second click: the edit page opens for the organizer.
    assert client.get(response["Location"]).status_code == 200


def test_a_doubled_post_makes_one_draft(client, organizer, world):
    client.force_login(organizer)
    token = _press(client)
    first = client.post(POST_URL, {"token": token, "year": "2026"})
    second = client.post(POST_URL, {"token": token, "year": "2026"})
    assert SessionPage.objects.filter(slug__startswith="draf-").count() == 1
    assert first["Location"] == second["Location"]
    # A new press of the button (a new token) is a new draft, on purpose.
    client.post(POST_URL, {"token": _press(client), "year": "2026"})
    assert SessionPage.objects.filter(slug__startswith="draf-").count() == 2


def test_without_a_topic_on_the_pillar_there_is_no_topic_and_a_message(client, organizer, world):
    client.force_login(organizer)
    response = client.post(POST_URL, {"token": _press(client, E), "year": "2026"}, follow=True)
    draft = SessionPage.objects.get(slug__startswith="draf-")
    assert draft.topic is None
    assert [a.name for a in draft.agencies.all()] == ["Dinas Etis"]
    assert "Belum ada topik berpilar Etika digital" in response.content.decode()


def test_a_forged_or_broken_token_creates_nothing(client, organizer, world):
    client.force_login(organizer)
    for token in ("", "abc", "x:y:z"):
        response = client.post(POST_URL, {"token": token}, follow=True)
        assert "kedaluwarsa atau tidak sah" in response.content.decode()
    assert not SessionPage.objects.filter(slug__startswith="draf-").exists()


def test_the_service_refuses_who_may_not_add_sessions(analyst, world):
    from content.base.errors import NotAllowed

    with pytest.raises(NotAllowed):
        drafts.session_draft_create(
            by=analyst, key="x", title="T", description="<p>x</p>", agencies=[],
            date=datetime.date(2027, 1, 4),
        )  # fmt: skip
    assert not SessionPage.objects.filter(slug="draf-x").exists()


def test_next_working_day():
    friday = datetime.date(2026, 12, 4)
    assert drafts.next_working_day(friday) == datetime.date(2026, 12, 7)
    assert drafts.next_working_day(datetime.date(2026, 12, 7)) == datetime.date(2026, 12, 8)


def test_the_empty_state(client, analyst, site_tree):
    client.force_login(analyst)
    html = client.get(URL).content.decode()
    assert "Indeks belum dihitung; dihitung otomatis oleh task worker" in html


def test_bad_year_is_explained(client, analyst, world):
    client.force_login(analyst)
    response = client.get(URL, {"year": "abc"})
    assert response.status_code == 200 and "pilihan tidak dikenal" in response.content.decode()
    assert response.context["year"] == 2026


def test_organizers_see_the_menu_with_the_aim_only(client, organizer, world):
    client.force_login(organizer)
    html = client.get("/admin/").content.decode()
    assert URL in html
    assert '/admin/statistik/literasi/"' not in html
    assert client.get("/admin/statistik/literasi/").status_code in (302, 403)


def test_the_query_count_does_not_grow_with_agencies(
    client, analyst, world, django_assert_max_num_queries
):
    from django.test.utils import CaptureQueriesContext

    client.force_login(analyst)

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(URL)
        return len(queries)

    count()  # warms what the admin caches per process
    before = count()
    for n in range(10):
        agency = AgencyFactory(name=f"Dinas Tambahan {n}")
        pillar_cells(world["run"], {K: 3, E: 3, S: 3, B: 3}, year=2026, agency=agency)
    assert count() == before


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_requests_with_one_token_make_one_draft(site_tree):
    organizer = UserFactory(username="penyelenggara", groups=["Organizer"], is_staff=True)
    agency = AgencyFactory(name="Dinas Serentak")

    def create(_):
        page, _created = drafts.session_draft_create(
            by=organizer, key="keamanan-serentak", title="Sosialisasi Keamanan Digital untuk 1 OPD",
            description="<p>x</p>", agencies=[agency], date=datetime.date(2027, 1, 4),
        )  # fmt: skip
        return page.pk

    results, errors = all_at_once(create, range(4))
    assert errors == []
    assert len(set(results)) == 1
    assert SessionPage.objects.filter(slug="draf-keamanan-serentak").count() == 1


def test_a_strange_year_in_the_post_falls_back_to_the_latest(client, organizer, world):
    client.force_login(organizer)
    client.post(POST_URL, {"token": _press(client), "year": "²⁰²⁶"})
    draft = SessionPage.objects.get(slug__startswith="draf-")
    assert sorted(a.name for a in draft.agencies.all()) == ["Dinas Aman", "Dinas Sigap"]
    assert "tahun 2026" in draft.description


def test_a_page_with_the_keys_slug_is_returned_not_doubled(organizer, world, site_tree):
    """Whoever made the page with the key's slug (another request, another screen), the service
    returns it. (The clash caught at the insert needs real concurrency: the PostgreSQL test.)"""
    made = SessionPageFactory(parent=site_tree.sessions, slug="draf-keamanan-bentrok", live=False)
    page, created = drafts.session_draft_create(
        by=organizer, key="keamanan-bentrok", title="T", description="<p>x</p>", agencies=[],
        date=datetime.date(2027, 1, 4),
    )  # fmt: skip
    assert (page.pk, created) == (made.pk, False)
    assert SessionPage.objects.filter(slug="draf-keamanan-bentrok").count() == 1
