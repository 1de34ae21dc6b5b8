"""The arithmetic of scores and gains, on numbers written out in the tests."""

from decimal import Decimal

import pytest

from content.quizzes.models import MultipleScoring, QuestionKind
from content.quizzes.scoring import normalised_gain, passed, question_points, score_percent

OPTIONS = {1, 2, 3, 4, 5}
CORRECT = {1, 2, 3}  # two wrong options: 4 and 5


def partial(chosen):
    return question_points(
        kind=QuestionKind.MULTIPLE,
        scoring=MultipleScoring.PARTIAL,
        correct=CORRECT,
        chosen=chosen,
        options=OPTIONS,
    )


@pytest.mark.parametrize(
    ("chosen", "points"),
    [
        ({1, 2, 3}, "1"),
        ({1, 2}, "0.667"),
        ({1}, "0.333"),
        ({1, 2, 3, 4}, "0.5"),  # 1 - 1/2
        ({1, 4}, "0"),  # 1/3 - 1/2 is below zero
        ({1, 2, 4}, "0.167"),  # 2/3 - 1/2
        ({1, 2, 3, 4, 5}, "0"),  # choosing everything earns nothing
        (set(), "0"),
        ({4}, "0"),
    ],
)
def test_partial_credit_adds_per_correct_option_and_takes_away_per_wrong_one(chosen, points):
    assert partial(chosen) == Decimal(points)


def test_partial_credit_without_wrong_options_counts_only_the_correct_ones():
    points = question_points(
        kind=QuestionKind.MULTIPLE,
        scoring=MultipleScoring.PARTIAL,
        correct={1, 2},
        chosen={1},
        options={1, 2},
    )
    assert points == Decimal("0.5")


@pytest.mark.parametrize(
    ("chosen", "points"), [({1, 2, 3}, 1), ({1, 2}, 0), ({1, 2, 3, 4}, 0), (set(), 0)]
)
def test_all_or_nothing_multiple_choice_needs_exactly_the_correct_set(chosen, points):
    earned = question_points(
        kind=QuestionKind.MULTIPLE,
        scoring=MultipleScoring.ALL_REQUIRED,
        correct=CORRECT,
        chosen=chosen,
        options=OPTIONS,
    )
    assert earned == points


@pytest.mark.parametrize("kind", [QuestionKind.SINGLE, QuestionKind.TRUE_FALSE])
def test_single_answer_kinds_ignore_the_partial_setting(kind):
    common = {"kind": kind, "scoring": MultipleScoring.PARTIAL, "correct": {1}, "options": {1, 2}}
    assert question_points(chosen={1}, **common) == 1
    assert question_points(chosen={2}, **common) == 0
    assert question_points(chosen={1, 2}, **common) == 0


def test_a_question_without_a_correct_option_earns_nothing():
    common = {"correct": set(), "chosen": set(), "options": {1, 2}}
    assert question_points(kind=QuestionKind.SINGLE, scoring="", **common) == 0
    assert (
        question_points(kind=QuestionKind.MULTIPLE, scoring=MultipleScoring.PARTIAL, **common) == 0
    )


@pytest.mark.parametrize(
    ("points", "max_points", "score"),
    [("2", 3, "66.67"), ("1", 3, "33.33"), ("2.5", 4, "62.50"), ("0", 5, "0"), ("7", 7, "100")],
)
def test_score_is_the_percentage_of_points_rounded_to_two_decimals(points, max_points, score):
    assert score_percent(Decimal(points), max_points) == Decimal(score)


def test_pass_mark_is_inclusive():
    assert passed(Decimal("70.00"), 70)
    assert not passed(Decimal("69.99"), 70)


@pytest.mark.parametrize(
    ("pre", "post", "gain"),
    [
        (40, 70, "0.5"),  # (70 - 40) / (100 - 40)
        (50, 100, "1"),
        (60, 60, "0"),
        (0, 25, "0.25"),
        (80, 60, "-1"),  # (60 - 80) / 20: Hake's formula below the pre-test
        ("33.33", "66.67", "0.5"),
        (100, 100, "0"),  # pre = 100: nothing left to gain, nothing lost
        (100, 80, "-0.2"),  # pre = 100: the share lost, (80 - 100) / 100
    ],
)
def test_normalised_gain(pre, post, gain):
    assert normalised_gain(Decimal(pre), Decimal(post)) == Decimal(gain)


def test_gain_is_undefined_without_both_scores():
    assert normalised_gain(None, Decimal(50)) is None
    assert normalised_gain(Decimal(50), None) is None
