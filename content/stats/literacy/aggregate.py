"""People's pillar scores into the index's cells: every combination of year (each, and all
years), agency (the city, and each agency with its sub-agencies), group ('' everyone, 'asn',
'ptt') and phase, for each pillar and overall, with the people behind it, a bootstrap interval
and the small-cell rule (suppression.py) applied.

A unit is one person measured in one year and one phase (sebelum: pre-test, sesudah:
post-test, swanilai: self-assessment); its agency and group are those its record kept at the
time. `perubahan` units are made here: people with both a sebelum and a sesudah score in the
same year, valued as the difference (sesudah - sebelum), placed where their post-test was. The
overall score of a unit is the mean of its four pillar scores, defined only where all four
were measured (a person who answered two pillars has no overall score). An all-years cell
averages its units (person-years) and counts distinct people."""

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from content.articles.pillars import Pillar
from content.stats.literacy.intervals import bootstrap_intervals
from content.stats.literacy.suppression import Partition, suppress

PILLARS = [p.value for p in Pillar]
OVERALL = ""
GROUPS = ["", "asn", "ptt"]  # codes 0, 1, 2; a unit's group code 0 means unknown
BEFORE, AFTER, CHANGE, SELF = "sebelum", "sesudah", "perubahan", "swanilai"


@dataclass
class Units:
    """Parallel arrays, one entry per unit. scores: units x 4 (PILLARS' order), NaN where the
    pillar was not measured. agency: 0 for none; group: 0 unknown, 1 asn, 2 ptt."""

    person: np.ndarray
    year: np.ndarray
    phase: np.ndarray  # str: sebelum / sesudah / swanilai
    agency: np.ndarray
    group: np.ndarray
    scores: np.ndarray

    def __len__(self):
        return self.person.size


def overall(scores):
    """The mean of the four pillars where all four are there, else NaN."""
    return np.mean(scores, axis=1)  # NaN propagates: any pillar missing, no overall


def change_units(units):
    """People measured before and after in the same year: their score differences (after -
    before), with the post-test's agency and group."""
    before = np.flatnonzero(units.phase == BEFORE)
    after = np.flatnonzero(units.phase == AFTER)
    key_before = {
        (p, y): i for i, p, y in zip(before, units.person[before], units.year[before], strict=True)
    }
    pairs = [
        (key_before[(p, y)], i)
        for i, p, y in zip(after, units.person[after], units.year[after], strict=True)
        if (p, y) in key_before
    ]
    if not pairs:
        empty = np.zeros(0, dtype=np.int64)
        return Units(empty, empty, np.zeros(0, dtype=object), empty, empty, np.zeros((0, 4)))
    b, a = (np.array(x, dtype=np.int64) for x in zip(*pairs, strict=True))
    return Units(
        person=units.person[a],
        year=units.year[a],
        phase=np.full(a.size, CHANGE, dtype=object),
        agency=units.agency[a],
        group=units.group[a],
        scores=units.scores[a] - units.scores[b],
    )


def _chains(agencies, parent):
    """{agency: [agency, its parent, ...]} for the agencies present (cycles cut)."""
    chains = {}
    for agency in agencies:
        chain, current = [], agency
        while current and current not in chain:
            chain.append(current)
            current = parent.get(current)
        chains[agency] = chain
    return chains


def _partitions(keys, parent):
    """Every partition among the cells present: city = top-level agencies (+ no agency),
    agency = sub-agencies (+ its own people), everyone = asn + ptt (+ unknown), all years =
    each year. Keys are (year or None, agency or None, group)."""
    present = set(keys)
    years = sorted({k[0] for k in present if k[0] is not None})
    agencies = {k[1] for k in present if k[1] is not None}
    children = {}
    for agency in agencies:
        children.setdefault(parent.get(agency) if parent.get(agency) in agencies else None, [])
        children[parent.get(agency) if parent.get(agency) in agencies else None].append(agency)
    partitions = []
    for year in [None, *years]:
        for group in GROUPS:
            for agency, kids in children.items():
                total = (year, agency, group)
                if total in present:
                    partitions.append(Partition(total, tuple((year, k, group) for k in kids)))
        for agency in [None, *agencies]:
            total = (year, agency, "")
            if total in present:
                partitions.append(Partition(total, ((year, agency, "asn"), (year, agency, "ptt"))))
    for agency in [None, *agencies]:
        for group in GROUPS:
            total = (None, agency, group)
            if total in present:
                partitions.append(Partition(total, tuple((y, agency, group) for y in years)))
    return partitions


