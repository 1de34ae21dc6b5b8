"""The report desk's part of erasing a participant's data (registered in ../erasure.py).

A report stays: its case, the post's links, the screenshots (evidence of someone else's post,
kept with their hashes) and its dates still count. What identifies the reporter goes:
- the reports they sent while logged in lose their link to the account and their contact
  (email, phone, consent; contact_erased_at set), and every trace and word of their names is
  scrubbed from the report's text;
- reports sent without logging in but with one of their emails or phone numbers as contact
  lose that contact the same way;
- every trace of them (names of several words, identifiers, addresses) is scrubbed from the
  free text of every other report and case (a report naming an ASN, a case's summary, answer
  or partner note).
A case whose reported person is this participant keeps the (now nameless) account: the people
erasure scrubs the text of every row that points at it afterwards (rows_about).
"""

import re

from django.db.models import Q
from django.utils import timezone

from content.reports.models import Case, Report
from content.reports.selectors.reporters import phone_spellings
from content.reports.services.retention import ERASED_CONTACT

REPORT_TEXT = ("description", "links")
CASE_TEXT = ("summary", "reject_reason", "public_answer", "partner_note")


def _digits(value):
    return re.sub(r"\D", "", value or "")


def _contacts_of(person):
    """Reports whose contact is one of the person's emails or phone numbers."""
    emails = {trace.lower() for trace in person.traces if "@" in trace}
    phones = {_digits(p) for trace in person.traces for p in phone_spellings(trace)}
    phones = {digits[-9:] for digits in phones if len(digits) >= 9}
    condition = Q(pk__in=[])
    for email in emails:
        condition |= Q(contact_email__iexact=email)
    for tail in phones:
        condition |= Q(contact_phone__contains=tail[-4:])
    candidates = Report.objects.filter(condition).exclude(contact_email="", contact_phone="")
    found = []
    for report in candidates.only("pk", "contact_email", "contact_phone"):
        digits = _digits(report.contact_phone)
        if report.contact_email.lower() in emails or (len(digits) >= 9 and digits[-9:] in phones):
            found.append(report.pk)
    return found


def _mentioning(queryset, person, fields):
    condition = Q()
    for trace in person.traces:
        for field in fields:
            condition |= Q(**{f"{field}__icontains": trace})
    return queryset.filter(condition) if condition else queryset.none()


def _scrub(model, rows, person, fields, *, own):
    for row in rows.values("pk", *fields):
        changes = {
            field: person.scrub(row[field], own=own)
            for field in fields
            if person.scrub(row[field], own=own) != row[field]
        }
        if changes:
            model.objects.filter(pk=row["pk"]).update(**changes)


def reporters_erase(*, person):
    """Erase what the report desk holds of the person (see the module's docstring)."""
    now = timezone.now()
    own = Report.objects.select_for_update().filter(reporter_id__in=person.accounts)
    own_ids = list(own.values_list("pk", flat=True))
    _scrub(Report, Report.objects.filter(pk__in=own_ids), person, REPORT_TEXT, own=True)
    by_contact = set(_contacts_of(person)) - set(own_ids)
    erased = Report.objects.filter(pk__in=[*own_ids, *by_contact])
    erased.filter(contact_erased_at__isnull=True).update(contact_erased_at=now)
    erased.update(reporter=None, **ERASED_CONTACT)
    _scrub(
        Report,
        _mentioning(Report.objects.all(), person, ["description"]),
        person,
        REPORT_TEXT,
        own=False,
    )
    _scrub(Case, _mentioning(Case.objects.all(), person, CASE_TEXT), person, CASE_TEXT, own=False)
