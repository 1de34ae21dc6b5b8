"""What the report desk holds of a participant as a reporter: read by the erasure of their
account (content/reports/erasure.py) before anything is erased."""

import re

from content.reports.models import Report


def phone_spellings(phone):
    """An Indonesian number as people type it: 0812..., 62812..., +62812..., as given."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return set()
    local = digits[1:] if digits.startswith("0") else digits.removeprefix("62")
    return {phone, f"0{local}", f"62{local}", f"+62{local}"}


def reporter_traces(accounts):
    """(names, other traces) the reports of these accounts hold of their person: the contact
    email and phone given on the form, which may differ from the account's."""
    traces = set()
    for email, phone in Report.objects.filter(reporter__in=accounts).values_list(
        "contact_email", "contact_phone"
    ):
        traces |= {email, *phone_spellings(phone)}
    return set(), {trace for trace in traces if trace}
