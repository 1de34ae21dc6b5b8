"""The header's main menu: the apps register its items (content/base/site_menu.py), and it reads
as it always has: the same items in the same order, the current section marked for screen
readers with aria-current, the account menu last."""

import re

import pytest
from django.test import Client

from content.base.site_menu import SiteMenuItem
from tests.factories.people import ParticipantFactory

_ITEM = re.compile(r'<li><a href="([^"]*)" ?(aria-current="page")?>([^<]*)</a></li>')


def _menu(response):
    html = response.content.decode()
    nav = html[html.index('<nav class="site-nav"') : html.index("</nav>")]
    return [(href, label, bool(current)) for href, current, label in _ITEM.findall(nav)]


@pytest.mark.django_db
class TestSiteMenu:
    def test_a_visitor_sees_the_sections_in_order_then_masuk(self):
        assert _menu(Client().get("/kuis/")) == [
            ("/materi/", "Materi", False),
            ("/cek-fakta/", "Cek Fakta", False),
            ("/sesi/", "Sosialisasi", False),
            ("/kuis/", "Kuis", True),
            ("/cari/", "Cari", False),
            ("/lapor/", "Lapor hoaks", False),
            ("/akun/masuk/", "Masuk", False),
        ]

    def test_search_is_current_on_its_own_path(self):
        menu = _menu(Client().get("/cari/"))
        assert [label for _, label, current in menu if current] == ["Cari"]

    def test_a_participant_sees_akun_saya_last(self):
        client = Client()
        client.force_login(ParticipantFactory())
        menu = _menu(client.get("/kuis/"))
        assert menu[-1] == ("/akun/", "Akun saya", False)
        assert [label for _, label, _ in menu[:5]] == [
            "Materi",
            "Cek Fakta",
            "Sosialisasi",
            "Kuis",
            "Cari",
        ]


class TestSiteMenuItem:
    @pytest.mark.parametrize(
        "item, path, current",
        [
            (SiteMenuItem(order=1, current_prefix="/kuis/"), "/kuis/3/", True),
            (SiteMenuItem(order=1, current_prefix="/kuis/"), "/kuisioner/", False),
            (SiteMenuItem(order=1, current_path="/cari/"), "/cari/", True),
            (SiteMenuItem(order=1, current_path="/cari/"), "/cari/lagi/", False),
            (SiteMenuItem(order=1), "/", False),
        ],
    )
    def test_current_by_prefix_or_exact_path(self, item, path, current):
        assert item.is_current(path) == current
