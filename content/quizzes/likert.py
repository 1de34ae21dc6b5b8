"""Scoring a self-assessment: each rating 1-5, a reversed statement counted as 6 - rating, and a
pillar's score the mean of its statements (1-5, the index's own scale)."""

from collections import defaultdict

from content.quizzes.models.self_assessment import LIKERT_HIGH, LIKERT_LOW


def statement_score(value, *, reversed):
    """A rating as literacy: agreeing with a reversed statement means less of it."""
    value = int(value)
    if not LIKERT_LOW <= value <= LIKERT_HIGH:
        raise ValueError(f"rating {value} is off the {LIKERT_LOW}-{LIKERT_HIGH} scale")
    return LIKERT_LOW + LIKERT_HIGH - value if reversed else value


def pillar_scores(ratings):
    """{pillar: mean score} from (pillar, value, reversed) triples; pillars nobody rated are
    left out."""
    totals = defaultdict(lambda: [0, 0])
    for pillar, value, is_reversed in ratings:
        total = totals[pillar]
        total[0] += statement_score(value, reversed=is_reversed)
        total[1] += 1
    return {pillar: total / count for pillar, (total, count) in totals.items()}
