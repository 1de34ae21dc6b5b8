"""The "where to aim" rule (content/stats/literacy/aim.py) on a hand-made data set: no database,
agencies are plain names."""

from content.articles.pillars import Pillar
from content.stats.literacy import aim

K, E, S, B = Pillar.KECAKAPAN, Pillar.ETIKA, Pillar.KEAMANAN, Pillar.BUDAYA
CITY = {K: 3.50, E: 3.70, S: 3.10, B: 3.80}


def test_the_weakest_pillar_is_the_most_negative_gap_not_the_lowest_index():
    # Keamanan is this agency's lowest index (3.00) but the city is low there too (gap -0.10);
    # on etika it lags the city by 0.40.
    found = aim.weakest_pillars(CITY, {"Dinas A": {K: 3.50, E: 3.30, S: 3.00, B: 3.80}})
    [row] = found.weakest
    assert (row.agency, row.pillar) == ("Dinas A", E)
    assert round(row.gap, 2) == -0.40
    assert found.excluded == []


def test_agencies_from_the_most_negative_gap_then_by_name():
    agencies = {
        "Dinas C": {K: 3.40, E: 3.70, S: 3.10, B: 3.80},  # kecakapan -0.10
        "Dinas B": {K: 3.50, E: 3.70, S: 2.60, B: 3.80},  # keamanan -0.50
        "Dinas A": {K: 3.50, E: 3.70, S: 3.10, B: 3.70},  # budaya -0.10
    }
    found = aim.weakest_pillars(CITY, agencies)
    assert [(row.agency, row.pillar) for row in found.weakest] == [
        ("Dinas B", S),
        ("Dinas A", B),
        ("Dinas C", K),
    ]


def test_ties_go_to_the_lower_index_then_to_the_framework_order():
    # Equal gaps (-0.20) on kecakapan (3.30) and budaya (3.60): kecakapan, the lower index.
    lower = aim.weakest_pillars(CITY, {"X": {K: 3.30, E: 3.70, S: 3.10, B: 3.60}})
    assert lower.weakest[0].pillar == K
    # Equal gaps and equal indexes: the national framework's order (kecakapan before etika).
    city = {K: 3.5, E: 3.5, S: 3.5, B: 3.5}
    same = aim.weakest_pillars(city, {"Y": {K: 3.0, E: 3.0, S: 3.5, B: 3.5}})
    assert same.weakest[0].pillar == K
    # Gaps equal at the shown precision count as tied, whatever the order of the data.
    noisy = {B: 3.600001, S: 3.10, E: 3.70, K: 3.300002}
    assert aim.weakest_pillars(CITY, {"Z": noisy}).weakest[0].pillar == K


def test_an_agency_with_a_withheld_or_unmeasured_pillar_is_left_out_and_said_so():
    agencies = {
        "Withheld": {K: 3.0, E: None, S: 3.0, B: 3.0},
        "Unmeasured": {K: 3.0, E: 3.0, S: 3.0},
        "Shown": {K: 3.0, E: 3.7, S: 3.1, B: 3.8},
    }
    found = aim.weakest_pillars(CITY, agencies)
    assert [row.agency for row in found.weakest] == ["Shown"]
    reasons = {row.agency: row.reason for row in found.excluded}
    assert "disembunyikan" in reasons["Withheld"] and "10 orang" in reasons["Withheld"]
    assert "belum diukur" in reasons["Unmeasured"]


def test_without_the_city_on_every_pillar_nothing_is_ranked():
    found = aim.weakest_pillars({**CITY, B: None}, {"A": {K: 3.0, E: 3.0, S: 3.0, B: 3.0}})
    assert found.weakest == [] and found.city_missing == (B,)
    assert [row.agency for row in found.excluded] == ["A"]


def test_a_session_is_for_the_agencies_weakest_there_or_else_the_lowest_five():
    agencies = {
        f"Dinas {n}": {K: 3.5 - n / 100, E: 3.7, S: 3.1 - 0.5 - n / 100, B: 3.8} for n in range(7)
    }
    found = aim.weakest_pillars(CITY, agencies)
    gaps = aim.gaps_per_pillar(CITY, agencies)
    # Every agency lags most on keamanan.
    assert len(found.agencies_for(S, gaps)) == 7
    # No agency has kecakapan as its weakest: the five lowest on it, lowest first.
    assert found.agencies_for(K, gaps) == ["Dinas 6", "Dinas 5", "Dinas 4", "Dinas 3", "Dinas 2"]


def test_the_fallback_leaves_out_the_excluded_agencies_too():
    agencies = {
        "Ranked": {K: 3.4, E: 3.7, S: 2.0, B: 3.8},
        "Withheld": {K: 1.0, E: 3.7, S: None, B: 3.8},
    }
    found = aim.weakest_pillars(CITY, agencies)
    assert found.agencies_for(K, aim.gaps_per_pillar(CITY, agencies)) == ["Ranked"]
