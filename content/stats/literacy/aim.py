"""Where to aim the next sessions: for each agency, the pillar on which it lags the city the most.
A pure rule on numbers already computed (the index's cells), so it is tested on a hand-made data
set and the screen only reads and shows its answer.

The rule:
- an agency's gap on a pillar is its index minus the city's index on that pillar (the same year,
  group and measurement); its weakest pillar is the one with the most negative gap;
- ties (gaps equal to the shown precision, 0.01 on the 1-5 scale): the pillar on which the agency
  itself scores lower; still tied, the national framework's order of the pillars (kecakapan,
  etika, keamanan, budaya), so the answer never depends on the order of the data;
- an agency with a pillar withheld (fewer than MIN_PEOPLE people) or not measured is left out of
  the ranking and listed with its reason: a weakest pillar picked among the others would mislead;
- agencies are listed from the most negative gap, then by name;
- the agencies a session on a pillar is for: those whose weakest pillar it is, or when there
  are none, the FALLBACK agencies with the lowest gap on that pillar (among the ranked ones:
  an agency left out above is left out here too).
"""

from dataclasses import dataclass

from content.articles.pillars import Pillar
from content.stats.literacy.method import MIN_PEOPLE

# Gaps are compared at the precision the screen shows them, so that two pillars shown with the
# same gap are treated as tied (and the tie rule decides), not split by noise in the fifth digit.
PRECISION = 2
FALLBACK = 5
PILLARS = tuple(Pillar)


@dataclass(frozen=True)
class Weakest:
    agency: object
    pillar: Pillar
    index: float
    city: float

    @property
    def gap(self):
        return self.index - self.city


@dataclass(frozen=True)
class Excluded:
    agency: object
    reason: str


@dataclass(frozen=True)
class Aim:
    weakest: list  # [Weakest], most negative gap first
    excluded: list  # [Excluded]
    city_missing: tuple  # pillars the city itself has no shown index for

    def agencies_for(self, pillar, gaps=None):
        """The agencies a session on `pillar` is for (see the module's rule)."""
        own = [row.agency for row in self.weakest if row.pillar == pillar]
        if own:
            return own
        # Only agencies with every pillar shown: the excluded ones stay out here too.
        ranked = {row.agency for row in self.weakest}
        lowest = [agency for agency, _gap in (gaps or {}).get(pillar, []) if agency in ranked]
        return lowest[:FALLBACK]


def _name(agency):
    return str(agency)


def weakest_pillars(city, agencies):
    """city: {pillar: index or None}; agencies: {agency: {pillar: index or None}} (None: the
    cell is withheld; a missing key: not measured). Returns an Aim."""
    city_missing = tuple(pillar for pillar in PILLARS if city.get(pillar) is None)
    weakest, excluded = [], []
    for agency, values in agencies.items():
        if city_missing:
            excluded.append(Excluded(agency, "indeks kota belum tersedia untuk semua pilar"))
            continue
        if any(pillar not in values for pillar in PILLARS):
            excluded.append(Excluded(agency, "belum diukur pada semua pilar"))
            continue
        if any(values[pillar] is None for pillar in PILLARS):
            excluded.append(
                Excluded(agency, f"ada pilar yang disembunyikan (kurang dari {MIN_PEOPLE} orang)")
            )
            continue
        pillar = min(
            PILLARS,
            key=lambda p: (
                round(values[p] - city[p], PRECISION),
                round(values[p], PRECISION),
                PILLARS.index(p),
            ),
        )
        weakest.append(Weakest(agency, pillar, values[pillar], city[pillar]))
    weakest.sort(key=lambda row: (round(row.gap, PRECISION), _name(row.agency)))
    excluded.sort(key=lambda row: _name(row.agency))
    return Aim(weakest, excluded, city_missing)


def gaps_per_pillar(city, agencies):
    """{pillar: [(agency, gap)]} for every agency with that pillar shown, lowest gap first:
    the fallback targets of a pillar no agency has as its weakest."""
    found = {}
    for pillar in PILLARS:
        if city.get(pillar) is None:
            found[pillar] = []
            continue
        rows = [
            (agency, values[pillar] - city[pillar])
            for agency, values in agencies.items()
            if values.get(pillar) is not None
        ]
        rows.sort(key=lambda row: (round(row[1], PRECISION), _name(row[0])))
        found[pillar] = rows
    return found
