"""Who gets a certificate, with which number: the rules, written test-first."""

import datetime

import pytest
from django.utils import timezone

from content.base.errors import NotAllowed
from content.certificates import codes, numbering
from content.certificates.models import Certificate, NumberSequence, Role
from content.certificates.services import certificate_issue
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose
from tests.factories.certificates import issues_for, issues_for_quiz, make_template
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_quiz, use_in_session, wrong_keys
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
# After the session (09.00-12.00) ended: certificates are issued once it is over.
NOV_2026 = timezone.make_aware(datetime.datetime(2026, 11, 20, 14, 0))


@pytest.fixture
def session(sessions):
    return SessionPageFactory(
        parent=sessions, title="Netralitas ASN", date=datetime.date(2026, 11, 20), training_hours=4
    )


@pytest.mark.parametrize(
    ("sequence", "moment", "expected"),
    [
        (7, datetime.datetime(2026, 11, 3), "007/SERT-LD/DISKOMINFO/XI/2026"),
        (123, datetime.datetime(2027, 4, 1), "123/SERT-LD/DISKOMINFO/IV/2027"),
        (1000, datetime.datetime(2026, 12, 31), "1000/SERT-LD/DISKOMINFO/XII/2026"),
    ],
)
def test_numbers_follow_the_offices_format(sequence, moment, expected):
    fmt = "{seq:03d}/SERT-LD/DISKOMINFO/{bulan_romawi}/{tahun}"
    assert numbering.format_number(fmt, sequence=sequence, moment=moment) == expected


@pytest.mark.parametrize(
    "bad",
    [
        "{seq.__class__}/{tahun}",
        "{nama}/{seq}/{tahun}",
        "SERT/{tahun}",
        "{seq}/SERT",
        "{seq!r}/{tahun}",
        "{tahun:>10}/{seq}",
        "{",
    ],
)
def test_a_number_format_that_could_misbehave_is_refused(bad):
    from django.core.exceptions import ValidationError

    template = make_template(number_format=bad)
    with pytest.raises(ValidationError):
        template.full_clean()


def test_codes_are_160_random_bits_in_readable_groups():
    made = {codes.new_code() for _ in range(200)}
    assert len(made) == 200 and all(len(code) == 32 for code in made)
    code = made.pop()
    assert codes.grouped(code).count("-") == 7
    assert codes.normalize(codes.grouped(code).lower()) == code
    assert codes.normalize("ＡＢ" + code[2:]) == "AB" + code[2:]  # fullwidth typed
    assert codes.normalize("O" + code[1:]) == "0" + code[1:]  # O read as zero
    for bad in ("", "abc", code + "A", "U" * 32, "<script>"):
        assert codes.normalize(bad) == ""


def test_an_attendee_gets_a_numbered_certificate(session):
    issues_for(session)
    person = ParticipantFactory()
    mark_attendance(session, person)
    certificate, created = certificate_issue(participant=person, session=session, now=NOV_2026)
    assert created and certificate.number == "001/SERT-LD/DISKOMINFO/XI/2026"
    assert (certificate.holder_name, certificate.training_hours) == (person.full_name, 4)
    assert (certificate.event_title, certificate.holder_nip) == ("Netralitas ASN", person.nip)


def test_issuing_twice_returns_the_same_certificate_and_spends_no_number(session):
    issues_for(session)
    person = ParticipantFactory()
    mark_attendance(session, person)
    first, _ = certificate_issue(participant=person, session=session, now=NOV_2026)
    again, created = certificate_issue(participant=person, session=session, now=NOV_2026)
    assert (again, created) == (first, False)
    assert NumberSequence.objects.get().last == 1


def test_numbers_run_per_template_per_year(session, sessions):
    template = make_template()
    issues_for(session, template)
    other = SessionPageFactory(parent=sessions, date=datetime.date(2026, 11, 20))
    issues_for(other, make_template(name="Lain", number_format="{seq:03d}/SERT-NS/{tahun}"))
    people = [ParticipantFactory() for _ in range(3)]
    for person in people:
        mark_attendance(session, person)
        mark_attendance(other, person)
    numbers = [
        certificate_issue(participant=p, session=session, now=NOV_2026)[0].sequence for p in people
    ]
    assert numbers == [1, 2, 3]
    assert certificate_issue(participant=people[0], session=other, now=NOV_2026)[0].sequence == 1
    next_year = NOV_2026.replace(year=2027)
    late = ParticipantFactory()
    mark_attendance(session, late)
    assert certificate_issue(participant=late, session=session, now=next_year)[0].sequence == 1


