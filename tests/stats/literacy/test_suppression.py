"""Small cells are withheld whole, and enough others with them that no withheld mean can be
solved for from the shown cells' means and counts."""

import numpy as np

from content.stats.literacy.suppression import Partition, suppress

MIN = 10


def test_small_cell_withheld_and_its_sibling_too():
    people = {"city": 45, "A": 20, "B": 20, "C": 5}
    withheld = suppress(people, [Partition("city", ("A", "B", "C"))], min_people=MIN)
    # C alone would be city x 45 - A x 20 - B x 20: one more (the smallest shown) goes.
    assert "C" in withheld and len(withheld & {"A", "B"}) == 1 and "city" not in withheld


def test_implicit_remainder_counts():
    # An agency of 30: 25 in its one sub-agency, 5 of its own: showing both gives the 5 away.
    people = {"agency": 30, "sub": 25}
    assert suppress(people, [Partition("agency", ("sub",))], min_people=MIN) == {"sub"}
    # 12 of its own: safe to show.
    assert (
        suppress({"agency": 37, "sub": 25}, [Partition("agency", ("sub",))], min_people=MIN)
        == set()
    )


def test_repeats_until_stable_across_partitions():
    # Withholding B (for the city) leaves B's year split exposed: the cascade continues.
    people = {"city": 50, "A": 20, "B": 25, "C": 5, "B2025": 13, "B2026": 12}
    partitions = [Partition("city", ("A", "B", "C")), Partition("B", ("B2025", "B2026"))]
    withheld = suppress(people, partitions, min_people=MIN)
    assert "C" in withheld and "A" in withheld  # A (20) is smaller than B (25)
    people["A"], people["B"] = 25, 20
    withheld = suppress(people, partitions, min_people=MIN)
    assert {"C", "B"} <= withheld
    # B hidden, its total gone: its parts may stay (B2025 + B2026 show B, 25 hidden with C).


def test_differencing_attack_fails():
    """A reader takes every shown cell of every partition and solves for a withheld mean."""
    rng = np.random.default_rng(4)
    sizes = {"A": 30, "B": 14, "C": 3, "D": 22}
    means = {k: rng.uniform(2, 4) for k in sizes}
    sizes["city"] = sum(sizes.values()) + 4  # 4 people without an agency
    means["city"] = (sum(sizes[k] * means[k] for k in "ABCD") + 4 * 3.0) / sizes["city"]
    withheld = suppress(sizes, [Partition("city", tuple("ABCD"))], min_people=MIN)
    shown = [k for k in "ABCD" if k not in withheld]
    hidden_people = sizes["city"] - sum(sizes[k] for k in shown)
    assert hidden_people >= MIN
    # The attacker's best: the pooled mean of everything hidden, not C's own.
    pooled = (sizes["city"] * means["city"] - sum(sizes[k] * means[k] for k in shown)) / (
        hidden_people
    )
    assert abs(pooled - means["C"]) > 1e-6
    assert "C" in withheld
    # Without complementary suppression the attack would work: show A, B, D.
    naive = (sizes["city"] * means["city"] - sum(sizes[k] * means[k] for k in "ABD") - 4 * 3.0) / 3
    assert abs(naive - means["C"]) < 1e-9


def test_no_partition_leaves_a_withheld_share_of_one_to_nine():
    rng = np.random.default_rng(9)
    for _ in range(200):
        parts = {f"p{i}": int(rng.integers(1, 40)) for i in range(int(rng.integers(1, 6)))}
        people = {"total": sum(parts.values()) + int(rng.integers(0, 12)), **parts}
        partition = Partition("total", tuple(parts))
        withheld = suppress(people, [partition], min_people=MIN)
        if "total" in withheld:
            continue
        hidden = people["total"] - sum(v for k, v in parts.items() if k not in withheld)
        assert hidden == 0 or hidden >= MIN
        assert all(k in withheld for k, v in parts.items() if v < MIN)
