"""'Lupa kata sandi': the link reaches the account's address from the task worker, and the
request neither reveals whether an address is known nor can be repeated without end."""

import re

import pytest
from django.core import mail
from django.test import Client, override_settings
from django_tasks_db.models import DBTaskResult

from content.people.models import User
from tests.factories.people import ParticipantFactory

pytestmark = pytest.mark.django_db
URL = "/akun/sandi/lupa/"


def _ask(client, email):
    return client.post(URL, {"email": email})


class TestTheLink:
    def test_a_known_address_gets_a_link_that_sets_a_new_password(self, client):
        person = ParticipantFactory(email="ahmad@contoh.go.id")
        response = _ask(client, "Ahmad@Contoh.go.id")
        assert response["Location"] == "/akun/sandi/terkirim/"
        [email] = mail.outbox
        assert email.to == ["ahmad@contoh.go.id"]
        link = re.search(r"https?://\S+/akun/sandi/atur/\S+/", email.body).group(0)
        path = link.split("localhost", 1)[1]
        form_page = client.get(path, follow=True)
        client.post(
            form_page.redirect_chain[-1][0],
            {"new_password1": "Sandi-Baru-2026!", "new_password2": "Sandi-Baru-2026!"},
        )
        person.refresh_from_db()
        assert person.check_password("Sandi-Baru-2026!")

    def test_an_imported_person_without_a_password_gets_one(self, client):
        person = ParticipantFactory(email="impor@contoh.go.id")
        person.set_unusable_password()
        person.save()
        _ask(client, "impor@contoh.go.id")
        assert [email.to for email in mail.outbox] == [["impor@contoh.go.id"]]

    @pytest.mark.parametrize("typed", ["tidak.ada@contoh.go.id", "ahmad.fauzı@contoh.go.id"])
    def test_unknown_and_look_alike_addresses_get_the_same_answer_and_no_email(self, client, typed):
        ParticipantFactory(email="ahmad.fauzi@contoh.go.id")
        response = _ask(client, typed)
        assert response.status_code == 302
        assert response["Location"] == "/akun/sandi/terkirim/"
        assert mail.outbox == []


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_request_only_queues_the_email_for_the_worker(client):
    ParticipantFactory(email="ahmad@contoh.go.id")
    for address in ("ahmad@contoh.go.id", "tidak.ada@contoh.go.id"):
        assert _ask(client, address).status_code == 302
    queued = DBTaskResult.objects.filter(task_path__endswith=".send_password_reset")
    assert queued.count() == 2
    assert mail.outbox == []


class TestThrottle:
    def test_one_address_sends_one_email_three_links_an_hour(self, client):
        ParticipantFactory(email="ahmad@contoh.go.id")
        answers = [_ask(client, "ahmad@contoh.go.id") for _ in range(4)]
        assert [answer.status_code for answer in answers] == [302, 302, 302, 429]
        assert "Terlalu banyak permintaan" in answers[-1].content.decode()
        assert "tetap berlaku" in answers[-1].content.decode()
        assert int(answers[-1]["Retry-After"]) <= 60 * 60
        assert len(mail.outbox) == 3
        # Only that pair: the owner elsewhere, and others here, still get links.
        assert _ask(Client(REMOTE_ADDR="10.0.0.9"), "ahmad@contoh.go.id").status_code == 302
        assert _ask(client, "lain@contoh.go.id").status_code == 302

    def test_one_email_gets_ten_links_an_hour_from_every_address_together(self):
        ParticipantFactory(email="ahmad@contoh.go.id")
        answers = [_ask(Client(REMOTE_ADDR=f"10.0.0.{n}"), "ahmad@contoh.go.id") for n in range(11)]
        assert [answer.status_code for answer in answers].count(302) == 10
        assert answers[-1].status_code == 429
        assert len(mail.outbox) == 10

    def test_one_client_asks_thirty_times_an_hour(self):
        client = Client(REMOTE_ADDR="10.9.9.9")
        answers = [_ask(client, f"orang{n}@contoh.go.id") for n in range(31)]
        assert [answer.status_code for answer in answers].count(302) == 30
        assert answers[-1].status_code == 429
        assert User.objects.count() == 0

    def test_a_refused_request_counts_nowhere(self):
        """A client over its own ceiling cannot use up the email's (which its owner needs)."""
        ParticipantFactory(email="ahmad@contoh.go.id")
        busy = Client(REMOTE_ADDR="10.9.9.9")
        for n in range(30):
            _ask(busy, f"orang{n}@contoh.go.id")
        assert all(_ask(busy, "ahmad@contoh.go.id").status_code == 429 for _ in range(20))
        assert _ask(Client(REMOTE_ADDR="10.0.0.1"), "ahmad@contoh.go.id").status_code == 302


def test_there_is_one_reset_flow_and_the_admin_login_leads_to_it(client):
    """Wagtail's own admin form sent its email inside the request (a known address answered
    slower) and counted nothing: it is off, and the admin login links to ours."""
    ParticipantFactory(email="ahmad@contoh.go.id")
    for n in range(5):
        response = Client(REMOTE_ADDR=f"10.0.0.{n}").post(
            "/admin/password_reset/", {"email": "ahmad@contoh.go.id"}
        )
        assert response.status_code == 404
    assert mail.outbox == []
    assert 'href="/akun/sandi/lupa/"' in client.get("/admin/login/").content.decode()