@pytest.mark.parametrize("status", ["izin", "tidak_hadir"])
def test_no_certificate_without_attending(session, status):
    issues_for(session)
    person = ParticipantFactory()
    mark_attendance(session, person, status=status)
    with pytest.raises(NotAllowed, match="hadir"):
        certificate_issue(participant=person, session=session)
    assert not Certificate.objects.exists() and not NumberSequence.objects.filter(last__gt=0)


def test_late_attendees_get_one_too(session):
    issues_for(session)
    person = ParticipantFactory()
    mark_attendance(session, person, status="terlambat")
    assert certificate_issue(participant=person, session=session)[1]


def test_a_session_without_a_rule_issues_nothing(session):
    person = ParticipantFactory()
    mark_attendance(session, person)
    with pytest.raises(NotAllowed, match="tidak menerbitkan"):
        certificate_issue(participant=person, session=session)


def test_a_session_with_a_post_test_requires_passing_it_by_default(session):
    issues_for(session)
    use_in_session(make_quiz(count=2, self_paced=False, max_attempts=2), session, Purpose.POST)
    person = ParticipantFactory()
    mark_attendance(session, person)
    context = quiz_selectors.session_test_context(session, Purpose.POST)

    with pytest.raises(NotAllowed, match="lulus post-test"):
        certificate_issue(participant=person, session=session)
    attempt = quiz_services.attempt_start(context=context, participant=person)
    quiz_services.attempt_submit(participant=person, key=attempt.key, answers=wrong_keys(attempt))
    with pytest.raises(NotAllowed, match="lulus post-test"):
        certificate_issue(participant=person, session=session)
    attempt = quiz_services.attempt_start(context=context, participant=person)
    quiz_services.attempt_submit(participant=person, key=attempt.key, answers=correct_keys(attempt))
    certificate, created = certificate_issue(participant=person, session=session)
    assert created and certificate.score == 100


def test_speakers_and_committee_are_issued_by_organizers_only(session):
    issues_for(session)
    speaker = ParticipantFactory()
    with pytest.raises(NotAllowed, match="penyelenggara"):
        certificate_issue(participant=speaker, session=session, role=Role.SPEAKER, by=speaker)
    organizer = UserFactory(username="organizer", groups=["Organizer"])
    certificate, _ = certificate_issue(
        participant=speaker, session=session, role=Role.SPEAKER, by=organizer
    )
    assert certificate.role == Role.SPEAKER and certificate.issued_by == organizer
    # a speaker may also have attended as a participant: a second certificate, another role
    mark_attendance(session, speaker)
    assert certificate_issue(participant=speaker, session=session)[1]


def test_a_self_paced_quiz_carries_its_own_certificate():
    quiz = make_quiz(count=1)
    issues_for_quiz(quiz, training_hours=2)
    person = ParticipantFactory()
    context = quiz_selectors.self_paced_context(quiz.slug)
    with pytest.raises(NotAllowed, match="setelah Anda lulus"):
        certificate_issue(participant=person, quiz=quiz)
    attempt = quiz_services.attempt_start(context=context, participant=person)
    quiz_services.attempt_submit(participant=person, key=attempt.key, answers=correct_keys(attempt))
    certificate, created = certificate_issue(participant=person, quiz=quiz)
    assert created and certificate.training_hours == 2 and certificate.event_title == quiz.title


def test_the_printed_identity_is_kept_as_issued(session):
    issues_for(session)
    person = ParticipantFactory(full_name="Siti Aminah")
    mark_attendance(session, person)
    certificate, _ = certificate_issue(participant=person, session=session)
    person.full_name = "Siti Aminah Lubis"
    person.save()
    certificate.refresh_from_db()
    assert certificate.holder_name == "Siti Aminah"


def test_two_templates_cannot_print_the_same_numbers():
    from django.core.exceptions import ValidationError

    from content.certificates.models import CertificateTemplate

    make_template()
    copy = CertificateTemplate(
        name="Kembar",
        signatory_1_name="A",
        signatory_1_position="B",
        number_format="{seq:03d}/SERT-LD/DISKOMINFO/{bulan_romawi}/{tahun}",
    )
    with pytest.raises(ValidationError, match="number_format"):
        copy.full_clean()
