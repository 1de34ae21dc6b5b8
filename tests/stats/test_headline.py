"""The dashboard's headline figures on a small hand-made data set whose answers are worked out
below, by hand, from the records each test states."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.certificates.services import certificate_issue, certificate_revoke
from content.people.models import AgencyKind, ParticipantGroup
from content.quizzes.models import Purpose
from content.stats import selectors
from content.stats.filters import StatsFilter
from content.training import services as training_services
from tests.factories.articles import TopicFactory
from tests.factories.certificates import issues_for, make_template
from tests.factories.people import AgencyFactory, ParticipantFactory, ptt
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db
YEAR_2026 = {"start": datetime.date(2026, 1, 1), "end": datetime.date(2026, 12, 31)}


@pytest.fixture
def world(sessions, django_user_model):
    """Four people in three agencies (a kecamatan, its kelurahan, a dinas); three sessions,
    one of them last year; tests, a self-paced quiz and certificates."""
    kecamatan = AgencyFactory(name="Kecamatan Utara", kind=AgencyKind.KECAMATAN)
    kelurahan = AgencyFactory(name="Kelurahan Asri", kind=AgencyKind.KELURAHAN, parent=kecamatan)
    dinas = AgencyFactory(name="Dinas Kominfo")
    neutrality = TopicFactory(name="Netralitas ASN", slug="netralitas-asn")
    literacy = TopicFactory(name="Literasi Digital", slug="literasi-digital")
    p1 = ParticipantFactory(full_name="Satu", agency=kelurahan)
    p2 = ParticipantFactory(
        full_name="Dua", agency=kecamatan, participant_group=ParticipantGroup.PPPK
    )
    p3 = ptt(full_name="Tiga", agency=dinas)
    p4 = ParticipantFactory(full_name="Empat", agency=dinas)

    def session(slug, date, topic, hours):
        return SessionPageFactory(
            parent=sessions, slug=slug, date=date, topic=topic, training_hours=hours, capacity=3
        )

    s1 = session("s1", datetime.date(2026, 3, 10), neutrality, 4)
    s2 = session("s2", datetime.date(2026, 6, 15), literacy, 2)
    s3 = session("s3", datetime.date(2025, 11, 1), neutrality, 3)

    def week_before(session):
        return session.starts_at - datetime.timedelta(days=7)

    for person in (p1, p2, p3, p4):  # the fourth goes on S1's waiting list (capacity 3)...
        training_services.registration_create(session=s1, participant=person, now=week_before(s1))
    for person in (p1, p4):
        training_services.registration_create(session=s2, participant=person, now=week_before(s2))
    # ...and gets the seat p3 gives up.
    training_services.registration_cancel(session=s1, participant=p3, now=week_before(s1))
    for person, status in ((p1, "hadir"), (p2, "terlambat"), (p3, "tidak_hadir"), (p4, "hadir")):
        mark_attendance(s1, person, status)
    mark_attendance(s2, p1, "izin")
    mark_attendance(s2, p3, "hadir")  # a walk-in
    mark_attendance(s3, p1, "hadir")

    pre, post = make_quiz(count=1, self_paced=False), make_quiz(count=1, self_paced=False)
    use_in_session(pre, s1, Purpose.PRE)
    use_in_session(post, s1, Purpose.POST)
    on = s1.date
    attempt(p1, pre, session=s1, purpose=Purpose.PRE, score=40, on=on)
    attempt(p1, post, session=s1, purpose=Purpose.POST, score=80, on=on)
    attempt(p2, pre, session=s1, purpose=Purpose.PRE, score=60, on=on)
    attempt(p2, post, session=s1, purpose=Purpose.POST, score=50, on=on)
    attempt(p4, post, session=s1, purpose=Purpose.POST, on=on)  # still open
    self_paced = make_quiz(count=1, topic=literacy)
    attempt(p3, self_paced, score=90, on=datetime.date(2026, 5, 2))

    issues_for(s1)
    # p2 did not pass S1's post-test: its certificates were set not to ask for it.
    s1.certificate_requires_post_test = False
    s1.save(update_fields=["certificate_requires_post_test"])
    issues_for(s3, make_template(number_format="{seq}/LALU/{tahun}"))
    certificate_issue(participant=p1, session=s1)
    certificate_issue(participant=p1, session=s3)
    revoked, _ = certificate_issue(participant=p2, session=s1)
    certificate_revoke(certificate=revoked, reason="Salah data", by=None)
    return locals()


def test_the_year_as_a_whole(world):
    figures = selectors.headline(StatsFilter(**YEAR_2026))
    # Attended in 2026: S1 p1, p2 (late), p4; S2 p3 (walk-in). S3 was last year.
    assert (figures.sessions_held, figures.attendances, figures.participants) == (2, 4, 4)
    assert (figures.asn, figures.ptt) == (3, 1)
    assert figures.training_hours == 4 + 4 + 4 + 2
    # Registered (not waitlisted, not cancelled): S1 p1, p2, p4 (seated from the waiting
    # list); S2 p1, p4. Of those, S1's three came; S2's p1 was excused and p4 absent.
    assert (figures.registered, figures.registered_attended) == (5, 3)
    assert figures.attendance_rate == Decimal("60.0")
    # Six attempts, one still open; passing counts post-tests and the self-paced quiz only.
    assert (figures.attempts_started, figures.attempts_finished) == (6, 5)
    assert (figures.attempts_assessed, figures.attempts_passed) == (3, 2)
    assert figures.completion_rate == Decimal("83.3")
    assert figures.pass_rate == Decimal("66.7")
    assert (figures.pre_average, figures.post_average) == (Decimal("50.00"), Decimal("65.00"))
    assert figures.normalised_gain == Decimal("0.30")  # (65 - 50) / (100 - 50)
    assert figures.certificates == 1  # S1 p1; p2's was revoked, S3's is last year's


def test_an_agency_counts_the_agencies_under_it(world):
    kecamatan = StatsFilter(**YEAR_2026, agency=world["kecamatan"])
    figures = selectors.headline(kecamatan)
    assert (figures.participants, figures.attendances, figures.training_hours) == (2, 2, 8)
    assert (figures.registered, figures.registered_attended) == (3, 2)
    assert (figures.attempts_started, figures.attempts_passed, figures.certificates) == (4, 1, 1)

    kelurahan = StatsFilter(**YEAR_2026, agency=world["kelurahan"])
    assert selectors.headline(kelurahan).participants == 1


def test_groups_topics_and_a_single_session(world):
    ptt_only = selectors.headline(StatsFilter(**YEAR_2026, group="ptt"))
    assert (ptt_only.participants, ptt_only.asn, ptt_only.ptt, ptt_only.training_hours) == (
        1,
        0,
        1,
        2,
    )
    assert ptt_only.attempts_started == 1 and ptt_only.registered == 0  # p3 cancelled

    asn = selectors.headline(StatsFilter(**YEAR_2026, group="asn"))
    assert (asn.participants, asn.ptt) == (3, 0)

    neutrality = selectors.headline(StatsFilter(**YEAR_2026, topic=world["neutrality"]))
    assert (neutrality.sessions_held, neutrality.attendances) == (1, 3)
    assert neutrality.attempts_started == 5  # S1's tests, not the literacy quiz

    s2 = selectors.headline(StatsFilter(session=world["s2"]))
    assert (s2.attendances, s2.attempts_started, s2.registered) == (1, 0, 2)

    everything = selectors.headline(StatsFilter())
    assert (everything.sessions_held, everything.attendances, everything.certificates) == (3, 5, 2)


def test_a_person_who_moves_agency_does_not_change_last_years_figures(world):
    kecamatan = StatsFilter(**YEAR_2026, agency=world["kecamatan"])
    before = selectors.headline(kecamatan)
    p1 = world["p1"]
    p1.agency = world["dinas"]
    p1.participant_group, p1.nip = ParticipantGroup.PTT, None
    p1.save()
    assert selectors.headline(kecamatan) == before
    assert selectors.headline(StatsFilter(**YEAR_2026, group="ptt")).participants == 1


def test_the_figures_are_current_after_a_new_check_in(world):
    year = StatsFilter(**YEAR_2026)
    before = selectors.headline(year)
    mark_attendance(world["s2"], world["p4"], "hadir")
    after = selectors.headline(year)
    assert after.attendances == before.attendances + 1
    assert after.registered_attended == before.registered_attended + 1


def test_the_headline_takes_four_queries_whatever_the_data(world):
    dinas = StatsFilter(**YEAR_2026, agency=world["dinas"], group="asn")
    with CaptureQueriesContext(connection) as queries:
        figures = selectors.headline(dinas)
    assert len(queries) == 4
    assert figures.participants == 1  # p4; p3 is PTT


def test_self_paced_attempts_count_by_the_local_day_they_started(world):
    """The period's bounds are whole days in the office's time zone (WIB, UTC+7)."""
    quiz = make_quiz(count=1)
    wib = datetime.timezone(datetime.timedelta(hours=7))
    for moment in (
        datetime.datetime(2025, 12, 31, 23, 59, tzinfo=wib),  # before the year: not counted
        datetime.datetime(2026, 1, 1, 0, 0, tzinfo=wib),
        datetime.datetime(2026, 12, 31, 23, 59, tzinfo=wib),
        datetime.datetime(2027, 1, 1, 0, 0, tzinfo=wib),  # after it: not counted
    ):
        started = attempt(world["p4"], quiz, score=90)
        type(started).objects.filter(pk=started.pk).update(started_at=moment)
    year = selectors.headline(StatsFilter(**YEAR_2026))
    assert year.attempts_started == 6 + 2
