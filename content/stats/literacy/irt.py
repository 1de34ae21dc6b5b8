"""Rasch calibration of one pillar's items and people's abilities on its scale.

Responses arrive sparse, as three parallel arrays (person index, item index, 0/1), because a
person answers a handful of a pillar's items and a dense persons x items float matrix of the
whole city would not fit. Calibration (mirt's marginal maximum likelihood, 1PL with the
discrimination fixed at 1, i.e. the Rasch model) runs on a sample of attempts, densified as
int8 only for that sample; when different groups of people answer different quizzes, mirt's
multi-group model (item difficulties equal across groups, each group its own ability mean and
variance) keeps the difficulties unbiased, which a single N(0, 1) population does not.

Scoring with the difficulties fixed is Warm's weighted likelihood (WLE), written here as a
vectorised Newton iteration over the sparse arrays (np.bincount per person), so 600,000 people
cost a few passes over their answers; tests check it against mirt.scoring's WLE.
"""

from dataclasses import dataclass

import mirt
import numpy as np
from mirt.multigroup import fit_multigroup

# Below this many people a group of the multi-group model is merged into the rest: a group's
# own ability mean and variance need people behind them.
MIN_GROUP_PEOPLE = 200
# At most this many groups (the largest quizzes; the rest together): the multi-group EM's time
# grows with the number of groups.
MAX_GROUPS = 8
# The multi-group EM's stopping rule: at mirt's default (500 steps, 1e-4) 20,000 attempts x 200
# items in 4 groups took 228 s; at 100 steps and 1e-3, 28 s with difficulties still r 0.995.
MULTIGROUP_MAX_ITER = 100
MULTIGROUP_TOL = 1e-3
# WLE keeps abilities finite for all-correct or all-wrong patterns; bounds as mirt's.
THETA_BOUNDS = (-6.0, 6.0)
# An item is flagged as misfitting outside this mean-square range, with enough responses.
FIT_RANGE = (0.7, 1.3)
MIN_RESPONSES_FOR_FIT = 30


@dataclass
class Calibration:
    """Per item (indexed as the input's item indices): difficulty (logit; NaN where the item
    could not be calibrated: no responses, or all right or all wrong), its standard error,
    infit and outfit mean squares, and counts."""

    difficulty: np.ndarray
    difficulty_se: np.ndarray
    infit: np.ndarray
    outfit: np.ndarray
    responses: np.ndarray
    correct: np.ndarray
    groups: int

    @property
    def calibrated(self):
        return ~np.isnan(self.difficulty)

    @property
    def misfit(self):
        enough = self.responses >= MIN_RESPONSES_FOR_FIT
        low, high = FIT_RANGE
        with np.errstate(invalid="ignore"):
            out = (self.infit < low) | (self.infit > high) | (self.outfit < low)
            out |= self.outfit > high
        return enough & out & self.calibrated


def _expit(x):
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _dense(person, item, correct):
    """The sample as an int8 persons x items matrix, -1 where not answered (mirt's missing)."""
    persons, person_row = np.unique(person, return_inverse=True)
    items, item_col = np.unique(item, return_inverse=True)
    matrix = np.full((persons.size, items.size), -1, dtype=np.int8)
    matrix[person_row, item_col] = correct
    return matrix, persons, items, person_row


def _groups_for(person_row, groups, n_persons):
    """Each sampled person's group (the largest MAX_GROUPS - 1 groups with enough people; all
    the rest in one), or None when one group is all there is."""
    if groups is None:
        return None
    first = np.zeros(n_persons, dtype=np.int64)
    first[person_row] = groups
    labels, counts = np.unique(first, return_counts=True)
    order = np.argsort(-counts)
    kept = [labels[i] for i in order[: MAX_GROUPS - 1] if counts[i] >= MIN_GROUP_PEOPLE]
    mapped = np.full(n_persons, len(kept), dtype=np.int64)
    for index, label in enumerate(kept):
        mapped[first == label] = index
    used, used_counts = np.unique(mapped, return_counts=True)
    if used.size < 2:
        return None
    # The rest as a group of its own only if it has people enough; else it joins the largest.
    rest = used_counts[used == len(kept)]
    if rest.size and rest[0] < MIN_GROUP_PEOPLE:
        mapped[mapped == len(kept)] = 0
    return mapped if np.unique(mapped).size > 1 else None


