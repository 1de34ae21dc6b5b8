"""Every write of the statistics app: its own records only (headcounts, open data releases,
the literacy index's runs). Callers use `services.<name>`."""

from content.stats.services.literacy import literacy_calibrate
from content.stats.services.records import (
    PeriodNotClosed,
    headcount_delete,
    headcount_save,
    headcounts_import,
    national_index_delete,
    national_index_save,
    open_data_publish_due,
    open_data_release_publish,
)
from content.stats.services.summary import summary_rebuild

__all__ = [
    "PeriodNotClosed",
    "headcount_delete",
    "headcount_save",
    "headcounts_import",
    "literacy_calibrate",
    "national_index_delete",
    "national_index_save",
    "open_data_publish_due",
    "open_data_release_publish",
    "summary_rebuild",
]
