"""The analyst's admin home: this year's figures and the dashboard's charts, each named for screen
readers (an SVG with role="img", an Indonesian <title> and a <desc>) and followed by its table."""

import re

import pytest
from django.utils import timezone

from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
TITLES = (
    "Partisipasi per bulan",
    "Peserta per OPD (15 teratas)",
    "Peserta menurut kelompok",
    "Sebaran nilai pre-test dan post-test",
    "Pre-test dan post-test per sosialisasi",
)


def test_the_analysts_home_shows_this_years_charts_accessibly(client, sessions):
    session = SessionPageFactory(parent=sessions, date=timezone.localdate().replace(day=1))
    for person in (ParticipantFactory(), ParticipantFactory(), ptt()):
        mark_attendance(session, person)
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    html = client.get("/admin/").content.decode()
    panel = html.split('aria-labelledby="ringkasan-statistik"', 1)[1]
    figures = panel.split('<figure class="stats-chart"')[1:]
    assert [re.search(r"<h3>(.*?)</h3>", f)[1] for f in figures] == list(TITLES)
    drawn = [f for f in figures if "<svg" in f]
    assert len(drawn) >= 3  # month, agency and group have data; the score charts may not
    for figure in drawn:
        svg = figure[figure.index("<svg") : figure.index("</svg>")]
        assert 'role="img"' in svg and "Pygal" not in svg
        title = re.search(r"<title[^>]*>(.*?)</title>", svg)[1]
        assert title in TITLES and f"Tabel data: {title}" in figure
        assert re.search(r"<desc[^>]*>Diagram [^<]+</desc>", svg)
        assert 'aria-hidden="true"' not in figure
    assert "css/stats_admin.css" in html


@pytest.mark.parametrize("groups", [["Organizer"], ["Editor"]])
def test_others_get_no_statistics_panel(client, groups):
    client.force_login(UserFactory(username="lain", groups=groups))
    assert "ringkasan-statistik" not in client.get("/admin/").content.decode()
