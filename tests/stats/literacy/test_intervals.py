"""The bootstrap's 95% intervals cover the true mean about 95% of the time."""

import numpy as np

from content.stats.literacy.intervals import bootstrap_intervals, membership


def test_coverage_in_simulation():
    rng = np.random.default_rng(95)
    groups, size, true_mean = 300, 60, 3.2
    values = np.clip(rng.normal(true_mean, 0.8, groups * size), -10, 10)
    cells = membership([np.arange(g * size, (g + 1) * size) for g in range(groups)], values.size)
    low, high = bootstrap_intervals(values, np.arange(values.size), cells, samples=400, seed=1)
    coverage = np.mean((low <= true_mean) & (true_mean <= high))
    assert 0.90 <= coverage <= 0.99


def test_a_person_carries_one_weight_to_all_their_units():
    """Two units of one person (two years) move together: the interval of a cell of 20 people
    measured twice each is as wide as 20 people's, not 40 independent ones'."""
    rng = np.random.default_rng(5)
    person_values = rng.normal(3, 1, 20)
    values = np.repeat(person_values, 2)
    person = np.repeat(np.arange(20), 2)
    cells = membership([np.arange(40)], 40)
    low, high = bootstrap_intervals(values, person, cells, samples=1000, seed=2)
    wrong_low, wrong_high = bootstrap_intervals(values, np.arange(40), cells, samples=1000, seed=2)
    assert (high - low)[0] > 1.25 * (wrong_high - wrong_low)[0]


def test_seeded_and_empty_cells():
    values = np.arange(10.0)
    cells = membership([np.arange(10), np.array([], dtype=int)], 10)
    first = bootstrap_intervals(values, np.arange(10), cells, samples=50, seed=7)
    again = bootstrap_intervals(values, np.arange(10), cells, samples=50, seed=7)
    assert np.array_equal(first[0], again[0], equal_nan=True)
    assert np.isnan(first[0][1]) and first[0][0] < 4.5 < first[1][0]
