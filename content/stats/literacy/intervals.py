"""95% intervals of many cells' means at once: a percentile bootstrap over people.

Every person draws one Poisson(1) weight per replicate (the Poisson bootstrap: for a cell of n
people it behaves as resampling n of them with replacement), and the same weights serve every
cell the person is in, so thousands of cells cost one sparse product per block of replicates:
cells x units (0/1) times units x replicates. A person measured in several units (years,
phases) carries one weight to all of them: the resampling unit is the person."""

import warnings

import numpy as np
from scipy import sparse

# Replicates per block: units x block float32 weights stay small for 600,000 units.
BLOCK = 25


def membership(cell_of_unit_lists, n_units):
    """A cells x units CSR 0/1 matrix from one array of unit indices per cell."""
    rows = np.repeat(
        np.arange(len(cell_of_unit_lists)), [len(units) for units in cell_of_unit_lists]
    )
    cols = (
        np.concatenate([np.asarray(u, dtype=np.int64) for u in cell_of_unit_lists])
        if cell_of_unit_lists
        else np.zeros(0, dtype=np.int64)
    )
    data = np.ones(cols.size, dtype=np.float32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(cell_of_unit_lists), n_units))


def bootstrap_intervals(values, unit_person, cells, *, samples, seed, level=0.95):
    """(low, high) per cell of the mean of `values` over its units.

    values: per unit (float); unit_person: per unit, the person's index (weights are drawn per
    person); cells: cells x units membership (scipy sparse). Returns two arrays, NaN for empty
    cells. Replicates where a cell drew no one are left out of its percentiles."""
    values = np.asarray(values, dtype=np.float64)
    n_cells = cells.shape[0]
    low = np.full(n_cells, np.nan)
    high = np.full(n_cells, np.nan)
    if not n_cells or not values.size or samples <= 0:
        return low, high
    unit_person = np.asarray(unit_person)
    n_people = int(unit_person.max()) + 1
    rng = np.random.default_rng(seed)
    cells = sparse.csr_matrix(cells, dtype=np.float64)
    means = np.empty((n_cells, samples))
    done = 0
    while done < samples:
        block = min(BLOCK, samples - done)
        weights = rng.poisson(1.0, size=(n_people, block)).astype(np.float64)[unit_person]
        total = cells @ (weights * values[:, None])
        count = cells @ weights
        with np.errstate(invalid="ignore", divide="ignore"):
            means[:, done : done + block] = np.where(count > 0, total / count, np.nan)
        done += block
    tail = (1.0 - level) / 2.0 * 100.0
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        low = np.nanpercentile(means, tail, axis=1)
        high = np.nanpercentile(means, 100.0 - tail, axis=1)
    return low, high
