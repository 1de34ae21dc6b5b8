import datetime

import pytest
from django.core import mail
from django.utils import timezone

from content.base.errors import NotAllowed
from content.training import services
from content.training.models import Registration
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db


def _statuses(session):
    return list(
        Registration.objects.filter(session=session)
        .order_by("requested_at", "pk")
        .values_list("participant__full_name", "status")
    )


class TestRegistration:
    def test_registering_twice_keeps_one_registration(self, sessions):
        session = SessionPageFactory(parent=sessions)
        person = ParticipantFactory()
        first = services.registration_create(session=session, participant=person)
        second = services.registration_create(session=session, participant=person)
        assert first.pk == second.pk
        assert Registration.objects.count() == 1

    def test_seats_then_waiting_list_then_promotion_in_order(self, sessions):
        session = SessionPageFactory(parent=sessions, capacity=2)
        people = [ParticipantFactory(full_name=name) for name in "ABCD"]
        for person in people:
            services.registration_create(session=session, participant=person)
        assert _statuses(session) == [
            ("A", "registered"),
            ("B", "registered"),
            ("C", "waitlisted"),
            ("D", "waitlisted"),
        ]

        services.registration_cancel(session=session, participant=people[0])

        assert dict(_statuses(session)) == {
            "A": "cancelled",
            "B": "registered",
            "C": "registered",
            "D": "waitlisted",
        }

    def test_cancelling_a_waiting_place_promotes_nobody(self, sessions):
        session = SessionPageFactory(parent=sessions, capacity=1)
        a, b, c = (ParticipantFactory(full_name=n) for n in "ABC")
        for person in (a, b, c):
            services.registration_create(session=session, participant=person)
        services.registration_cancel(session=session, participant=b)
        assert dict(_statuses(session)) == {"A": "registered", "B": "cancelled", "C": "waitlisted"}

    def test_registering_again_after_cancelling_goes_to_the_back(self, sessions):
        session = SessionPageFactory(parent=sessions, capacity=1)
        a, b = ParticipantFactory(full_name="A"), ParticipantFactory(full_name="B")
        services.registration_create(session=session, participant=a)
        services.registration_create(session=session, participant=b)
        services.registration_cancel(session=session, participant=a)
        services.registration_create(session=session, participant=a)
        assert dict(_statuses(session)) == {"A": "waitlisted", "B": "registered"}

    def test_after_the_deadline_registration_and_cancellation_are_refused(self, sessions):
        session = SessionPageFactory(
            parent=sessions, registration_deadline=timezone.now() - datetime.timedelta(hours=1)
        )
        person = ParticipantFactory()
        with pytest.raises(NotAllowed, match="sudah ditutup"):
            services.registration_create(session=session, participant=person)
        with pytest.raises(NotAllowed):
            services.registration_cancel(session=session, participant=person)
        assert not Registration.objects.exists()

    @pytest.mark.parametrize(
        ("target", "make", "message"),
        [
            ("asn", lambda: ptt(), "khusus untuk ASN"),
            ("ptt", lambda: ParticipantFactory(), "khusus untuk PTT"),
        ],
    )
    def test_people_outside_the_target_group_are_refused(self, sessions, target, make, message):
        session = SessionPageFactory(parent=sessions, target_group=target)
        with pytest.raises(NotAllowed, match=message):
            services.registration_create(session=session, participant=make())
        assert not Registration.objects.exists()

    def test_confirmation_email_is_sent_after_commit(
        self, sessions, django_capture_on_commit_callbacks
    ):
        session = SessionPageFactory(parent=sessions, title="Netralitas ASN")
        person = ParticipantFactory(email="ahmad@contoh.go.id")
        with django_capture_on_commit_callbacks(execute=True):
            services.registration_create(session=session, participant=person)
        [email] = mail.outbox
        assert email.to == ["ahmad@contoh.go.id"]
        assert email.subject == "Terdaftar: Netralitas ASN"
        assert "Netralitas ASN" in email.body


class TestRegistrationPages:
    def test_participant_registers_from_the_session_page(self, client, sessions):
        session = SessionPageFactory(parent=sessions, capacity=10)
        person = ParticipantFactory()
        client.force_login(person)

        response = client.post(session.url + "daftar/", follow=True)

        assert "Anda terdaftar" in response.content.decode()
        assert "1 dari 10 kursi terisi" in response.content.decode()
        assert Registration.objects.get().participant == person

    def test_calendar_file(self, client, sessions):
        session = SessionPageFactory(
            parent=sessions, title="Etika ASN", date=datetime.date(2026, 12, 3)
        )
        response = client.get(session.url + "kalender/")
        body = response.content.decode()
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "SUMMARY:Etika ASN\r\n" in body
        assert "DTSTART:20261203T020000Z\r\n" in body  # 09.00 WIB
        assert "DTEND:20261203T050000Z\r\n" in body

    def test_index_lists_upcoming_and_past_sessions(self, client, sessions):
        SessionPageFactory(parent=sessions, title="Besok")
        SessionPageFactory(
            parent=sessions, title="Lalu", date=timezone.localdate() - datetime.timedelta(days=3)
        )
        response = client.get("/sesi/")
        assert [s.title for s in response.context["upcoming"]] == ["Besok"]
        assert [s.title for s in response.context["past"]] == ["Lalu"]
