"""The bulk issue decides and numbers a chunk of attendees at once: the same rule as a single
claim, in a fixed number of queries whatever the chunk's size."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.certificates import selectors
from content.certificates.models import Certificate, NumberSequence
from content.certificates.services import certificate_issue
from content.certificates.services.issuing import certificates_issue_for_session
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import ParticipantFactory, bulk_participants
from tests.factories.quizzes import correct_keys, make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance

# The rule and its template, the certificates they have, the facts (the session's closing,
# attendance, the post-test, the attempts at it); then in a savepoint: the year's counter (read,
# created in a savepoint of its own as here for the template's first certificate, locked and
# written), who claimed meanwhile, and one insert of every new certificate.
CHUNK_QUERIES = 16
NEW_CERTIFICATES = 'INSERT INTO "certificates_certificate"'


def _session(parent, slug):
    session = SessionPageFactory(
        parent=parent, slug=slug, date=datetime.date(2026, 11, 20), training_hours=4
    )
    issues_for(session, make_template(name=slug, number_format=f"{{seq:03d}}/{slug}/{{tahun}}"))
    use_in_session(make_quiz(count=1, self_paced=False), session, Purpose.POST)
    return session


def _passed(session, people):
    context = quiz_selectors.session_test_context(session, Purpose.POST)
    for person in people:
        attempt = quiz_services.attempt_start(context=context, participant=person)
        quiz_services.attempt_submit(
            participant=person, key=attempt.key, answers=correct_keys(attempt)
        )


def _chunk(parent, size):
    session = _session(parent, f"sesi-{size}")
    people = bulk_participants(size, username=f"peserta-{size}", participant_group="pns")
    for person in people:
        mark_attendance(session, person)
    _passed(session, people)
    return session, people


@pytest.mark.django_db
def test_a_chunk_of_fifty_takes_the_queries_of_a_chunk_of_five(sessions):
    counts = {}
    for size in (5, 50):
        session, people = _chunk(sessions, size)
        with CaptureQueriesContext(connection) as queries:
            issued, refused = certificates_issue_for_session(session=session, participants=people)
        inserts = [q for q in queries.captured_queries if q["sql"].startswith(NEW_CERTIFICATES)]
        # One insert; SQLite caps the parameters of a statement, so Django splits it there.
        batches = 1 if connection.vendor == "postgresql" else -(-size // 30)
        assert 1 <= len(inserts) <= batches
        counts[size] = len(queries) - len(inserts) + 1
        assert refused == {}
        assert [issued[person.pk].sequence for person in people] == list(range(1, size + 1))
        assert all(issued[person.pk].score == 100 for person in people)
        # The same chunk again: nothing new, nothing numbered, fewer queries still.
        with CaptureQueriesContext(connection) as again:
            repeat, _ = certificates_issue_for_session(session=session, participants=people)
        assert {pk: c.pk for pk, c in repeat.items()} == {pk: c.pk for pk, c in issued.items()}
        assert len(again) < CHUNK_QUERIES
    assert counts == {5: CHUNK_QUERIES, 50: CHUNK_QUERIES}
    assert Certificate.objects.count() == 55
    assert sorted(NumberSequence.objects.values_list("last", flat=True)) == [5, 50]


@pytest.mark.django_db
def test_the_chunk_decides_each_person_as_a_single_claim_does(sessions):
    session = _session(sessions, "sesi-campur")
    passed, failed, untested, in_progress, excused = (
        ParticipantFactory(full_name=name)
        for name in ("Ayu Lulus", "Bima Gagal", "Citra Belum", "Dodi Sedang", "Eka Izin")
    )
    for person in (passed, failed, untested, in_progress):
        mark_attendance(session, person)
    mark_attendance(session, excused, status="izin")
    absent = ParticipantFactory(full_name="Fajar Absen")
    _passed(session, [passed])
    context = quiz_selectors.session_test_context(session, Purpose.POST)
    attempt = quiz_services.attempt_start(context=context, participant=failed)
    quiz_services.attempt_submit(participant=failed, key=attempt.key, answers={})
    quiz_services.attempt_start(context=context, participant=in_progress)
    people = [passed, failed, untested, in_progress, excused, absent]

    chunk = selectors.certificate_facts_for(session, people)
    for person in people:
        facts, best = selectors.certificate_facts(session, person)
        assert chunk[person.pk][0] == facts, person.full_name
        assert chunk[person.pk][1] == best, person.full_name

    issued, refused = certificates_issue_for_session(session=session, participants=people)
    assert set(issued) == {passed.pk}
    for person in people[1:]:
        with pytest.raises(Exception) as single:
            certificate_issue(participant=person, session=session)
        assert refused[person.pk] == single.value.message, person.full_name


@pytest.mark.django_db
def test_who_claimed_before_keeps_their_certificate_and_the_rest_follow_its_number(sessions):
    session, people = _chunk(sessions, 4)
    claimed, _ = certificate_issue(participant=people[2], session=session)
    issued, refused = certificates_issue_for_session(session=session, participants=people)
    assert refused == {}
    assert issued[people[2].pk].pk == claimed.pk and claimed.sequence == 1
    assert [issued[person.pk].sequence for person in people] == [2, 3, 1, 4]
    assert NumberSequence.objects.get().last == 4
