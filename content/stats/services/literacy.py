"""Writes of the digital literacy index: one run of the calibration, its item difficulties, the
people's scores and the index cells (content/stats/literacy/ computes; this module stores).
The task worker calls it (tasks.py, stats.calibrate_literacy); so does
`manage.py calibrate_literacy`."""


def literacy_calibrate(*, today=None, sample=None, seed=None):
    """STUB (stream `engine`): compute and store a new LiteracyRun; returns it."""
    raise NotImplementedError
