"""Item analysis, as Moodle's quiz statistics report defines it.

- Facility index: the mean points on a question as a percentage of its maximum (how easy it
  was; 100 means everyone got it right).
- Discrimination index: 100 × the Pearson correlation between the points on a question and the
  points on the rest of the attempt (the total without this question). High values mean people
  who did well overall got this question right; values near zero or below flag a question that
  does not tell who learned (often ambiguous wording or a wrong key). Undefined when either
  varies not at all.
- Score distribution: how many finished attempts fall in each ten-point band.

Pure functions over plain numbers: `attempts` is a list of {question_id: points (0..1)}.
"""

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

BANDS = [(low, low + 9 if low < 90 else 100) for low in range(0, 100, 10)]
ONE_DECIMAL = Decimal("0.1")


@dataclass(frozen=True)
class ItemStatistics:
    question_id: int
    attempts: int
    facility: Decimal | None
    discrimination: Decimal | None


def _round(value):
    return Decimal(value).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _correlation(xs, ys):
    n = len(xs)
    if n < 2:
        return None
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    syy = sum((y - mean_y) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    return sxy / math.sqrt(sxx * syy)


def item_statistics(attempts, question_ids):
    results = []
    for question_id in question_ids:
        taken = [attempt for attempt in attempts if question_id in attempt]
        item = [float(attempt[question_id]) for attempt in taken]
        rest = [float(sum(attempt.values())) - float(attempt[question_id]) for attempt in taken]
        correlation = _correlation(item, rest)
        results.append(
            ItemStatistics(
                question_id=question_id,
                attempts=len(taken),
                facility=_round(100 * sum(item) / len(item)) if item else None,
                discrimination=None if correlation is None else _round(100 * correlation),
            )
        )
    return results


def score_distribution(scores):
    """[(band label, count)] for scores in percent: 0–9, 10–19, ..., 90–100."""
    counts = [0] * len(BANDS)
    for score in scores:
        counts[min(int(Decimal(score) // 10), len(BANDS) - 1)] += 1
    return [(f"{low}–{high}", count) for (low, high), count in zip(BANDS, counts, strict=True)]
