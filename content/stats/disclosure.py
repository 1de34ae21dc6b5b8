"""The audit of a release's suppression: what an attacker can work out from the published
figures and the relations between them, and more cells withheld until it is nothing.

Rules of thumb (open_data.protect) leave gaps once relations combine: the same attendances
are published by month, by agency and by topic, and a row's attendances are at least its
participants, so a withheld cell can be pinned by bounds although no single sum has exactly
one unknown (6 + x + y = 12 with x >= 5 and y >= 1 gives x = 5, y = 1). So every release is
audited the way an attacker would work: each withheld cell is a variable with bounds (at
least 0; at least 1 when its row exists because someone attended), every relation is written
down, and bounds are propagated until nothing moves. A withheld cell left with one possible
value is recovered: the smallest figure above 0 still shown in a relation with it is then
withheld too, and the audit runs again, until no cell is recovered.
"""

UNBOUNDED = 10**9


class Audit:
    def __init__(self):
        self.values = {}  # cell -> true value
        self.hidden = set()
        self.low = {}  # cell -> the lower bound any reader knows (0, or 1 for a row that exists)
        self.sums = []  # (left cells, right cells): sum(left) == sum(right)
        self.at_least = []  # (larger, smaller)
        self.known = set()  # figures the attacker knows from elsewhere: never withheld here

    def add(self, cell, value, *, hidden, low=0, known=False):
        """A cell with its true value; `known`: a total published elsewhere (a margin), which
        bounds the others but cannot be withheld."""
        self.values[cell] = value
        self.low[cell] = low
        if hidden:
            self.hidden.add(cell)
        if known:
            self.known.add(cell)
        return cell

    def equal(self, left, right):
        self.sums.append((list(left), list(right)))

    def greater_or_equal(self, larger, smaller):
        self.at_least.append((larger, smaller))

    def bounds(self):
        """Every cell's [low, high] as a reader can narrow it."""
        bounds = {
            cell: [self.low[cell], UNBOUNDED] if cell in self.hidden else [value, value]
            for cell, value in self.values.items()
        }

        def narrow(cell, low, high):
            bound = bounds[cell]
            new = [max(bound[0], low), min(bound[1], high)]
            if new != bound:
                bound[:] = new
                return True
            return False

        for _ in range(500):
            moved = False
            for left, right in self.sums:
                terms = [(1, cell) for cell in left] + [(-1, cell) for cell in right]
                for index, (sign, cell) in enumerate(terms):
                    if cell not in self.hidden:
                        continue
                    low = high = 0  # of -sum(others), signed
                    for other_index, (other_sign, other) in enumerate(terms):
                        if other_index != index:
                            lo, hi = bounds[other]
                            if other_sign > 0:
                                low, high = low - hi, high - lo
                            else:
                                low, high = low + lo, high + hi
                    if sign < 0:
                        low, high = -high, -low
                    moved |= narrow(cell, low, high)
            for larger, smaller in self.at_least:
                moved |= narrow(larger, bounds[smaller][0], UNBOUNDED)
                moved |= narrow(smaller, 0, bounds[larger][1])
            if not moved:
                break
        return bounds

    def recovered(self):
        bounds = self.bounds()
        return sorted(cell for cell in self.hidden if bounds[cell][0] == bounds[cell][1])

    def _related(self, cell):
        related = set()
        for left, right in self.sums:
            if cell in left or cell in right:
                related.update(left, right)
        for pair in self.at_least:
            if cell in pair:
                related.update(pair)
        return related

    def withhold_until_safe(self):
        """Withhold more until no withheld cell is recovered; returns the cells withheld."""
        added = []
        while recovered := self.recovered():
            candidates = [
                cell
                for pinned in recovered
                for cell in self._related(pinned)
                if cell not in self.hidden and cell not in self.known and self.values[cell]
            ]
            if not candidates:
                break  # nothing shown above 0 is related: nothing more can help
            cell = min(candidates, key=lambda cell: (self.values[cell], repr(cell)))
            self.hidden.add(cell)
            added.append(cell)
        return added