def calibrate(person, item, correct, *, n_items, groups=None):
    """Item difficulties of one pillar from sparse responses.

    person, item, correct: equal-length integer arrays (correct 0/1); n_items: the item index
    range. groups: optional per-response group label (e.g. the quiz answered), for the
    multi-group model. Returns a Calibration whose fit statistics use the sample's WLE
    abilities."""
    person = np.asarray(person)
    item = np.asarray(item)
    correct = np.asarray(correct, dtype=np.int8)
    responses = np.bincount(item, minlength=n_items)
    right = np.bincount(item, weights=correct, minlength=n_items).astype(np.int64)
    difficulty = np.full(n_items, np.nan)
    # An item everyone got right (or wrong) has no finite difficulty under the Rasch model.
    usable = (right > 0) & (right < responses)
    keep = usable[item]
    person, item, correct = person[keep], item[keep], correct[keep]
    n_groups = 0
    if item.size:
        matrix, persons, items, person_row = _dense(person, item, correct)
        person_groups = _groups_for(
            person_row, None if groups is None else np.asarray(groups)[keep], persons.size
        )
        if person_groups is None:
            result = mirt.fit_mirt(matrix, model="1PL", compute_standard_errors=False)
            difficulty[items] = result.model.difficulty
            n_groups = 1
        else:
            result = fit_multigroup(
                matrix,
                person_groups,
                model="1PL",
                invariance="strict",
                max_iter=MULTIGROUP_MAX_ITER,
                tol=MULTIGROUP_TOL,
            )
            difficulty[items] = result.model.get_group_parameters(0)["difficulty"]
            n_groups = int(np.unique(person_groups).size)
        del matrix
        theta, _se, _n = wle(person_row, item, correct, difficulty, n_persons=persons.size)
        infit, outfit, information = item_fit(person_row, item, correct, theta, difficulty)
    else:
        infit = outfit = information = np.full(n_items, np.nan)
    with np.errstate(divide="ignore"):
        se = np.where(information > 0, 1.0 / np.sqrt(information), np.nan)
    return Calibration(
        difficulty=difficulty,
        difficulty_se=np.where(np.isnan(difficulty), np.nan, se),
        infit=infit,
        outfit=outfit,
        responses=responses,
        correct=right,
        groups=n_groups,
    )


def item_fit(person, item, correct, theta, difficulty):
    """Infit and outfit mean squares per item, and the item's Fisher information at the given
    abilities (its difficulty's SE is 1/sqrt of it). Items without responses get NaN."""
    n_items = difficulty.size
    valid = ~np.isnan(theta[person]) & ~np.isnan(difficulty[item])
    person, item = person[valid], item[valid]
    x = np.asarray(correct, dtype=np.float64)[valid]
    p = _expit(theta[person] - difficulty[item])
    variance = p * (1.0 - p)
    residual2 = (x - p) ** 2
    counts = np.bincount(item, minlength=n_items)
    information = np.bincount(item, weights=variance, minlength=n_items)
    with np.errstate(invalid="ignore", divide="ignore"):
        infit = np.bincount(item, weights=residual2, minlength=n_items) / information
        outfit = np.bincount(item, weights=residual2 / variance, minlength=n_items) / counts
    infit[counts == 0] = np.nan
    outfit[counts == 0] = np.nan
    return infit, outfit, information


def wle(person, item, correct, difficulty, *, n_persons, iterations=50, tol=1e-6):
    """Warm's WLE of every person's ability with the difficulties fixed (Rasch).

    Solves sum(x - p) + J / (2 I) = 0 per person, I = sum p(1-p), J = sum p(1-p)(1-2p), by
    Newton steps on all people at once; responses to uncalibrated items (NaN difficulty) are
    ignored. Returns (theta, se, items answered); theta and se are NaN for people without a
    calibrated item. se = 1/sqrt(I) at the estimate."""
    person = np.asarray(person)
    item = np.asarray(item)
    valid = ~np.isnan(difficulty[item])
    person, item = person[valid], item[valid]
    b = difficulty[item]
    x = np.asarray(correct, dtype=np.float64)[valid]
    answered = np.bincount(person, minlength=n_persons)
    raw = np.bincount(person, weights=x, minlength=n_persons)
    # Start at the logit of the raw score (shrunk off 0 and 1) plus the mean difficulty.
    mean_b = np.bincount(person, weights=b, minlength=n_persons)
    has = answered > 0
    theta = np.zeros(n_persons)
    theta[has] = mean_b[has] / answered[has] + np.log(
        (raw[has] + 0.5) / (answered[has] - raw[has] + 0.5)
    )
    low, high = THETA_BOUNDS
    theta = np.clip(theta, low, high)
    active = has.copy()
    for _ in range(iterations):
        p = _expit(theta[person] - b)
        v = p * (1.0 - p)
        info = np.bincount(person, weights=v, minlength=n_persons)
        j = np.bincount(person, weights=v * (1.0 - 2.0 * p), minlength=n_persons)
        # dJ/dtheta = sum v (1 - 6 v): the weight term's derivative, for an exact Newton step.
        dj = np.bincount(person, weights=v * (1.0 - 6.0 * v), minlength=n_persons)
        score = raw - np.bincount(person, weights=p, minlength=n_persons)
        with np.errstate(invalid="ignore", divide="ignore"):
            f = score + j / (2.0 * info)
            df = -info + (dj * info - j * j) / (2.0 * info * info)
            step = np.where(active, f / df, 0.0)
        step = np.nan_to_num(np.clip(step, -1.0, 1.0))
        theta = np.clip(theta - step, low, high)
        if np.max(np.abs(step), initial=0.0) < tol:
            break
    p = _expit(theta[person] - b)
    info = np.bincount(person, weights=p * (1.0 - p), minlength=n_persons)
    with np.errstate(divide="ignore"):
        se = np.where(info > 0, 1.0 / np.sqrt(info), np.nan)
    theta = np.where(has, theta, np.nan)
    se = np.where(has, se, np.nan)
    return theta, se, answered
