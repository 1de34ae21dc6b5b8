"""Simultaneous sign-ups with the same NIP leave exactly one account (PostgreSQL only)."""

import threading

import pytest
from django.db import connection
from django.test import Client

from content.people.models import User
from tests.factories.people import AgencyFactory

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ATTEMPTS = 12


def test_concurrent_registrations_with_one_nip_make_one_account(settings):
    # The race, not the throttle of "already registered" answers (tests/security/), is tested.
    settings.LOOKUPS_PER_IDENTIFIER = settings.LOOKUPS_PER_ADDRESS = ATTEMPTS
    agency = AgencyFactory()
    barrier = threading.Barrier(ATTEMPTS)
    statuses = []

    def register(number):
        try:
            client = Client()
            barrier.wait()
            response = client.post(
                "/akun/daftar/",
                {
                    "participant_group": "pns",
                    "nip": "198501012010011001",
                    "full_name": f"Peserta {number}",
                    "agency": agency.pk,
                    "position": "Staf",
                    "email": f"peserta{number}@contoh.go.id",
                    "password1": "Lentera-2024-aman",
                    "password2": "Lentera-2024-aman",
                },
            )
            statuses.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(ATTEMPTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert User.objects.filter(nip="198501012010011001").count() == 1
    assert statuses.count(302) == 1
    assert statuses.count(200) == ATTEMPTS - 1  # each told why, in the form