def cells_for(units, *, parent, min_people, samples, seed):
    """The cells of one family of units (one phase) as dicts with year, agency, group, phase,
    pillar, people, index, low, high, suppressed. parent: {agency id: parent id or None}."""
    if not len(units):
        return []
    phase = units.phase[0]
    chains = _chains(np.unique(units.agency[units.agency > 0]).tolist(), parent)
    # Agency memberships of each unit: the city (0) and the agency's chain.
    chain_of = [[0, *chains.get(int(a), [])] if a else [0] for a in units.agency.tolist()]
    depth = np.array([len(c) for c in chain_of])
    m_unit = np.repeat(np.arange(len(units)), depth)
    m_agency = np.fromiter((a for c in chain_of for a in c), dtype=np.int64, count=depth.sum())
    # x year (all, own) x group (everyone, own when known).
    m_unit = np.repeat(m_unit, 2)
    m_agency = np.repeat(m_agency, 2)
    m_year = np.where(np.arange(m_unit.size) % 2 == 0, 0, units.year[m_unit])
    m_unit, m_agency, m_year = (np.repeat(x, 2) for x in (m_unit, m_agency, m_year))
    m_group = np.where(np.arange(m_unit.size) % 2 == 0, 0, units.group[m_unit])
    keep = ~((np.arange(m_unit.size) % 2 == 1) & (m_group == 0))
    m_unit, m_agency, m_year, m_group = (x[keep] for x in (m_unit, m_agency, m_year, m_group))
    code = (m_year.astype(np.int64) * (m_agency.max() + 1) + m_agency) * 3 + m_group
    codes, m_cell = np.unique(code, return_inverse=True)
    n_cells = codes.size
    n_agency = int(m_agency.max()) + 1
    cell_group = codes % 3
    cell_agency = (codes // 3) % n_agency
    cell_year = (codes // 3) // n_agency
    keys = [
        (int(y) or None, int(a) or None, GROUPS[g])
        for y, a, g in zip(cell_year, cell_agency, cell_group, strict=True)
    ]
    partitions = _partitions(keys, parent)
    _persons, unit_person = np.unique(units.person, return_inverse=True)
    out = []
    values_by_pillar = [(p, units.scores[:, i]) for i, p in enumerate(PILLARS)]
    values_by_pillar.append((OVERALL, overall(units.scores)))
    pillars_withheld = set()
    for offset, (pillar, values) in enumerate(values_by_pillar):
        measured = ~np.isnan(values)
        rows = measured[m_unit]
        cell, unit = m_cell[rows], m_unit[rows]
        if not cell.size:
            continue
        pairs = np.unique(cell.astype(np.int64) * (unit_person.max() + 1) + unit_person[unit])
        people = np.bincount(pairs // (unit_person.max() + 1), minlength=n_cells)
        count = np.bincount(cell, minlength=n_cells)
        v = np.nan_to_num(values)
        mean = np.bincount(cell, weights=v[unit], minlength=n_cells) / np.maximum(count, 1)
        membership = sparse.csr_matrix(
            (np.ones(cell.size), (cell, unit)), shape=(n_cells, len(units))
        )
        low, high = bootstrap_intervals(
            v, unit_person, membership, samples=samples, seed=seed + offset
        )
        counts = {keys[i]: int(people[i]) for i in range(n_cells) if people[i]}
        # The overall is the mean of the four pillars (over the same people when everyone
        # answered all four): shown beside three shown pillars it would give a withheld fourth,
        # so it is withheld wherever a pillar is. The pillars come first in values_by_pillar.
        also = pillars_withheld if pillar == OVERALL else ()
        withheld = suppress(counts, partitions, min_people=min_people, also=also)
        if pillar != OVERALL:
            pillars_withheld |= withheld
        for i in range(n_cells):
            if not people[i]:
                continue
            year, agency, group = keys[i]
            hidden = keys[i] in withheld
            out.append(
                {
                    "year": year,
                    "agency_id": agency,
                    "group": group,
                    "phase": phase,
                    "pillar": pillar,
                    "people": None if hidden else int(people[i]),
                    "index": None if hidden else float(mean[i]),
                    "low": None if hidden or np.isnan(low[i]) else float(low[i]),
                    "high": None if hidden or np.isnan(high[i]) else float(high[i]),
                    "suppressed": hidden,
                }
            )
    return out


def all_cells(units, *, parent, min_people, samples, seed):
    """The cells of every phase: sebelum, sesudah, swanilai as measured, and perubahan."""
    out = []
    for phase in (BEFORE, AFTER, SELF):
        chosen = np.flatnonzero(units.phase == phase)
        subset = Units(*(getattr(units, f)[chosen] for f in Units.__dataclass_fields__))
        out += cells_for(subset, parent=parent, min_people=min_people, samples=samples, seed=seed)
    out += cells_for(
        change_units(units), parent=parent, min_people=min_people, samples=samples, seed=seed
    )
    return out
