"""What a reporter's status page shows, read by the tracking code: the case's status, when the
report was received and when the case last changed, the public answer, the partner's outcome
(once the case was forwarded and an outcome recorded) and the published fact-check.

Nothing else leaves here: no links, description, screenshots, contact, no count of other
reporters, no OPD, no reported person. The page is built from this object only, so a template
cannot reach further into the case.
"""

import datetime
from dataclasses import dataclass

from content.reports.models import PartnerOutcome, Report, Status
from content.reports.rules import codes


@dataclass(frozen=True)
class ReportStatus:
    status: str
    status_label: str
    received_at: datetime.datetime
    changed_at: datetime.datetime
    public_answer: str
    partner_outcome_label: str
    fact_check_title: str
    fact_check_url: str


def report_status(text):
    """The status of the report whose tracking code is `text` (as typed: spaces, dashes, any
    case), or None for an unknown code and a malformed one alike."""
    code = codes.canonical(text)
    if code is None:
        return None
    report = (
        Report.objects.filter(code_digest=codes.digest(code))
        .select_related("case", "case__fact_check")
        .first()
    )
    if report is None:
        return None
    case = report.case
    outcome = ""
    if case.forwarded_at and case.partner_outcome:
        outcome = PartnerOutcome(case.partner_outcome).label
    fact_check = case.fact_check if case.fact_check_id and case.fact_check.live else None
    changes = [
        moment
        for moment in (
            report.submitted_at,
            case.first_response_at,
            case.closed_at,
            case.partner_outcome_at if outcome else None,
        )
        if moment is not None
    ]
    return ReportStatus(
        status=case.status,
        status_label=Status(case.status).label,
        received_at=report.submitted_at,
        changed_at=max(changes),
        public_answer=case.public_answer,
        partner_outcome_label=outcome,
        fact_check_title=fact_check.title if fact_check else "",
        fact_check_url=(fact_check.get_url() or "") if fact_check else "",
    )


def form_already_sent(form_token):
    """Whether a report was saved from the form with this one-time token (a doubled submit)."""
    return Report.objects.filter(form_token=form_token).exists()
