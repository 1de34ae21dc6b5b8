"""The arithmetic of quizzes, kept pure so every rule can be tested on its own.

Points per question lie between 0 and 1. A score is the percentage of the points available,
rounded to two decimals.
"""

from decimal import ROUND_HALF_UP, Decimal

from content.quizzes.models.choices import MultipleScoring, QuestionKind

ZERO, ONE, HUNDRED = Decimal(0), Decimal(1), Decimal(100)
POINTS_STEP = Decimal("0.001")
SCORE_STEP = Decimal("0.01")


def question_points(*, kind, scoring, correct, chosen, options):
    """What a set of chosen option ids earns.

    Single choice, true/false and "Hoaks atau Fakta?" earn 1 for the one correct option. Multiple
    choice earns 1 only for exactly the correct set, unless the question gives partial credit:
    each correct option chosen adds 1/(number correct), each wrong option chosen takes away
    1/(number wrong), and the result is never below 0 (as Moodle's multiple-choice questions
    count it), so choosing every option earns nothing.
    """
    correct, chosen, options = set(correct), set(chosen), set(options)
    if kind != QuestionKind.MULTIPLE or scoring != MultipleScoring.PARTIAL:
        return ONE if chosen and chosen == correct else ZERO
    if not correct:
        return ZERO
    wrong = options - correct
    gained = Decimal(len(chosen & correct)) / len(correct)
    lost = Decimal(len(chosen & wrong)) / len(wrong) if wrong else ZERO
    return max(ZERO, gained - lost).quantize(POINTS_STEP, rounding=ROUND_HALF_UP)


def score_percent(points, max_points):
    if not max_points:
        return ZERO
    return (HUNDRED * Decimal(points) / max_points).quantize(SCORE_STEP, rounding=ROUND_HALF_UP)


def passed(score, pass_mark):
    return Decimal(score) >= pass_mark


def normalised_gain(pre, post):
    """Hake's normalised gain g = (post - pre) / (100 - pre), on scores in percent.

    At pre = 100 the formula divides by zero, so it follows Marx and Cummings' normalised
    change there: 0 when the post-test is also 100, else the share of the pre-test lost,
    (post - 100) / 100. Rounded to three decimals; None when either score is missing.
    """
    if pre is None or post is None:
        return None
    pre, post = Decimal(pre), Decimal(post)
    lost_from_full = (post - HUNDRED) / HUNDRED
    gain = lost_from_full if pre == HUNDRED else (post - pre) / (HUNDRED - pre)
    return gain.quantize(POINTS_STEP, rounding=ROUND_HALF_UP)
