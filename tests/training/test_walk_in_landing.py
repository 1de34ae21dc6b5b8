"""Someone not logged in scans the projector's QR code: the page says which session was
scanned, that the scan is held while they sign up (or log in), and offers "Daftar dan presensi"
first. The held scan never lets anyone in without a valid scan, and shows nothing private."""

import html
import re

import pytest
from django.utils import formats, timezone, translation
from wagtail.models import PageViewRestriction

from content.training import checkin_tokens, services
from content.training.checkin_tokens import ROTATION_SECONDS, Window
from content.training.models import Attendance
from content.training.views import CHECKIN_PASS_SECONDS
from tests.factories.people import PASSWORD, AgencyFactory, ParticipantFactory
from tests.factories.training import session_under_way

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    return session_under_way(
        sessions,
        title="Literasi Digital & Keamanan Akun",
        venue="Aula Lantai 3, Balai Kota",
        online_url="https://rapat.example/rahasia-123",
    )


def _scan_url(session, seconds_ago=0):
    window = Window.at(timezone.now().timestamp() - seconds_ago)
    return f"/P/{checkin_tokens.make_token(session.pk, window)}/"


def _links(page_html):
    """The landing's links, in order, as (text, href)."""
    found = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>(.*?)</a>', page_html, re.S)
    return [(_text(text), html.unescape(href)) for href, text in found]


def _text(fragment):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def _sign_up(client, url):
    return client.post(
        url,
        {
            "participant_group": "ptt",
            "nip": "",
            "nik": "3471015201900003",
            "full_name": "Dewi Baru Datang",
            "agency": AgencyFactory().pk,
            "position": "Staf",
            "rank": "",
            "email": "dewi.baru@contoh.go.id",
            "phone": "",
            "password1": "Lentera-2024-aman",
            "password2": "Lentera-2024-aman",
        },
        follow=True,
    )


class TestTheLanding:
    def test_it_names_the_session_scanned_its_date_time_and_place_in_indonesian(
        self, client, session
    ):
        response = client.get(_scan_url(session))

        assert response.status_code == 200
        page = response.content.decode()
        with translation.override("id"):
            day = formats.date_format(session.date, "l, j F Y")
        assert day.split(",")[0] in {
            "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"
        }  # fmt: skip
        for shown in (
            "Literasi Digital &amp; Keamanan Akun",
            day,
            f"{session.start_time:%H.%M}–{session.end_time:%H.%M} WIB",
            "Aula Lantai 3, Balai Kota",
            "ASN dan PTT",  # who may check in: a walk-in from outside it learns before signing up
        ):
            assert shown in page
        assert response["Cache-Control"].startswith("max-age=0")

    def test_it_says_the_scan_is_held_and_offers_sign_up_first_then_login(self, client, session):
        scanned = _scan_url(session)
        page = client.get(scanned).content.decode()

        assert "Pindaian Anda disimpan" in page
        assert f"{CHECKIN_PASS_SECONDS // 60} menit" in page
        actions = re.search(r'<p class="checkin__actions">.*?</p>', page, re.S).group(0)
        offers = _links(actions)
        assert offers[0] == ("Daftar dan presensi", f"/akun/daftar/?next={scanned}")
        assert offers[1][1] == f"/akun/masuk/?next={scanned}"
        assert "Masuk" in offers[1][0]
        # The header's own "Masuk" keeps the scan's way back too.
        assert ("Masuk", f"/akun/masuk/?next={scanned}") in _links(page)

    def test_it_shows_nothing_private(self, client, session, sessions):
        someone = ParticipantFactory(full_name="Bambang Sudah Hadir")
        services.attendance_record(session=session, participant=someone, method="qr")
        page = client.get(_scan_url(session)).content.decode()

        assert "Bambang" not in page
        assert "rapat.example" not in page  # the online link is for registered people only
        assert checkin_tokens.make_code(session.pk, Window.at()) not in page
        assert 'name="code"' not in page

    def test_a_session_behind_a_view_restriction_shows_only_its_title(self, client, session):
        PageViewRestriction.objects.create(page=session, restriction_type=PageViewRestriction.LOGIN)
        page = client.get(_scan_url(session)).content.decode()

        assert "Literasi Digital &amp; Keamanan Akun" in page
        assert "Aula Lantai 3" not in page
        assert "Daftar dan presensi" in page

    def test_without_walk_ins_it_asks_registered_people_to_log_in(self, client, session):
        session.allow_walk_in = False
        session.save_revision().publish()
        scanned = _scan_url(session)
        page = client.get(scanned).content.decode()

        assert "Daftar dan presensi" not in page
        assert "sudah terdaftar" in page
        assert ("Masuk dan presensi", f"/akun/masuk/?next={scanned}") in _links(page)


