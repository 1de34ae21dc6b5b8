"""Cells from people's scores: every combination, the overall only for people with all four
pillars, the change for people measured before and after in the same year, distinct people in
all-years cells, and the small-cell rule applied per partition."""

import numpy as np

from content.stats.literacy.aggregate import Units, all_cells


def units(rows):
    """rows: (person, year, phase, agency, group, [4 scores])."""
    person, year, phase, agency, group, scores = zip(*rows, strict=True)
    return Units(
        person=np.array(person),
        year=np.array(year),
        phase=np.array(phase, dtype=object),
        agency=np.array(agency),
        group=np.array(group),
        scores=np.array(scores, dtype=float),
    )


def find(cells, **where):
    found = [c for c in cells if all(c[k] == v for k, v in where.items())]
    assert len(found) == 1, (where, found)
    return found[0]


def test_cells_overall_change_and_all_years():
    rows = []
    for p in range(12):  # agency 1, asn; measured before and after in 2025
        rows.append((p, 2025, "sebelum", 1, 1, [2, 2, 2, 2]))
        rows.append((p, 2025, "sesudah", 1, 1, [3, 3, 3, 4]))
    for p in range(12):  # the same people again before in 2026
        rows.append((p, 2026, "sebelum", 1, 1, [4, 4, 4, 4]))
    for p in range(12, 24):  # agency 2, ptt, one pillar missing: no overall
        rows.append((p, 2025, "sebelum", 2, 2, [1, 1, 1, np.nan]))
    cells = all_cells(units(rows), parent={}, min_people=10, samples=50, seed=1)
    city = find(cells, year=2025, agency_id=None, group="", phase="sebelum", pillar="kecakapan")
    assert city["people"] == 24 and city["index"] == 1.5
    overall = find(cells, year=2025, agency_id=None, group="", phase="sebelum", pillar="")
    assert overall["people"] == 12 and overall["index"] == 2.0
    change = find(cells, year=2025, agency_id=1, group="asn", phase="perubahan", pillar="")
    assert change["people"] == 12 and change["index"] == 1.25
    assert not [c for c in cells if c["phase"] == "perubahan" and c["year"] == 2026]
    # All years: 24 person-years of 12 people in agency 1.
    both = find(cells, year=None, agency_id=1, group="", phase="sebelum", pillar="kecakapan")
    assert both["people"] == 12 and both["index"] == 3.0
    assert all(c["low"] <= c["index"] <= c["high"] for c in cells if not c["suppressed"])


def test_small_cells_and_their_complements_are_withheld_whole():
    rows = [(p, 2025, "sebelum", 1, 1, [3, 3, 3, 3]) for p in range(20)]
    rows += [(p, 2025, "sebelum", 2, 1, [2, 2, 2, 2]) for p in range(20, 26)]  # 6 people
    rows += [(p, 2025, "sebelum", 3, 2, [4, 4, 4, 4]) for p in range(26, 51)]
    cells = all_cells(units(rows), parent={}, min_people=10, samples=20, seed=1)
    small = find(cells, year=2025, agency_id=2, group="", phase="sebelum", pillar="")
    assert small["suppressed"] and small["people"] is None and small["index"] is None
    # Agency 1 (20) is the smallest shown sibling: withheld with it, so 26 are hidden together.
    assert find(cells, year=2025, agency_id=1, group="", phase="sebelum", pillar="")["suppressed"]
    assert not find(cells, year=2025, agency_id=3, group="", phase="sebelum", pillar="")[
        "suppressed"
    ]


def test_overall_is_withheld_where_a_pillar_is():
    """Agency 1's kecakapan is withheld as the complement of agency 2's six people; its overall
    (the mean of the four pillars of the same 20 people) beside its three shown pillars would
    give the kecakapan back (4 x overall - the other three), so the overall goes too."""
    nan = np.nan
    rows = [(p, 2025, "sebelum", 1, 1, [2, 3, 3, 4]) for p in range(20)]
    rows += [(p, 2025, "sebelum", 2, 1, [1, nan, nan, nan]) for p in range(20, 26)]
    rows += [(p, 2025, "sebelum", 3, 1, [4, 4, 4, 4]) for p in range(26, 56)]
    cells = all_cells(units(rows), parent={}, min_people=10, samples=20, seed=1)
    where = {"year": 2025, "agency_id": 1, "group": "", "phase": "sebelum"}
    assert find(cells, pillar="kecakapan", **where)["suppressed"]
    shown = [find(cells, pillar=p, **where) for p in ("etika", "keamanan", "budaya")]
    assert not any(c["suppressed"] for c in shown)
    assert find(cells, pillar="", **where)["suppressed"]
    # Agency 3, whose pillars are all shown, keeps its overall.
    assert not find(cells, pillar="", **{**where, "agency_id": 3})["suppressed"]
