"""generate_stats_data, scaled down: the counts asked for, every constraint held, certificate
numbers as the numbering service gives them, AtTheTime filled, the caches told, figures worth
looking at, and a second run refused; the question bank with its pillars, and every attempt's
answers drawn as the services draw a paper and adding up to its score. The generator is the
documented bulk path (content/demo/synthetic.py): these are the invariants its docstring
promises."""

import datetime
import statistics
from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q
from wagtail.models import Page

from content.articles.models import Topic
from content.articles.pillars import Indicator, Pillar, pillar_of
from content.base import page_cache
from content.certificates import services as certificate_services
from content.certificates.models import Certificate, NumberSequence, SessionRule
from content.demo import synthetic
from content.people.identity import parse_nip
from content.people.models import Agency, AgencyKind, ParticipantGroup, User
from content.quizzes import paper, scoring
from content.quizzes.models import Answer, Attempt, Option, Purpose, Question, QuestionKind, Quiz
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


# Issue 22: the question bank with pillars, and answers for every attempt.


def test_the_question_bank_covers_the_four_pillars(generated):
    questions = Question.objects.filter(text__startswith=synthetic.GENERATED_QUESTION)
    topics = Topic.objects.filter(questions__in=questions).distinct()
    assert topics.count() == len(synthetic.TOPICS)
    assert not topics.filter(pillar="").exists()
    per_pillar = Counter(questions.values_list("topic", "pillar"))
    assert set(per_pillar.values()) == {synthetic.QUESTIONS_PER_PILLAR}
    assert {pillar for _, pillar in per_pillar} == set(Pillar.values)
    for pillar, indicator in questions.values_list("pillar", "indicator"):
        assert pillar_of(indicator) == pillar
    # Every sub-indicator of the framework is asked somewhere.
    assert set(questions.values_list("indicator", flat=True)) == set(Indicator.values)
    assert not questions.exclude(kind=QuestionKind.SINGLE).exists()
    options = Option.objects.filter(question__in=questions)
    counts = options.values("question").annotate(
        n=Count("pk"), right=Count("pk", Q(is_correct=True))
    )
    assert {(row["n"], row["right"]) for row in counts} == {(synthetic.OPTIONS, 1)}
    assert options.values("key").distinct().count() == options.count()
    # Every generated quiz draws its questions from its topic's bank, as an editor sets it up.
    quizzes = Quiz.objects.filter(slug__startswith=synthetic.GENERATED_PREFIX)
    for quiz in quizzes:
        (draw,) = quiz.draws.all()
        assert (draw.topic_id, draw.count) == (quiz.topic_id, synthetic.MAX_POINTS)
        assert not quiz.picked.exists()


def test_every_attempt_has_its_answers_and_they_add_up_to_its_score(generated):
    attempts = {a.pk: a for a in Attempt.objects.select_related("quiz")}
    answers = list(Answer.objects.select_related("question").order_by("attempt", "position"))
    by_attempt = {}
    for answer in answers:
        by_attempt.setdefault(answer.attempt_id, []).append(answer)
    assert set(by_attempt) == set(attempts)
    options = {}
    for option in Option.objects.all():
        options.setdefault(option.question_id, []).append(option)
    seen = Counter()
    for pk, rows in by_attempt.items():
        attempt = attempts[pk]
        assert attempt.max_points == synthetic.MAX_POINTS == len(rows)
        # Unique (attempt, position) and (attempt, question); questions from the quiz's topic.
        assert [row.position for row in rows] == list(range(1, len(rows) + 1))
        assert len({row.question_id for row in rows}) == len(rows)
        assert {row.question.topic_id for row in rows} == {attempt.quiz.topic_id}
        for row in rows:
            mine = options[row.question_id]
            assert sorted(row.option_order) == sorted(option.pk for option in mine)
            assert len(row.chosen) <= 1 and set(row.chosen) <= set(row.option_order)
            assert (row.answered_at is None) == (not row.chosen)
            if row.answered_at is not None:
                assert attempt.started_at <= row.answered_at
                assert row.answered_at <= (attempt.finished_at or attempt.deadline)
        if attempt.is_open:
            seen["open"] += 1
            assert all(row.points is None for row in rows)
            continue
        # Scored as the scoring service scores: 1 for the correct option, else 0.
        for row in rows:
            correct = {option.pk for option in options[row.question_id] if option.is_correct}
            assert row.points == (1 if row.chosen and set(row.chosen) == correct else 0)
        points = sum(row.points for row in rows)
        assert attempt.points == points
        assert attempt.score == scoring.score_percent(points, attempt.max_points)
        assert attempt.passed == scoring.passed(attempt.score, attempt.quiz.pass_mark)
        if attempt.status == AttemptStatus.TIMED_OUT:
            seen["timed out"] += 1
            assert any(not row.chosen for row in rows)
        else:
            assert all(row.chosen for row in rows)
    # Open attempts only come from sessions of the last two days, which a small run may lack.
    assert seen["timed out"]
    # The table's constraints hold the rest; the attempts' counter continues after the ids given.
    assert ParticipantFactory().pk  # anything saved still works
    later = Attempt.objects.create(
        quiz=Quiz.objects.first(),
        participant=User.objects.first(),
        purpose=Purpose.SELF_PACED,
        number=999,
        seed=1,
        started_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
        max_points=1,
        agency=Agency.objects.first(),
        participant_group="pns",
    )
    assert later.pk > max(attempts)


