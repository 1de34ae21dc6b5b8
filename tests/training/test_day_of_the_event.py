"""The day of the event: walk-ins sign up and end checked in, the session page shows check-in,
the projector's QR code is small enough to scan from the back of the hall."""

import datetime
import re

import pytest
from django.utils import timezone

from content.base.qr import QUIET_ZONE
from content.base.services import site_address_set
from content.training import checkin_tokens, services
from content.training.checkin_tokens import ROTATION_SECONDS, Window
from content.training.models import Attendance
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.training import SessionPageFactory, session_under_way
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(sessions):
    """Under way since five minutes ago, check-in open."""
    return session_under_way(sessions, title="Literasi Digital Hari Ini")


def _scan_url(session, seconds_ago=0):
    window = Window.at(timezone.now().timestamp() - seconds_ago)
    return f"/P/{checkin_tokens.make_token(session.pk, window)}/"


class TestWalkIns:
    def test_someone_without_an_account_scans_signs_up_and_is_checked_in(self, client, session):
        agency = AgencyFactory()
        scanned = _scan_url(session)
        login = client.get(scanned, follow=True)
        sign_up_link = re.search(r'href="(/akun/daftar/\?next=[^"]+)"', login.content.decode())
        assert sign_up_link, "the login page offers sign-up, keeping where the person was going"

        # Filling in the form takes a few minutes: the QR code has changed twice meanwhile.
        response = client.post(
            sign_up_link.group(1).replace("&amp;", "&"),
            {
                "participant_group": "ptt",
                "nip": "",
                "nik": "3471015201900003",
                "full_name": "Dewi Baru Datang",
                "agency": agency.pk,
                "position": "Staf",
                "rank": "",
                "email": "dewi.baru@contoh.go.id",
                "phone": "",
                "password1": "Lentera-2024-aman",
                "password2": "Lentera-2024-aman",
                "next": scanned,
            },
            follow=True,
        )

        assert "Presensi tercatat" in response.content.decode()
        attendance = Attendance.objects.get()
        assert attendance.participant.full_name == "Dewi Baru Datang"
        assert attendance.method == "qr"

    def test_sign_up_never_sends_anyone_to_another_site(self, client, session):
        response = client.get("/akun/daftar/", {"next": "https://jahat.example/"})
        assert "jahat.example" not in response.content.decode()


