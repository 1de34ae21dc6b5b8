"""generate_stats_data, scaled down: the counts asked for, every constraint held, certificate
numbers as the numbering service gives them, AtTheTime filled, the caches told, figures worth
looking at, and a second run refused. The generator is the documented bulk path
(content/demo/synthetic.py): these are the invariants its docstring promises."""

import datetime
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from wagtail.models import Page

from content.base import page_cache
from content.certificates import services as certificate_services
from content.certificates.models import Certificate, NumberSequence, SessionRule
from content.demo import synthetic
from content.people.identity import parse_nip
from content.people.models import Agency, AgencyKind, ParticipantGroup, User
from content.quizzes.models import Attempt, Purpose
from content.quizzes.models.choices import AttemptStatus
from content.stats import cache as figure_cache
from content.stats import selectors
from content.stats.filters import StatsFilter
from content.stats.models import AgencyHeadcount
from content.training.models import Attendance, Registration, SessionPage
from content.training.models.choices import ATTENDED_STATUSES
from tests.factories.people import ParticipantFactory

pytestmark = pytest.mark.django_db
SMALL = [
    "--participants=200",
    "--sessions=10",
    "--attendances=1000",
    "--attempts=500",
    "--certificates=300",
    "--agencies=20",
]


@pytest.fixture
def generated(site_tree):
    call_command("generate_stats_data", *SMALL, "--seed=7", "--yes", verbosity=0)


def test_the_counts_asked_for(generated):
    assert User.objects.filter(username__startswith=synthetic.GENERATED_PREFIX).count() == 200
    assert SessionPage.objects.filter(slug__startswith=synthetic.GENERATED_PREFIX).count() == 10
    assert Attendance.objects.count() == 1000
    assert Attempt.objects.count() == 500
    assert Certificate.objects.count() == 300
    assert Agency.objects.count() == 20
    # A headcount per agency per year, the current year and the three before it.
    assert AgencyHeadcount.objects.count() == 20 * 4
    kinds = Counter(Agency.objects.values_list("kind", flat=True))
    assert kinds[AgencyKind.KECAMATAN] and kinds[AgencyKind.KELURAHAN]
    assert not Agency.objects.filter(kind=AgencyKind.KELURAHAN, parent=None).exists()


def test_sessions_are_a_sound_page_tree(generated, sessions):
    # treebeard's own check: paths, depths and child counts agree.
    assert Page.find_problems() == ([], [], [], [], [])
    children = SessionPage.objects.child_of(sessions).live()
    assert children.count() == 10
    assert all(page.url_path.startswith(sessions.url_path) for page in children)
    assert SessionPage.objects.exclude(topic=None).count() == 10


def test_people_and_records_respect_the_rules(generated):
    people = User.objects.filter(username__startswith=synthetic.GENERATED_PREFIX)
    assert not people.filter(participant_group=ParticipantGroup.PTT).exclude(nip=None).exists()
    asn = people.exclude(participant_group=ParticipantGroup.PTT)
    assert asn.count() and not asn.filter(nip=None).exists()
    today = datetime.date.today()
    for user in asn:
        parse_nip(user.nip, pppk=user.participant_group == ParticipantGroup.PPPK, today=today)
    assert not people.exclude(password__startswith="!").exists()  # nobody can log in

    # One attendance and one registration per person and session.
    for model in (Attendance, Registration):
        pairs = model.objects.values("session", "participant").annotate(n=Count("pk"))
        assert not pairs.filter(n__gt=1).exists()
    # Attempt numbers unique per context; finished attempts scored within 0-100.
    numbers = Attempt.objects.values("quiz", "participant", "session", "purpose", "number")
    assert not numbers.annotate(n=Count("pk")).filter(n__gt=1).exists()
    finished = Attempt.objects.exclude(status=AttemptStatus.IN_PROGRESS)
    assert not finished.filter(Q(score=None) | Q(passed=None) | Q(finished_at=None)).exists()
    assert not finished.filter(Q(score__lt=0) | Q(score__gt=100)).exists()
    assert not Attempt.objects.filter(purpose=Purpose.SELF_PACED).exclude(session=None).exists()
    assert not Attempt.objects.exclude(purpose=Purpose.SELF_PACED).filter(session=None).exists()
    # Post-tests only for people who attended that session.
    posts = Attempt.objects.filter(purpose=Purpose.POST)
    attended = set(
        Attendance.objects.filter(status__in=["hadir", "terlambat"]).values_list(
            "session", "participant"
        )
    )
    assert set(posts.values_list("session", "participant")) <= attended


