"""The report desk's part in erasing a participant's data (registered in apps.py); see
services/erasure.py for what is erased and what stays."""

from content.people.erasure import register_erasure_handler
from content.reports.selectors.reporters import reporter_traces
from content.reports.services.erasure import reporters_erase

register_erasure_handler("reports", reporters_erase, traces=reporter_traces)
