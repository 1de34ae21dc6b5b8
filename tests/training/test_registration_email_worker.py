"""With TASK_WORKER on, a registration's confirmation leaves the request: it is queued in the
database and sent by the worker process (`manage.py db_worker`, the Procfile's worker)."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from content.training import services
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_confirmation_waits_for_the_worker_then_is_sent(sessions):
    session = SessionPageFactory(parent=sessions, title="Netralitas ASN")
    person = ParticipantFactory(email="ahmad@contoh.go.id")

    services.registration_create(session=session, participant=person)

    assert mail.outbox == []
    [queued] = DBTaskResult.objects.filter(task_path__endswith=".send_registration_email")
    assert queued.status == "READY"

    call_command("db_worker", batch=True, no_startup_delay=True, reload=False)

    assert [(email.to, email.subject) for email in mail.outbox] == [
        (["ahmad@contoh.go.id"], "Terdaftar: Netralitas ASN")
    ]
    queued.refresh_from_db()
    assert queued.status == "SUCCESSFUL"