def test_certificates_are_numbered_as_the_numbering_service_numbers_them(generated):
    certificates = Certificate.objects.all()
    numbers = list(certificates.values_list("number", flat=True))
    codes = list(certificates.values_list("code", flat=True))
    assert len(set(numbers)) == len(numbers) == 300
    assert len(set(codes)) == len(codes)
    # Per template and year: 1, 2, 3 ... with no gap and no repeat, and the counter the
    # service takes the next number from holds the last one given.
    by_counter = {}
    for template, year, sequence in certificates.values_list("template", "year", "sequence"):
        by_counter.setdefault((template, year), []).append(sequence)
    counters = {
        (counter.template_id, counter.year): counter.last
        for counter in NumberSequence.objects.all()
    }
    assert set(counters) == set(by_counter)
    for key, sequences in by_counter.items():
        assert sorted(sequences) == list(range(1, len(sequences) + 1)), key
        assert counters[key] == len(sequences), key
    for number, year, sequence in certificates.values_list("number", "year", "sequence"):
        assert number.startswith(f"{sequence:06d}/") and number.endswith(f"/{year}")
    # Only for a session its holder attended, once per person, session and role.
    attended = set(
        Attendance.objects.filter(status__in=ATTENDED_STATUSES).values_list(
            "session", "participant"
        )
    )
    assert not certificates.filter(session=None).exists()
    assert not certificates.exclude(quiz=None).exists()
    assert set(certificates.values_list("session", "participant")) <= attended
    once = certificates.values("participant", "session", "role").annotate(n=Count("pk"))
    assert not once.filter(n__gt=1).exists()


def test_a_certificate_issued_later_takes_the_next_number(generated):
    """The services continue the generated numbering: no number is given twice."""
    template = Certificate.objects.first().template
    holders = set(Certificate.objects.values_list("session", "participant"))
    numbered_years = set(
        NumberSequence.objects.filter(template=template).values_list("year", flat=True)
    )
    # Someone who attended and has no certificate yet, in a year the generator numbered.
    session_id, participant_id, _ = next(
        row
        for row in Attendance.objects.filter(status__in=ATTENDED_STATUSES)
        .order_by("session__date", "pk")
        .values_list("session", "participant", "session__date")
        if row[:2] not in holders and (row[2] + datetime.timedelta(days=1)).year in numbered_years
    )
    SessionPage.objects.filter(pk=session_id).update(certificate_requires_post_test=False)
    session = SessionPage.objects.get(pk=session_id)
    SessionRule.objects.create(template=template, session=session)
    now = datetime.datetime.combine(
        session.date + datetime.timedelta(days=1), datetime.time(12), tzinfo=datetime.UTC
    )
    last = NumberSequence.objects.get(template=template, year=now.year).last

    certificate, created = certificate_services.certificate_issue(
        participant=User.objects.get(pk=participant_id), session=session, now=now
    )

    assert created
    assert (certificate.year, certificate.sequence) == (now.year, last + 1)
    assert (
        not Certificate.objects.exclude(pk=certificate.pk)
        .filter(number=certificate.number)
        .exists()
    )


def test_the_caches_are_told_that_everything_changed(site_tree):
    before = page_cache.current_generation(), page_cache.current_generation(figure_cache.SCOPE)
    call_command("generate_stats_data", *SMALL, "--seed=7", "--yes", verbosity=0)
    after = page_cache.current_generation(), page_cache.current_generation(figure_cache.SCOPE)
    assert after[0] != before[0] and after[1] != before[1]


def test_records_keep_the_agency_and_group_of_the_time(generated):
    for model in (Attendance, Registration, Attempt):
        assert not model.objects.filter(Q(agency=None) | Q(participant_group="")).exists()
    # The few who moved keep their earlier agency on earlier records.
    moved = Attendance.objects.exclude(agency_id=F("participant__agency_id")).count()
    assert moved < Attendance.objects.count() * 0.1


def test_the_figures_are_worth_looking_at(generated):
    figures = selectors.headline(StatsFilter())
    assert figures.sessions_held >= 8
    assert figures.participants > 150
    assert figures.asn > figures.ptt > 0
    assert figures.training_hours > figures.attendances
    assert figures.registered > figures.registered_attended > 0
    assert figures.attempts_started == 500
    assert figures.attempts_passed > 0
    # Post-tests are better than pre-tests.
    assert figures.post_average > figures.pre_average + 5
    assert 0 < figures.normalised_gain < 1
    assert figures.certificates > 250  # a few were revoked

    kecamatan = Agency.objects.filter(kind=AgencyKind.KECAMATAN).first()
    by_agency = selectors.headline(StatsFilter(agency=kecamatan))
    assert 0 < by_agency.participants < figures.participants


def test_a_second_run_is_refused(generated):
    with pytest.raises(CommandError, match="sudah pernah dibuat"):
        call_command("generate_stats_data", *SMALL, "--yes", verbosity=0)
    assert Attendance.objects.count() == 1000


def test_real_participants_are_never_mixed_with_generated_ones(site_tree):
    ParticipantFactory()
    with pytest.raises(CommandError, match="bukan data uji"):
        call_command("generate_stats_data", *SMALL, "--yes", verbosity=0)
    assert not Attendance.objects.exists()


def test_it_asks_for_confirmation(site_tree):
    with pytest.raises(CommandError, match="--yes"):
        call_command("generate_stats_data", *SMALL, verbosity=0)


def test_the_same_seed_gives_the_same_data(site_tree):
    def draw(seed):
        generator = synthetic.Generator(
            synthetic.Sizes(), seed=seed, today=datetime.date(2026, 6, 1)
        )
        return [generator._nip("L", set()) for _ in range(5)]

    assert draw(3) == draw(3) != draw(4)


def test_scaling_keeps_the_shape():
    sizes = synthetic.Sizes().scaled(0.05)
    assert (sizes.participants, sizes.sessions, sizes.attendances) == (5000, 100, 50_000)
    assert (sizes.agencies, sizes.years) == (60, 3)
