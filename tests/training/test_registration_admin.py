"""An organizer changing a registration in the admin goes through the same seat rules as the
session page: capacity, the order of the waiting list and the emails stay true."""

import pytest
from django.core import mail

from content.base.errors import NotAllowed
from content.training import services
from content.training.models import Registration
from tests.assertions import assert_admin_refused
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_session(sessions):
    """One seat, taken by A; B and C waiting, in that order."""
    session = SessionPageFactory(parent=sessions, capacity=1)
    for name in "ABC":
        services.registration_create(
            session=session, participant=ParticipantFactory(full_name=name)
        )
    return session


def _statuses(session):
    return dict(
        Registration.objects.filter(session=session).values_list("participant__full_name", "status")
    )


def _registration(session, name):
    return Registration.objects.get(session=session, participant__full_name=name)


class TestRegistrationChange:
    def test_a_waiting_person_cannot_take_a_seat_that_is_not_free(self, full_session):
        with pytest.raises(NotAllowed, match=r"Kuota penuh \(1 dari 1 kursi terisi\)"):
            services.registration_change(
                registration=_registration(full_session, "C"), status="registered"
            )
        assert _statuses(full_session) == {"A": "registered", "B": "waitlisted", "C": "waitlisted"}

    def test_cancelling_a_seat_gives_it_to_the_first_person_waiting_and_tells_both(
        self, full_session, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            services.registration_change(
                registration=_registration(full_session, "A"), status="cancelled"
            )
        assert _statuses(full_session) == {"A": "cancelled", "B": "registered", "C": "waitlisted"}
        told = {email.to[0] for email in mail.outbox}
        assert told == {_registration(full_session, name).participant.email for name in ("A", "B")}

    def test_a_registered_person_is_not_moved_to_the_waiting_list(self, full_session):
        with pytest.raises(NotAllowed, match="tidak dapat dipindah ke daftar tunggu"):
            services.registration_change(
                registration=_registration(full_session, "A"), status="waitlisted"
            )
        assert _registration(full_session, "A").status == "registered"

    def test_a_cancelled_person_comes_back_at_the_end_of_the_queue(self, full_session):
        services.registration_change(
            registration=_registration(full_session, "B"), status="cancelled"
        )
        services.registration_change(
            registration=_registration(full_session, "B"), status="waitlisted"
        )
        order = Registration.objects.filter(session=full_session, status="waitlisted").order_by(
            "requested_at", "pk"
        )
        assert [r.participant.full_name for r in order] == ["C", "B"]

    def test_coming_back_still_needs_the_target_group(self, sessions):
        session = SessionPageFactory(parent=sessions)
        person = ptt()
        registration = services.registration_create(session=session, participant=person)
        services.registration_change(registration=registration, status="cancelled")
        session.target_group = "asn"
        session.save()
        with pytest.raises(NotAllowed, match="khusus untuk ASN"):
            services.registration_change(registration=registration, status="registered")
        assert Registration.objects.get().status == "cancelled"

    def test_publishing_more_seats_promotes_the_waiting_list_in_order(self, full_session):
        full_session.capacity = 2
        full_session.save_revision().publish()
        assert _statuses(full_session) == {"A": "registered", "B": "registered", "C": "waitlisted"}


class TestRegistrationAdmin:
    def test_an_over_capacity_change_is_refused_on_the_form_and_changes_nothing(
        self, client, organizer, full_session
    ):
        waiting = _registration(full_session, "B")
        response = client.post(
            f"/admin/registration/edit/{waiting.pk}/", {"status": "registered"}, follow=True
        )
        assert "Kuota penuh" in response.content.decode()
        assert _statuses(full_session) == {"A": "registered", "B": "waitlisted", "C": "waitlisted"}

    def test_a_cancellation_in_the_admin_promotes_the_next_person(
        self, client, organizer, full_session
    ):
        seat = _registration(full_session, "A")
        response = client.post(f"/admin/registration/edit/{seat.pk}/", {"status": "cancelled"})
        assert response.status_code == 302
        assert _statuses(full_session) == {"A": "cancelled", "B": "registered", "C": "waitlisted"}

    def test_nobody_adds_or_deletes_registrations_here(
        self, client, full_session, organizer_or_superuser
    ):
        seat = _registration(full_session, "A")
        assert_admin_refused(client.get("/admin/registration/new/"))
        assert_admin_refused(client.get(f"/admin/registration/delete/{seat.pk}/"))
        client.post("/admin/registration/new/", {"status": "registered"})
        client.post(f"/admin/registration/delete/{seat.pk}/")
        assert Registration.objects.filter(session=full_session).count() == 3
