"""The dashboard in the admin: analysts and superusers see the figures and charts for their
filters and take the same as a PDF; nobody else opens it."""

import datetime
import io

import pytest
from pypdf import PdfReader

from content.stats import series
from content.stats.filters import StatsFilter
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
YEAR = {"start": "2026-01-01", "end": "2026-12-31"}


@pytest.fixture
def data(sessions):
    topic = TopicFactory(name="Anti-Hoaks", slug="anti-hoaks")
    dinas = AgencyFactory(name="Dinas Kesehatan", short_name="Dinkes")
    camat = AgencyFactory(name="Kecamatan Selatan", short_name="Kec. Selatan")
    march = SessionPageFactory(parent=sessions, slug="maret", date=datetime.date(2026, 3, 3))
    may = SessionPageFactory(
        parent=sessions, slug="mei", date=datetime.date(2026, 5, 5), topic=topic
    )
    people = [ParticipantFactory(agency=dinas) for _ in range(3)] + [ptt(agency=camat)]
    for person in people:
        mark_attendance(march, person)
    mark_attendance(may, people[0])
    pre, post = make_quiz(count=1, self_paced=False), make_quiz(count=1, self_paced=False)
    use_in_session(pre, may, "pre")
    use_in_session(post, may, "post")
    attempt(people[0], pre, session=may, purpose="pre", score=35, on=may.date)
    attempt(people[0], post, session=may, purpose="post", score=85, on=may.date)
    return {"topic": topic, "dinas": dinas, "march": march, "may": may, "people": people}


def test_the_series_behind_the_charts(data):
    year = StatsFilter(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    months = series.per_month(year)
    assert [(row.month.month, row.attendances, row.participants) for row in months] == [
        (3, 4, 4),
        (5, 1, 1),
    ]
    agencies = series.per_agency(year)
    assert [(row.agency, row.participants, row.attendances) for row in agencies] == [
        ("Dinkes", 3, 4),
        ("Kec. Selatan", 1, 1),
    ]
    assert series.group_split(year) == [("ASN - PNS", 3), ("ASN - PPPK", 0), ("PTT / non-ASN", 1)]
    bands = {label: (pre, post) for label, pre, post in series.score_distribution(year)}
    assert bands["30-39"] == (1, 0) and bands["80-89"] == (0, 1) and bands["90-100"] == (0, 0)
    [scores] = series.pre_post_per_session(year)
    assert (scores.title, scores.pre, scores.post) == (data["may"].title, 35, 85)


def test_an_analyst_reads_the_dashboard_with_its_charts_and_tables(client, data):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    response = client.get("/admin/statistik/", {**YEAR, "agency": data["dinas"].pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["figures"].participants == 3
    charts = html.split('<figure class="stats-chart"')[1:]
    assert len(charts) == 5 and all("pygal-chart" in chart for chart in charts)
    assert not any("<script" in chart for chart in charts)  # no pygal tooltips script
    assert "Dinkes" in html and "Kec. Selatan" not in html  # the agency filter, in a table too
    assert "Periode 1 Januari 2026 s.d. 31 Desember 2026; OPD Dinas Kesehatan" in html


def test_one_session_chosen_with_the_page_chooser(client, data):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    response = client.get("/admin/statistik/", {**YEAR, "session": data["may"].pk})
    figures = response.context["figures"]
    assert (figures.sessions_held, figures.attendances) == (1, 1)
    html = response.content.decode()
    assert f"Sosialisasi {data['may'].title}" in html  # the filters in words
    assert html.count(data["march"].title) == 0  # no list of every session


def test_a_wrong_period_is_explained_and_changes_nothing(client, data):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    response = client.get("/admin/statistik/", {"start": "2026-12-31", "end": "2026-01-01"})
    assert response.status_code == 200
    assert "Tanggal awal harus sebelum tanggal akhir." in response.content.decode()


def test_the_pdf_report_prints_the_filters_figures_and_charts(client, data):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    response = client.get("/admin/statistik/laporan.pdf", {**YEAR, "topic": data["topic"].pk})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Statistik partisipasi" in text and "Topik Anti-Hoaks" in text
    assert "Partisipasi per bulan" in text and "Pre-test dan post-test per sosialisasi" in text


@pytest.mark.parametrize("groups", [["Editor"], ["Organizer"], ["Moderator"], []])
def test_nobody_else_opens_the_dashboard(client, data, groups):
    client.force_login(UserFactory(username="lain", groups=groups, is_staff=bool(groups)))
    for url in ("/admin/statistik/", "/admin/statistik/laporan.pdf"):
        assert client.get(url).status_code in (302, 403)


def test_a_participant_gets_403(client, data):
    client.force_login(ParticipantFactory())
    assert client.get("/admin/statistik/").status_code in (302, 403)


def test_the_admin_home_shows_analysts_this_years_summary(client, data):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    html = client.get("/admin/").content.decode()
    assert "Buka dasbor statistik" in html and "peserta terjangkau" in html
    client.force_login(UserFactory(username="penyelenggara", groups=["Organizer"]))
    assert "Buka dasbor statistik" not in client.get("/admin/").content.decode()


def _dashboard_figures(client):
    return client.get("/admin/statistik/", YEAR).context["figures"]


def test_figures_are_kept_until_the_data_changes(client, data, django_assert_max_num_queries):
    """An unchanged data set is read from the cache; a check-in shows at once."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    first = _dashboard_figures(client)
    with CaptureQueriesContext(connection) as queries:
        again = _dashboard_figures(client)
    assert again == first
    touching_records = [query["sql"] for query in queries if "training_attendance" in query["sql"]]
    assert touching_records == []

    mark_attendance(data["may"], data["people"][3])
    assert _dashboard_figures(client).attendances == first.attendances + 1


def test_an_imported_attendance_list_shows_at_once_too(client, data):
    """The import inserts in bulk, without post_save: its queryset tells the cache."""
    from content.training import importing
    from content.training import services as training_services
    from tests.factories.spreadsheets import xlsx_bytes

    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    before = _dashboard_figures(client)
    newcomer = ParticipantFactory(nip="199001012015031002")
    sheet = xlsx_bytes(
        [["19900101 201503 1 002", "", "", ""]], headers=["NIP", "NIK", "Email", "Status"]
    )
    preview = importing.preview_attendance_import(
        data["may"], importing.read_table(sheet, "hadir.xlsx")
    )
    training_services.attendance_import(session=data["may"], preview=preview, by=None)
    after = _dashboard_figures(client)
    assert after.attendances == before.attendances + 1
    assert newcomer.pk in set(data["may"].attendances.values_list("participant", flat=True))
