from content.reports.models.cases import Case, CaseLink
from content.reports.models.choices import Kind, PartnerOutcome, Platform, Status
from content.reports.models.log import CaseLogEntry
from content.reports.models.reports import Report, Screenshot

__all__ = [
    "Case",
    "CaseLink",
    "CaseLogEntry",
    "Kind",
    "PartnerOutcome",
    "Platform",
    "Report",
    "Screenshot",
    "Status",
]