class TestTheSessionPageOnTheDay:
    def test_open_check_in_is_shown_with_a_code_form(self, client, session):
        client.force_login(ParticipantFactory())
        html = client.get(session.url).content.decode()
        assert "Presensi sedang dibuka" in html
        assert 'action="/presensi/"' in html and 'name="code"' in html
        assert "Sedang berlangsung" in html

    def test_visitors_are_offered_to_log_in_for_check_in(self, client, session):
        html = client.get(session.url).content.decode()
        assert "/akun/masuk/?next=/presensi/" in html

    def test_closed_check_in_is_not_shown(self, client, session):
        services.checkin_close(session=session)
        assert "Presensi sedang dibuka" not in client.get(session.url).content.decode()

    def test_the_listing_has_sessions_under_way_apart(self, client, session, sessions):
        SessionPageFactory(parent=sessions, title="Besok Pagi").save_revision().publish()
        response = client.get("/sesi/")
        assert [s.title for s in response.context["ongoing"]] == ["Literasi Digital Hari Ini"]
        assert [s.title for s in response.context["upcoming"]] == ["Besok Pagi"]
        html = response.content.decode()
        assert html.index("Sedang berlangsung") < html.index("Akan datang")

    def test_only_cards_of_sessions_under_way_carry_the_live_badge(self, client, session, sessions):
        SessionPageFactory(parent=sessions, title="Besok Pagi").save_revision().publish()
        html = client.get("/sesi/").content.decode()
        assert html.count("badge--live") == 1
        assert (
            html.index("badge--live")
            < html.index("Literasi Digital Hari Ini")
            < html.index("Besok Pagi")
        )

    @pytest.mark.parametrize(
        ("hour", "group"), [(7, "upcoming"), (9, "ongoing"), (10, "past"), (23, "past")]
    )
    def test_a_session_moves_from_upcoming_to_under_way_to_past_on_its_day(
        self, sessions, hour, group
    ):
        from content.training.models import SessionPage
        from content.training.selectors import sessions_by_time

        day = datetime.date(2026, 11, 20)
        SessionPageFactory(
            parent=sessions,
            title="Pagi Itu",
            date=day,
            start_time=datetime.time(8, 0),
            end_time=datetime.time(10, 0),
        ).save_revision().publish()
        now = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
        ongoing, upcoming, past = sessions_by_time(SessionPage.objects.all(), now=now)
        groups = {"ongoing": ongoing, "upcoming": upcoming, "past": past}
        assert {name: [s.title for s in found] for name, found in groups.items()} == {
            name: (["Pagi Itu"] if name == group else []) for name in groups
        }

    def test_a_session_closed_early_is_past_from_its_closing(self, sessions):
        """'Tutup sesi' ends a session before its planned end: the listing says so too (it
        kept showing it under way until the planned end, while its own page said Selesai)."""
        from content.training.models import SessionPage
        from content.training.selectors import sessions_by_time

        day = datetime.date(2026, 11, 20)
        session = SessionPageFactory(
            parent=sessions,
            title="Ditutup Lebih Awal",
            date=day,
            start_time=datetime.time(8, 0),
            end_time=datetime.time(12, 0),
        )
        session.save_revision().publish()
        at = lambda hour: timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))  # noqa: E731
        organizer = UserFactory(username="penyelenggara", groups=["Organizer"])
        services.session_close(session=session, by=organizer, now=at(10))

        ongoing, upcoming, past = sessions_by_time(SessionPage.objects.all(), now=at(11))
        assert ([s.title for s in ongoing], [s.title for s in past]) == (
            [],
            ["Ditutup Lebih Awal"],
        )


class TestTypedCode:
    def test_the_code_alone_finds_its_session(self, client, session, sessions):
        other = SessionPageFactory(parent=sessions)
        services.checkin_open(session=other, by=None)
        client.force_login(ParticipantFactory())
        code = checkin_tokens.make_code(session.pk, Window.at())
        response = client.post("/presensi/", {"code": f" {code[:3]} {code[3:].lower()}"})
        assert "Presensi tercatat" in response.content.decode()
        assert Attendance.objects.get().session_id == session.pk

    def test_the_code_of_a_closed_check_in_is_refused(self, client, session):
        code = checkin_tokens.make_code(session.pk, Window.at())
        services.checkin_close(session=session)
        client.force_login(ParticipantFactory())
        assert client.post("/presensi/", {"code": code}).status_code == 403
        assert not Attendance.objects.exists()

    def test_a_scan_from_before_logging_in_survives_an_expired_code(self, client, session):
        scanned = _scan_url(session)
        client.get(scanned)
        client.force_login(ParticipantFactory())
        response = client.get(_scan_url(session, seconds_ago=3 * ROTATION_SECONDS))
        assert "Presensi tercatat" in response.content.decode()


class TestProjectorQr:
    @pytest.mark.parametrize(
        "address",
        ["http://127.0.0.1:8000", "http://lentera-diskominfo.pemerintahkotalentera.go.id:8443"],
    )
    def test_the_qr_code_is_version_four_or_less(self, client, session, address):
        # The QR code carries the site's address (the default Site), however long.
        site_address_set(url=address)
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        html = client.get(f"{session.url}presensi/layar/").content.decode()
        width = int(re.search(r'viewBox="0 0 (\d+) \d+"', html).group(1))
        modules = width // 8 - 2 * QUIET_ZONE  # scale 8, the quiet zone on each side
        assert (modules - 17) / 4 <= 4

    def test_the_qr_url_opens_check_in(self, client, session):
        client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
        from content.training.routes import checkin_url

        url = checkin_url(session.pk, Window.at())
        assert url == url.upper() and url.startswith("HTTP://LOCALHOST/P/")
        client.force_login(ParticipantFactory())
        response = client.get(url.split("LOCALHOST", 1)[1])
        assert "Presensi tercatat" in response.content.decode()
