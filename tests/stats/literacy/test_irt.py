"""Rasch calibration recovers what simulated responses were drawn from (issue 22's bar: 2,000
people x 40 items, seed fixed: difficulties r >= 0.97, abilities over all 40 items r >= 0.9),
also when groups of people answer different quizzes; the sparse WLE and item fit agree with
mirt's own."""

import numpy as np
import pytest

from content.stats.literacy import irt


def simulate(rng, theta, b):
    p = 1.0 / (1.0 + np.exp(-(theta[:, None] - b[None, :])))
    return (rng.random(p.shape) < p).astype(np.int8)


@pytest.fixture(scope="module")
def full():
    rng = np.random.default_rng(2026)
    theta, b = rng.normal(0, 1, 2000), rng.normal(0, 1, 40)
    x = simulate(rng, theta, b)
    person, item = np.nonzero(np.ones_like(x))
    return theta, b, x, person, item


def test_recovers_difficulties_and_abilities(full):
    theta, b, x, person, item = full
    calibration = irt.calibrate(person, item, x[person, item], n_items=40)
    assert np.corrcoef(calibration.difficulty, b)[0, 1] >= 0.97
    est, se, answered = irt.wle(
        person, item, x[person, item], calibration.difficulty, n_persons=2000
    )
    assert np.corrcoef(est, theta)[0, 1] >= 0.9
    assert (answered == 40).all() and np.isfinite(se).all()
    # Rasch-fitting data: mean squares near 1, and nothing flagged.
    assert np.abs(calibration.infit - 1).max() < 0.2
    assert not calibration.misfit.any()


def test_recovers_difficulties_when_groups_answer_different_items():
    """Lentera's pattern: an able group and a weak one answer overlapping quizzes. One N(0, 1)
    population biases the difficulties; the multi-group model (a group per quiz) does not."""
    rng = np.random.default_rng(22)
    n, k = 2000, 40
    b = rng.normal(0, 1, k)
    strong = rng.random(n) < 0.5
    theta = np.where(strong, rng.normal(1, 1, n), rng.normal(-1, 1, n))
    x = simulate(rng, theta, b)
    answered = np.ones((n, k), dtype=bool)
    answered[strong, :15] = False
    answered[~strong, 25:] = False
    person, item = np.nonzero(answered)
    quiz = strong.astype(int)[person]
    calibration = irt.calibrate(person, item, x[person, item], n_items=k, groups=quiz)
    assert calibration.groups == 2
    assert np.corrcoef(calibration.difficulty, b)[0, 1] >= 0.97
    # On the common scale the ability gap between the groups comes out as drawn (2 logits).
    est, _se, _n = irt.wle(person, item, x[person, item], calibration.difficulty, n_persons=n)
    assert np.corrcoef(est, theta)[0, 1] >= 0.85
    gap = est[strong].mean() - est[~strong].mean()
    assert 1.6 < gap < 2.4


def test_items_without_information_are_left_uncalibrated():
    person = np.array([0, 1, 2, 0, 1, 2, 0, 1])
    item = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    correct = np.array([1, 0, 1, 1, 1, 1, 0, 1])
    calibration = irt.calibrate(person, item, correct, n_items=4)
    # Item 1: everyone right; item 3: nobody answered.
    assert np.isnan(calibration.difficulty[1]) and np.isnan(calibration.difficulty[3])
    assert calibration.responses.tolist() == [3, 3, 2, 0]
    assert calibration.correct.tolist() == [2, 3, 1, 0]


def test_sparse_wle_and_item_fit_match_mirt(full):
    import mirt
    from mirt.diagnostics.itemfit import compute_itemfit
    from mirt.scoring import fscores

    theta, b, x, person, item = full
    x, person, item = x[:400], person[person < 400], item[person < 400]
    fit = mirt.fit_mirt(x, model="1PL", compute_standard_errors=False)
    ours, se, _n = irt.wle(person, item, x[person, item], fit.model.difficulty, n_persons=400)
    theirs = fscores(fit, x, method="WLE")
    assert np.abs(ours - theirs.theta).max() < 1e-4
    assert np.abs(se - theirs.standard_error).max() < 1e-4
    infit, outfit, _info = irt.item_fit(person, item, x[person, item], ours, fit.model.difficulty)
    statistics = compute_itemfit(fit, x, statistics=["infit", "outfit"], theta=ours)
    assert np.allclose(infit, statistics["infit"]) and np.allclose(outfit, statistics["outfit"])


def test_a_misfitting_item_is_flagged(full):
    theta, b, x, person, item = full
    x = x.copy()
    # Item 0 answered at random, whatever the ability: it measures nothing.
    x[:, 0] = np.random.default_rng(1).random(2000) < 0.5
    calibration = irt.calibrate(person, item, x[person, item], n_items=40)
    assert calibration.misfit[0]
    assert calibration.misfit.sum() <= 2