def test_an_attempt_s_paper_comes_out_of_its_seed_as_the_service_draws_it(generated):
    """paper.compose(quiz, seed) is what attempt_start stores: the same questions, in the same
    order, with the same option order."""
    for attempt in Attempt.objects.select_related("quiz").order_by("?")[:40]:
        stored = list(
            Answer.objects.filter(attempt=attempt)
            .order_by("position")
            .values_list("question_id", "option_order")
        )
        drawn = [(question.pk, ids) for question, ids in paper.compose(attempt.quiz, attempt.seed)]
        assert drawn == stored


def test_answers_follow_the_rasch_model(generated):
    """Harder questions (by the true difficulty in their explanation) are answered correctly
    less often, and post-tests more often than pre-tests."""
    scored = Answer.objects.exclude(points=None).exclude(chosen=[])
    difficulty = {
        pk: float(text.split("b = ")[1].rstrip("."))
        for pk, text in Question.objects.values_list("pk", "explanation")
    }
    easy, hard = [], []
    for question_id, points in scored.values_list("question", "points"):
        if difficulty[question_id] < -0.5:
            easy.append(points)
        elif difficulty[question_id] > 0.5:
            hard.append(points)
    assert sum(easy) / len(easy) > sum(hard) / len(hard) + Decimal("0.2")

    def share(purpose):
        rows = scored.filter(attempt__purpose=purpose).values_list("points", flat=True)
        return sum(rows) / len(rows)

    assert share(Purpose.POST) > share(Purpose.PRE) + Decimal("0.1")


def test_pillar_abilities_follow_ability_and_open_attempts_score_nothing(site_tree):
    """One year of many sessions up to a Wednesday, so some fall in the last two days, where
    attempts may still be open."""
    sizes = synthetic.Sizes(participants=300, sessions=400, attendances=3000, attempts=5000,
                            certificates=10, agencies=12, years=1)  # fmt: skip
    generator = synthetic.generate(sizes, seed=3, today=datetime.date(2026, 6, 3))
    abilities = [person.ability for person in generator.people]
    for n, pillar in enumerate(synthetic.PILLARS):
        thetas = [person.thetas[n] for person in generator.people]
        assert statistics.correlation(abilities, thetas) > 0.6, pillar
    assert generator.counts["answers"] == 5000 * synthetic.MAX_POINTS

    open_ = Attempt.objects.filter(status=AttemptStatus.IN_PROGRESS)
    assert open_.exists()
    assert not open_.exclude(points=None).exists()
    for attempt in open_:
        rows = list(attempt.answers.order_by("position"))
        assert len(rows) == synthetic.MAX_POINTS
        assert all(row.points is None for row in rows)
        # Saved one screen after another: the answered ones come first.
        answered = [bool(row.chosen) for row in rows]
        assert answered == sorted(answered, reverse=True)
