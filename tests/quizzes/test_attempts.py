"""Starting, answering, submitting and closing attempts, through the services, with the clock
given explicitly."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.quizzes import paper, selectors, services
from content.quizzes.models import Attempt, AttemptStatus, MultipleScoring, QuestionKind
from tests.factories.articles import TopicFactory
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import correct_keys, make_question, make_quiz, wrong_keys
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db
NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 9, 0))


def start(quiz, person, now=NOW):
    return services.attempt_start(
        context=selectors.self_paced_context(quiz.slug), participant=person, now=now
    )


def submit(attempt, answers, now=NOW):
    return services.attempt_submit(
        participant=attempt.participant, key=attempt.key, answers=answers, now=now
    )


def test_all_correct_scores_100_and_passes():
    quiz, person = make_quiz(count=4), ParticipantFactory()
    attempt = start(quiz, person)
    attempt = submit(attempt, correct_keys(attempt))
    assert (attempt.status, attempt.score, attempt.passed) == (AttemptStatus.SUBMITTED, 100, True)
    assert [answer.is_correct for answer in attempt.answers.all()] == [True] * 4


def test_score_counts_points_over_the_questions_shown():
    quiz, person = make_quiz(count=3, pass_mark=70), ParticipantFactory()
    attempt = start(quiz, person)
    answers = correct_keys(attempt)
    answers[3] = wrong_keys(attempt)[3]
    attempt = submit(attempt, answers)
    assert (attempt.points, attempt.score, attempt.passed) == (2, Decimal("66.67"), False)


def test_partial_credit_question_in_an_attempt():
    question = make_question(
        kind=QuestionKind.MULTIPLE,
        scoring=MultipleScoring.PARTIAL,
        options=(("A", True), ("B", True), ("C", False), ("D", False)),
    )
    quiz, person = make_quiz([question]), ParticipantFactory()
    attempt = start(quiz, person)
    option = {o.text[0]: str(o.key) for o in question.options.all()}
    attempt = submit(attempt, {1: [option["A"], option["C"]]})  # 1/2 - 1/2
    assert attempt.score == 0
    attempt = submit(start(quiz, person), {1: [option["A"], option["B"], option["D"]]})
    assert attempt.score == 50  # 2/2 - 1/2


def test_unanswered_questions_earn_nothing():
    quiz, person = make_quiz(count=2), ParticipantFactory()
    attempt = submit(start(quiz, person), {})
    assert attempt.score == 0 and attempt.passed is False


def test_answers_saved_along_the_way_are_scored_on_submit():
    quiz, person = make_quiz(count=2), ParticipantFactory()
    attempt = start(quiz, person)
    for position, keys in correct_keys(attempt).items():
        services.answer_save(
            participant=person, key=attempt.key, position=position, option_keys=keys, now=NOW
        )
    assert submit(attempt, {}).score == 100


def test_an_option_of_another_question_is_refused_and_nothing_is_saved():
    quiz, person = make_quiz(count=2), ParticipantFactory()
    attempt = start(quiz, person)
    foreign = correct_keys(attempt)[2]
    with pytest.raises(NotAllowed, match="soal nomor 1 tidak dikenal"):
        services.answer_save(
            participant=person, key=attempt.key, position=1, option_keys=foreign, now=NOW
        )
    with pytest.raises(NotAllowed):
        submit(attempt, {1: foreign})
    attempt.refresh_from_db()
    assert attempt.is_open and attempt.answers.filter(answered_at__isnull=False).count() == 0


def test_two_options_on_a_single_choice_question_are_refused():
    quiz, person = make_quiz(count=1), ParticipantFactory()
    attempt = start(quiz, person)
    both = [
        str(key) for key in attempt.answers.get().question.options.values_list("key", flat=True)
    ]
    with pytest.raises(NotAllowed, match="hanya boleh dijawab satu"):
        services.answer_save(
            participant=person, key=attempt.key, position=1, option_keys=both[:2], now=NOW
        )


def test_starting_twice_resumes_the_open_attempt():
    quiz, person = make_quiz(), ParticipantFactory()
    assert start(quiz, person) == start(quiz, person)
    assert Attempt.objects.count() == 1


def test_attempts_beyond_the_allowed_number_are_refused():
    quiz, person = make_quiz(max_attempts=2), ParticipantFactory()
    submit(start(quiz, person), {})
    submit(start(quiz, person), {})
    with pytest.raises(NotAllowed, match="2 kali"):
        start(quiz, person)
    assert list(Attempt.objects.values_list("number", flat=True).order_by("number")) == [1, 2]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"opens_at": NOW + datetime.timedelta(hours=1)}, "belum dibuka"),
        ({"closes_at": NOW}, "sudah ditutup"),
    ],
)
def test_a_quiz_is_refused_before_it_opens_and_after_it_closes(fields, message):
    quiz = make_quiz(**fields)
    with pytest.raises(NotAllowed, match=message):
        start(quiz, ParticipantFactory())
    assert not Attempt.objects.exists()


def test_staff_accounts_cannot_take_quizzes():
    with pytest.raises(NotAllowed, match="bukan akun peserta"):
        start(make_quiz(), UserFactory(is_staff=True))


def test_a_quiz_without_questions_cannot_be_started():
    with pytest.raises(NotAllowed, match="belum berisi soal"):
        start(make_quiz([]), ParticipantFactory())


def test_submitting_twice_scores_once():
    quiz, person = make_quiz(count=2), ParticipantFactory()
    attempt = start(quiz, person)
    first = submit(attempt, correct_keys(attempt))
    second = submit(attempt, wrong_keys(attempt), now=NOW + datetime.timedelta(seconds=5))
    assert (second.score, second.finished_at) == (first.score, first.finished_at) == (100, NOW)


def test_nothing_can_be_saved_in_a_finished_attempt():
    quiz, person = make_quiz(count=1), ParticipantFactory()
    attempt = submit(start(quiz, person), {})
    with pytest.raises(services.AttemptClosed):
        services.answer_save(
            participant=person,
            key=attempt.key,
            position=1,
            option_keys=correct_keys(attempt)[1],
            now=NOW,
        )
    assert Attempt.objects.get().score == 0


def test_another_participants_attempt_does_not_exist_for_them():
    quiz = make_quiz(count=1)
    attempt = start(quiz, ParticipantFactory())
    intruder = ParticipantFactory()
    with pytest.raises(Attempt.DoesNotExist):
        services.answer_save(
            participant=intruder, key=attempt.key, position=1, option_keys=[], now=NOW
        )
    with pytest.raises(Attempt.DoesNotExist):
        services.attempt_submit(participant=intruder, key=attempt.key, answers={}, now=NOW)


class TestTimeLimit:
    """The server keeps the time: a 10-minute quiz started at 09.00 takes answers until 09.10
    plus the grace period, then closes with what was saved."""

    @pytest.fixture
    def attempt(self):
        quiz = make_quiz(count=2, time_limit_minutes=10)
        attempt = start(quiz, ParticipantFactory())
        assert attempt.deadline == NOW + datetime.timedelta(minutes=10)
        return attempt

    def save(self, attempt, position, keys, minutes):
        return services.answer_save(
            participant=attempt.participant,
            key=attempt.key,
            position=position,
            option_keys=keys,
            now=NOW + datetime.timedelta(minutes=minutes),
        )

    def test_an_answer_within_the_grace_period_counts(self, attempt):
        self.save(attempt, 1, correct_keys(attempt)[1], minutes=10.4)
        finished = submit(attempt, {}, now=NOW + datetime.timedelta(minutes=10.45))
        assert (finished.status, finished.score) == (AttemptStatus.SUBMITTED, 50)

    def test_a_late_answer_is_refused_and_the_attempt_closed_with_what_was_saved(self, attempt):
        self.save(attempt, 1, correct_keys(attempt)[1], minutes=9)
        with pytest.raises(services.AttemptClosed, match="Waktu habis"):
            self.save(attempt, 2, correct_keys(attempt)[2], minutes=11)
        attempt.refresh_from_db()
        assert (attempt.status, attempt.score) == (AttemptStatus.TIMED_OUT, 50)

    def test_a_late_submit_ignores_the_answers_it_carries(self, attempt):
        late = submit(attempt, correct_keys(attempt), now=NOW + datetime.timedelta(minutes=11))
        assert (late.status, late.score) == (AttemptStatus.TIMED_OUT, 0)

    def test_the_sweep_closes_only_attempts_past_their_deadline(self, attempt):
        other = start(make_quiz(count=1, time_limit_minutes=30), ParticipantFactory())
        closed = services.attempts_close_expired(now=NOW + datetime.timedelta(minutes=11))
        assert closed == 1
        attempt.refresh_from_db()
        other.refresh_from_db()
        assert attempt.status == AttemptStatus.TIMED_OUT and other.is_open

    def test_starting_again_after_the_deadline_closes_the_old_attempt_first(self, attempt):
        later = NOW + datetime.timedelta(minutes=20)
        attempt.quiz.max_attempts = 2
        attempt.quiz.save()
        new = start(attempt.quiz, attempt.participant, now=later)
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.TIMED_OUT and new.number == 2 and new.is_open

    def test_the_deadline_never_runs_past_the_closing_time(self):
        quiz = make_quiz(time_limit_minutes=60, closes_at=NOW + datetime.timedelta(minutes=15))
        assert start(quiz, ParticipantFactory()).deadline == quiz.closes_at


class TestPaper:
    def test_the_draw_is_reproducible_from_the_attempts_seed(self):
        topic = TopicFactory(slug="pemilu", name="Pemilu")
        for _ in range(12):
            make_question(topic=topic)
        quiz = make_quiz([], draws=[(topic, 5)], shuffle_questions=True)
        attempt = start(quiz, ParticipantFactory())
        stored = [(a.question_id, a.option_order) for a in attempt.answers.order_by("position")]
        again = [(q.pk, order) for q, order in paper.compose(quiz, attempt.seed)]
        assert stored == again and len(stored) == 5
        others = {tuple(q.pk for q, _ in paper.compose(quiz, seed)) for seed in range(1, 30)}
        assert len(others) > 20  # different seeds draw different papers

    def test_hand_picked_questions_come_first_and_are_never_drawn_again(self):
        topic = TopicFactory(slug="pemilu", name="Pemilu")
        pool = [make_question(topic=topic) for _ in range(4)]
        quiz = make_quiz(pool[:1], draws=[(topic, 10)])
        drawn = [q.pk for q, _ in paper.compose(quiz, 7)]
        assert drawn[0] == pool[0].pk and sorted(drawn) == sorted(q.pk for q in pool)

    def test_with_shuffling_the_correct_option_lands_evenly_on_every_position(self):
        question = make_question(
            options=(("Benar", True), ("Salah 1", False), ("Salah 2", False), ("Salah 3", False))
        )
        quiz = make_quiz([question], shuffle_options=True)
        correct = question.options.get(is_correct=True).pk
        positions = Counter(paper.compose(quiz, seed)[0][1].index(correct) for seed in range(800))
        # 200 expected on each of the four positions; a fixed position would put 800 on one.
        assert set(positions) == {0, 1, 2, 3}
        assert all(150 <= count <= 250 for count in positions.values()), positions

    def test_without_shuffling_options_keep_the_authors_order(self):
        question = make_question()
        quiz = make_quiz([question], shuffle_options=False)
        authored = list(question.options.values_list("pk", flat=True))
        assert all(paper.compose(quiz, seed)[0][1] == authored for seed in range(20))


@pytest.mark.parametrize(
    "fields",
    [
        {"purpose": "pre", "session": None},  # a pre-test outside any session
        {"status": AttemptStatus.SUBMITTED},  # finished without a score
        {"status": AttemptStatus.SUBMITTED, "finished_at": NOW, "score": 101, "passed": True},
    ],
)
def test_the_database_refuses_attempts_that_break_the_rules(fields):
    quiz, person = make_quiz(count=1), ParticipantFactory()
    row = {
        "quiz": quiz,
        "participant": person,
        "purpose": "mandiri",
        "number": 1,
        "seed": 1,
        "started_at": NOW,
        "max_points": 1,
        **fields,
    }
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(**row)