class TestTheHeldScan:
    def test_signing_up_from_the_landing_checks_the_walk_in_in_after_the_qr_changed(
        self, client, session
    ):
        scanned = _scan_url(session)
        landing = client.get(scanned).content.decode()
        sign_up = dict(_links(landing))["Daftar dan presensi"]
        form = client.get(sign_up).content.decode()
        assert f'name="next" value="{scanned}"' in form

        # Filling in the form took three rotations: the token in `next` is no longer valid.
        stale = _scan_url(session, seconds_ago=3 * ROTATION_SECONDS)
        response = _sign_up(client, sign_up.replace(scanned, stale))

        assert "Presensi tercatat" in response.content.decode()
        assert Attendance.objects.get().participant.full_name == "Dewi Baru Datang"

    def test_logging_in_from_the_landing_checks_the_person_in(self, client, session):
        person = ParticipantFactory(email="ahmad@contoh.go.id")
        scanned = _scan_url(session)
        client.get(scanned)
        stale = _scan_url(session, seconds_ago=3 * ROTATION_SECONDS)

        response = client.post(
            f"/akun/masuk/?next={stale}",
            {"username": "ahmad@contoh.go.id", "password": PASSWORD, "next": stale},
            follow=True,
        )

        assert "Presensi tercatat" in response.content.decode()
        assert Attendance.objects.get().participant == person

    @pytest.mark.parametrize(
        "token",
        [
            pytest.param("expired", id="expired"),
            pytest.param("forged", id="forged"),
        ],
    )
    def test_an_invalid_scan_is_not_held_and_shows_no_landing(self, client, session, token):
        if token == "expired":
            url = _scan_url(session, seconds_ago=3 * ROTATION_SECONDS)
        else:
            url = f"/P/{checkin_tokens.make_token(session.pk, Window.at()).split('-')[0]}-AAAAAAAA/"
        response = client.get(url)
        assert response.status_code == 403
        page = response.content.decode()
        assert "Daftar dan presensi" not in page and "Aula Lantai 3" not in page

        client.force_login(ParticipantFactory())
        client.get(_scan_url(session, seconds_ago=3 * ROTATION_SECONDS))
        assert not Attendance.objects.exists()

    def test_a_scan_while_check_in_is_closed_is_not_held(self, client, session):
        services.checkin_close(session=session)
        response = client.get(_scan_url(session))
        assert response.status_code == 403
        assert "sedang tidak dibuka" in response.content.decode()
        assert "Daftar dan presensi" not in response.content.decode()

        services.checkin_open(session=session, by=None)
        client.force_login(ParticipantFactory())
        client.get(_scan_url(session, seconds_ago=3 * ROTATION_SECONDS))
        assert not Attendance.objects.exists()

    def test_a_held_scan_lapses_after_its_time(self, client, session):
        client.get(_scan_url(session))
        stored = client.session
        passes = stored["checkin_passes"]
        passes[str(session.pk)] -= CHECKIN_PASS_SECONDS + 1
        stored["checkin_passes"] = passes
        stored.save()

        stale = _scan_url(session, seconds_ago=3 * ROTATION_SECONDS)
        assert client.get(stale).status_code == 403  # no landing on an old pass
        client.force_login(ParticipantFactory())
        assert client.get(stale).status_code == 403
        assert not Attendance.objects.exists()

    def test_a_held_scan_counts_for_its_own_session_only(self, client, session, sessions):
        other = session_under_way(sessions, title="Sesi Lain")
        client.get(_scan_url(session))
        client.force_login(ParticipantFactory())
        response = client.get(_scan_url(other, seconds_ago=3 * ROTATION_SECONDS))
        assert response.status_code == 403
        assert not Attendance.objects.filter(session=other).exists()

    def test_a_scan_of_a_session_that_is_no_longer_live_is_not_found(self, client, session):
        session.unpublish()
        assert client.get(_scan_url(session)).status_code == 404
