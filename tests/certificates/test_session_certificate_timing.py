"""A session's certificate is issued once the session is over (at its end, or when the organizer
closes it with "Tutup sesi"), and, when the session has a post-test, after passing it unless the
session turns that off on purpose. Every path obeys the one rule: a participant's claim, the bulk
issue, the admin."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from content.base.errors import NotAllowed
from content.certificates import selectors, services
from content.certificates.models import Certificate
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose
from content.training import services as training_services
from content.training.models import SessionState
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, session_under_way
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 11, 20)  # 09.00-12.00 WIB


@pytest.fixture
def session(sessions):
    session = SessionPageFactory(parent=sessions, title="Netralitas ASN", date=DAY)
    issues_for(session)
    return session


@pytest.fixture
def organizer(db):
    return UserFactory(username="penyelenggara", groups=["Organizer"])


def at(hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(DAY, datetime.time(hour, minute)))


def walk_in(session, *, now):
    person = ParticipantFactory()
    training_services.checkin_open(session=session, by=None, now=at(8, 45))
    training_services.attendance_record(session=session, participant=person, method="qr", now=now)
    return person


def pass_post_test(session, person, *, now):
    context = quiz_selectors.session_test_context(session, Purpose.POST)
    attempt = quiz_services.attempt_start(context=context, participant=person, now=now)
    quiz_services.attempt_submit(
        participant=person, key=attempt.key, answers=correct_keys(attempt), now=now
    )


class TestTheSessionMustBeOver:
    def test_a_walk_in_minutes_after_check_in_is_refused_until_the_end(self, session):
        person = walk_in(session, now=at(9, 5))
        with pytest.raises(NotAllowed, match="setelah sosialisasi selesai, 20 November 2026"):
            services.certificate_issue(participant=person, session=session, now=at(9, 10))
        assert not Certificate.objects.exists()
        certificate, created = services.certificate_issue(
            participant=person, session=session, now=at(12, 0)
        )
        assert created and certificate.training_hours == session.training_hours

    def test_closing_the_session_lets_certificates_be_issued_from_then(self, session, organizer):
        person = walk_in(session, now=at(9, 5))
        training_services.session_close(session=session, by=organizer, now=at(11, 0))
        with pytest.raises(NotAllowed, match="selesai"):
            services.certificate_issue(participant=person, session=session, now=at(10, 59))
        _, created = services.certificate_issue(participant=person, session=session, now=at(11, 1))
        assert created

    def test_speakers_certificates_wait_for_the_end_too(self, session, organizer):
        speaker = ParticipantFactory()
        with pytest.raises(NotAllowed, match="selesai"):
            services.certificate_issue(
                participant=speaker, session=session, role="narasumber", by=organizer, now=at(10)
            )

    def test_a_claim_during_the_session_is_refused_with_the_reason(self, client, session):
        # The claim view reads the real clock: a session under way today.
        now = timezone.localtime()
        session.date, session.start_time = now.date(), (now - datetime.timedelta(minutes=30)).time()
        session.end_time = datetime.time(23, 59, 59)
        session.save()
        person = ParticipantFactory()
        training_services.checkin_open(session=session, by=None)
        training_services.attendance_record(session=session, participant=person, method="qr")
        client.force_login(person)
        response = client.post(reverse("certificates:claim", args=[session.pk]), follow=True)
        assert "setelah sosialisasi selesai" in response.content.decode()
        assert not Certificate.objects.exists()
        assert selectors.claimable_sessions(person) == []

    def test_a_bulk_issue_before_the_end_is_refused(self, session, organizer):
        session.date = timezone.localdate() + datetime.timedelta(days=1)
        session.save()
        with pytest.raises(NotAllowed, match="Tutup sesi"):
            services.bulk_issue_start(session=session, by=organizer)


class TestThePostTest:
    @pytest.fixture
    def with_post_test(self, session):
        use_in_session(make_quiz(count=2, self_paced=False, max_attempts=2), session, Purpose.POST)
        return session

    def test_a_session_with_a_post_test_requires_passing_it(self, with_post_test):
        session = with_post_test
        person = walk_in(session, now=at(9, 5))
        with pytest.raises(NotAllowed, match="lulus post-test"):
            services.certificate_issue(participant=person, session=session, now=at(13))
        pass_post_test(session, person, now=at(11, 30))
        certificate, created = services.certificate_issue(
            participant=person, session=session, now=at(13)
        )
        assert created and certificate.score == 100

    def test_the_organizer_may_turn_the_requirement_off_on_purpose(self, with_post_test):
        session = with_post_test
        session.certificate_requires_post_test = False
        session.save()
        person = walk_in(session, now=at(9, 5))
        _, created = services.certificate_issue(participant=person, session=session, now=at(13))
        assert created

    def test_the_state_says_what_is_missing_as_issuing_does(self, with_post_test):
        session = with_post_test
        person = walk_in(session, now=at(9, 5))
        state = selectors.session_states(
            person, type(session).objects.filter(pk=session.pk), now=at(9, 10)
        )[session.pk]
        assert [item.key for item in state.missing] == ["post_test", "session_end"]
        assert not state.certificate_ready
        pass_post_test(session, person, now=at(11, 30))
        later = selectors.session_states(
            person, type(session).objects.filter(pk=session.pk), now=at(12)
        )[session.pk]
        assert later.certificate_ready and later.missing == ()


class TestTutupSesi:
    def test_only_an_organizer_closes_and_not_before_it_starts(self, session, organizer):
        with pytest.raises(NotAllowed):
            training_services.session_close(session=session, by=ParticipantFactory(), now=at(10))
        with pytest.raises(NotAllowed, match="belum dapat ditutup"):
            training_services.session_close(session=session, by=organizer, now=at(8))
        assert not SessionState.objects.filter(closed_at__isnull=False).exists()

    def test_closing_ends_check_in_and_a_second_close_keeps_the_first(self, session, organizer):
        training_services.checkin_open(session=session, by=organizer, now=at(8, 45))
        state = training_services.session_close(session=session, by=organizer, now=at(10))
        assert state.closed_at == at(10) and not state.checkin_open
        again = training_services.session_close(session=session, by=organizer, now=at(10, 30))
        assert again.closed_at == at(10)

    def test_the_admin_button_asks_then_closes(self, client, sessions, organizer):
        now = timezone.localtime()
        session = SessionPageFactory(
            parent=sessions,
            date=now.date(),
            start_time=datetime.time(0, 0),
            end_time=datetime.time(23, 59, 59),
        )
        client.force_login(organizer)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
        url = reverse("training_session_close", args=[session.pk])
        assert url in edit.content.decode()
        assert "Tutup sesi sekarang" in client.get(url).content.decode()
        client.post(url)
        assert SessionState.objects.get(session=session).closed_at is not None

    def test_a_participant_cannot_reach_the_admin_button(self, client, session):
        client.force_login(ParticipantFactory())
        response = client.post(reverse("training_session_close", args=[session.pk]))
        assert response.status_code in (302, 403)
        assert not SessionState.objects.filter(closed_at__isnull=False).exists()

    def test_a_closed_session_reads_finished_and_its_certificate_is_ready(
        self, client, sessions, organizer
    ):
        session = session_under_way(sessions)
        issues_for(session)
        person = ParticipantFactory()
        training_services.attendance_record(session=session, participant=person, method="qr")
        client.force_login(person)
        assert "Sedang berlangsung" in client.get(session.url).content.decode()
        training_services.session_close(session=session, by=organizer)
        html = client.get(session.url).content.decode()
        assert "Selesai" in html and "Sedang berlangsung" not in html
        assert "Sertifikat Anda siap diambil" in html
        response = client.post(
            reverse("certificates:claim", args=[session.pk]), {"next": session.url}, follow=True
        )
        assert response.redirect_chain[-1][0] == session.url
        assert "Sertifikat Anda sudah terbit" in response.content.decode()
