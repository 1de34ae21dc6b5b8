"""Erasing a participant's data leaves nothing that identifies them, in any table of any app,
and frees the seats they held."""

import datetime

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.utils import timezone

from content.people import services
from content.people.models import DeletionRequest, User
from content.training import services as training
from content.training.models import Attendance, Registration
from tests.factories.people import PASSWORD, ParticipantFactory, follow_confirmation_links
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

NAME = "Zulaikha Paramitha Anggraeni"
NIP = "199203152015032007"
NIK = "3471015503920007"
EMAIL = "zulaikha.paramitha@contoh.go.id"
PHONE = "081299887766"
MARKERS = (NAME, NIP, NIK, EMAIL, PHONE, "Zulaikha", "zulaikha.paramitha")


def _text_fields(model):
    kinds = (models.CharField, models.TextField, models.JSONField, models.EmailField)
    return [field for field in model._meta.concrete_fields if isinstance(field, kinds)]


def _where_markers_remain():
    """Every row of every model of every app whose text still holds one of the markers."""
    found = []
    for model in apps.get_models():
        fields = _text_fields(model)
        if not fields:
            continue
        for row in model._default_manager.values_list(*[f.attname for f in fields]):
            text = " ".join(str(value) for value in row if value)
            found += [(model._meta.label, marker) for marker in MARKERS if marker in text]
    return found


@pytest.fixture
def person(client, sessions, django_capture_on_commit_callbacks):
    """A participant who has used everything: sessions, check-in, a wrong password, an
    organizer's edit, and an erasure request."""
    person = ParticipantFactory(
        full_name=NAME, nip=NIP, nik=NIK, email=EMAIL, phone=PHONE, rank="III/a"
    )
    past = SessionPageFactory(parent=sessions, date=timezone.localdate() - datetime.timedelta(3))
    mark_attendance(past, person)
    upcoming = SessionPageFactory(parent=sessions, capacity=1)
    training.registration_create(session=upcoming, participant=person)
    client.force_login(UserFactory(username="organizer", groups=["Organizer"]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/participant/edit/{person.pk}/",
            {
                "full_name": NAME,
                "participant_group": "pns",
                "nip": NIP,
                "nik": NIK,
                "agency": person.agency_id,
                "position": "Analis",
                "rank": "III/a",
                "email": "zulaikha.paramitha.baru@contoh.go.id",
                "phone": PHONE,
                "is_active": "on",
            },
        )
        assert response.status_code == 302
    # The new address waits for its owner: both links are followed (the old address's,
    # proving control of the account, and the new one's).
    with django_capture_on_commit_callbacks(execute=True):
        follow_confirmation_links(client, mail.outbox)
    client.logout()
    client.post(
        "/akun/masuk/", {"username": "zulaikha.paramitha.baru@contoh.go.id", "password": PASSWORD}
    )
    client.post("/akun/hapus-data/", {"reason": f"Saya {NAME} pindah kota", "confirm": "on"})
    client.logout()
    client.post("/akun/masuk/", {"username": EMAIL, "password": "salah"})
    client.post("/akun/masuk/", {"username": NIP, "password": "salah"})
    return person


def test_the_markers_are_found_before(person):
    from axes.models import AccessAttempt

    assert {label for label, _ in _where_markers_remain()} >= {
        "people.User",
        "people.DeletionRequest",
        "wagtailcore.ModelLogEntry",
    }
    # The throttle holds a keyed hash of each identifier typed (email, NIP), never the value.
    keys = set(AccessAttempt.objects.values_list("username", flat=True))
    assert len(keys) == 2 and all(key.startswith("id-") for key in keys)


def test_after_erasure_no_table_holds_the_person(person):
    request = DeletionRequest.objects.get(user=person)
    services.participant_erase(deletion_request=request, by=UserFactory(username="admin"))
    assert _where_markers_remain() == []

    person.refresh_from_db()
    assert (person.is_active, person.agency_id, person.rank) == (False, None, "")
    assert not person.has_usable_password()


def test_erasure_frees_upcoming_seats_and_keeps_the_statistics(
    person, sessions, django_capture_on_commit_callbacks
):
    upcoming = Registration.objects.get(participant=person).session
    waiting = ParticipantFactory()
    training.registration_create(session=upcoming, participant=waiting)
    agency_then = Attendance.objects.get(participant=person).agency_id
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.participant_erase(
            deletion_request=DeletionRequest.objects.get(user=person), by=None
        )

    assert Registration.objects.get(participant=person).status == "cancelled"
    assert Registration.objects.get(participant=waiting).status == "registered"
    assert [email.to for email in mail.outbox] == [[waiting.email]]
    attendance = Attendance.objects.get(participant=person)
    assert (attendance.agency_id, attendance.participant_group) == (agency_then, "pns")
    assert User.objects.filter(pk=person.pk, participant_group="pns").exists()
