"""The 1-5 index from an ability: 1 + 4 x the share of the pillar's calibrated items a person
of that ability is expected to answer right (the Rasch test characteristic curve, averaged over
items). Monotone in the ability, 1 at -infinity, 5 at +infinity, and readable: 3 means half
the pillar's bank expected right. method.MAPPING_TEXT says the same in Indonesian."""

import numpy as np

# People scored per block: persons x items float64 stays a few tens of MB.
BLOCK = 20_000


def expected_share(theta, difficulties):
    """Mean over the items of logistic(theta - b) for each theta (NaN theta gives NaN)."""
    theta = np.asarray(theta, dtype=np.float64)
    b = np.asarray(difficulties, dtype=np.float64)
    b = b[~np.isnan(b)]
    out = np.full(theta.shape, np.nan)
    if not b.size:
        return out
    flat = theta.reshape(-1)
    result = out.reshape(-1)
    for start in range(0, flat.size, BLOCK):
        block = flat[start : start + BLOCK]
        result[start : start + BLOCK] = np.mean(
            0.5 * (1.0 + np.tanh(0.5 * (block[:, None] - b[None, :]))), axis=1
        )
    return result.reshape(theta.shape)


def to_index(theta, difficulties):
    """Abilities (logits) on a pillar's scale as its 1-5 index."""
    return 1.0 + 4.0 * expected_share(theta, difficulties)
