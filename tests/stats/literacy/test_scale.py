import numpy as np

from content.stats.literacy import scale


def test_mapping_known_values_bounds_and_order():
    b = np.array([-1.0, 0.0, 1.0])
    # At theta = 0 the expected share is (s(1) + s(0) + s(-1)) / 3 = 0.5: the middle, 3.
    assert np.isclose(scale.to_index(np.array([0.0]), b)[0], 3.0)
    one_item = scale.to_index(np.array([np.log(3.0)]), np.array([0.0]))[0]
    assert np.isclose(one_item, 1 + 4 * 0.75)  # logistic(ln 3) = 3/4
    thetas = np.linspace(-30, 30, 601)
    index = scale.to_index(thetas, b)
    assert (np.diff(index) >= 0).all() and (np.diff(index[250:350]) > 0).all()
    assert index.min() >= 1 and index.max() <= 5
    assert np.isclose(index[0], 1, atol=1e-6) and np.isclose(index[-1], 5, atol=1e-6)


def test_uncalibrated_items_are_ignored_and_no_ability_gives_no_score():
    b = np.array([0.0, np.nan])
    assert np.isclose(scale.to_index(np.array([0.0]), b)[0], 3.0)
    assert np.isnan(scale.to_index(np.array([np.nan]), b)[0])


def test_blocks_give_the_same_as_one_pass(monkeypatch):
    rng = np.random.default_rng(3)
    theta, b = rng.normal(size=1000), rng.normal(size=50)
    whole = scale.to_index(theta, b)
    monkeypatch.setattr(scale, "BLOCK", 7)
    assert np.allclose(scale.to_index(theta, b), whole)
