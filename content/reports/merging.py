"""The report desk's part in people's account merges, registered with people when the app is
ready (apps.py). The writes are the desk's services (services/merging.py). No `records` for the
merge screen: what an account reported, or that it was reported, is not the organizer's to see."""

from content.people.merging import register_merge_handler
from content.reports.services.merging import reports_merge

register_merge_handler("reports", reports_merge, title="Aduan")
