"""Writes for certificates: issuing by the rules, rendering and signing once, revoking, and
issuing a whole session's in the task worker (bulk.py), and the verification log."""

from content.certificates.services.bulk import (
    bulk_issue_resume,
    bulk_issue_start,
    certificate_email,
)
from content.certificates.services.erasure import certificate_holders_erase
from content.certificates.services.issuing import (
    certificate_issue,
    certificate_render,
    certificate_revoke,
)
from content.certificates.services.marks import template_mark_names, template_marks_discard
from content.certificates.services.verification import verification_record

__all__ = [
    "bulk_issue_resume",
    "bulk_issue_start",
    "certificate_email",
    "certificate_holders_erase",
    "certificate_issue",
    "certificate_render",
    "certificate_revoke",
    "template_mark_names",
    "template_marks_discard",
    "verification_record",
]
