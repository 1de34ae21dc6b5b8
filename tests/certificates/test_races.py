"""Simultaneous issues against real PostgreSQL: numbers are consecutive, never repeated or
skipped, and one person tapping twice gets one certificate."""

import pytest

from content.certificates.models import Certificate, NumberSequence
from content.certificates.services import certificate_issue
from tests.concurrency import all_at_once
from tests.factories.certificates import issues_for
from tests.factories.people import ParticipantFactory
from tests.factories.training import HeldSessionPageFactory, mark_attendance

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def session(sessions):
    session = HeldSessionPageFactory(parent=sessions)
    issues_for(session)
    return session


def test_twenty_simultaneous_issues_get_twenty_consecutive_numbers(session):
    people = [ParticipantFactory() for _ in range(20)]
    for person in people:
        mark_attendance(session, person)
    results, errors = all_at_once(
        lambda person: certificate_issue(participant=person, session=session), people
    )
    assert errors == []
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, 21))
    assert NumberSequence.objects.get().last == 20
    assert len({c.number for c, _ in results}) == 20


def test_one_person_issuing_at_once_gets_one_certificate_and_spends_one_number(session):
    person = ParticipantFactory()
    mark_attendance(session, person)
    results, errors = all_at_once(
        lambda _: certificate_issue(participant=person, session=session), range(8)
    )
    assert errors == []
    assert Certificate.objects.count() == 1
    assert {certificate.pk for certificate, _ in results} == {Certificate.objects.get().pk}
    assert NumberSequence.objects.get().last == 1
