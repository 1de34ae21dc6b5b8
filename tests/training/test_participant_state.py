"""The session page and Akun saya show the participant's own state: checked in at what time,
the tests done with their scores, the certificate ready or not yet and why. It is a personal
part: a copy of the page shared by every logged-in reader never holds anyone's state."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from content.base.page_cache import CACHE_HEADER
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose
from content.training import services
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz, use_in_session, wrong_keys
from tests.factories.training import SessionPageFactory, session_under_way

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(sessions):
    """Under way, check-in open, a pre- and a post-test open, a certificate rule."""
    session = session_under_way(sessions, title="Netralitas ASN")
    for purpose in (Purpose.PRE, Purpose.POST):
        use_in_session(make_quiz(count=2, self_paced=False), session, purpose)
    issues_for(session)
    return session


def take(session, person, purpose, *, right):
    context = quiz_selectors.session_test_context(session, purpose)
    attempt = quiz_services.attempt_start(context=context, participant=person)
    keys = correct_keys(attempt) if right else wrong_keys(attempt)
    quiz_services.attempt_submit(participant=person, key=attempt.key, answers=keys)


def page(client, session):
    response = client.get(session.url)
    assert response.status_code == 200
    return response.content.decode()


class TestTheSessionPage:
    def test_after_check_in_it_shows_the_time_not_the_code_form(self, client, running):
        person = ParticipantFactory()
        client.force_login(person)
        assert "Ketik kode presensi" in page(client, running)
        attendance, _ = services.attendance_record(session=running, participant=person, method="qr")
        html = page(client, running)
        moment = timezone.localtime(attendance.checked_in_at).strftime("%H.%M")
        assert f"presensi pukul {moment} WIB" in html
        assert "Ketik kode presensi" not in html

    def test_after_both_tests_it_shows_the_scores_and_offers_them_no_more(self, client, running):
        person = ParticipantFactory()
        services.attendance_record(session=running, participant=person, method="qr")
        client.force_login(person)
        assert "Kerjakan pre-test" in page(client, running)
        take(running, person, Purpose.PRE, right=False)
        take(running, person, Purpose.POST, right=True)
        html = page(client, running)
        assert "Kerjakan pre-test" not in html and "Kerjakan post-test" not in html
        assert "selesai · nilai 0 (belum lulus)" in html
        assert "selesai · nilai 100 (lulus)" in html

    def test_the_certificate_says_when_it_will_be_ready(self, client, running):
        person = ParticipantFactory()
        services.attendance_record(session=running, participant=person, method="qr")
        client.force_login(person)
        html = page(client, running)
        assert "Sertifikat belum tersedia" in html
        assert "mensyaratkan lulus post-test" in html
        assert "setelah sosialisasi selesai" in html
        assert "Ambil sertifikat" not in html

    def test_a_running_session_shows_no_empty_registration_panel(self, client, running):
        client.force_login(ParticipantFactory())
        assert 'id="reg-heading"' not in page(client, running)
        client.logout()
        assert 'id="reg-heading"' not in page(client, running)

    @override_settings(READER_CACHE_SECONDS=600)
    def test_no_ones_state_enters_the_copy_shared_by_readers(self, client, running):
        first, second = ParticipantFactory(), ParticipantFactory()
        services.attendance_record(session=running, participant=first, method="qr")
        client.force_login(first)
        assert "presensi pukul" in page(client, running)
        client.force_login(second)
        response = client.get(running.url)
        assert response[CACHE_HEADER] == "reader-hit"  # the copy the first reader's view stored
        html = response.content.decode()
        assert "presensi pukul" not in html and "Ketik kode presensi" in html
        client.force_login(first)
        assert "presensi pukul" in page(client, running)


class TestAkunSaya:
    def test_a_missed_past_session_is_not_terdaftar(self, client, sessions):
        person = ParticipantFactory()
        session = SessionPageFactory(parent=sessions, title="Sesi Lalu")
        services.registration_create(session=session, participant=person)
        session.date = timezone.localdate() - datetime.timedelta(days=3)
        session.save()
        client.force_login(person)
        html = client.get("/akun/").content.decode()
        assert "Tidak hadir" in html

    def test_it_says_what_the_certificate_still_needs(self, client, running):
        person = ParticipantFactory()
        services.attendance_record(session=running, participant=person, method="qr")
        client.force_login(person)
        html = client.get("/akun/").content.decode()
        assert "Sertifikat belum tersedia" in html
        assert "mensyaratkan lulus post-test" in html and "setelah sosialisasi selesai" in html
        assert "Ambil sertifikat" not in html
