"""What the desk's screens read: the triage queue (one query for any number of cases), a case
with its reports and screenshots, its history from Wagtail's log, and, through the service that
logs the look (services/triage.case_view_personal), its personal data.

The queue never reads a reporter's contact: its rows carry the case, counts and the first link.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import models
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, Subquery, Value
from django.db.models.functions import Coalesce

from content.people.models import Participant
from content.reports.models import Case, CaseLink, CaseLogEntry, Report, Screenshot
from content.reports.rules import status as status_rules

LOG_PREFIX = "lentera.report."
UNASSIGNED = "none"


def base_queryset():
    """Every case with what a queue row shows, in one query: the number of reports, the first
    normalised link, the officer and the agency; `closed_rank` puts open cases first."""
    reports = (
        Report.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(total=Count("pk"))
        .values("total")
    )
    first_link = CaseLink.objects.filter(case=OuterRef("pk")).order_by("pk").values("normalised")
    return (
        Case.objects.select_related("assigned_to", "agency")
        .annotate(
            report_count=Coalesce(Subquery(reports, output_field=IntegerField()), Value(0)),
            first_link=Subquery(first_link[:1]),
            closed_rank=models.Case(
                models.When(status__in=list(status_rules.CLOSED), then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            ),
        )
        # Oldest open case first, then the closed ones.
        .order_by("closed_rank", "opened_at", "pk")
    )


def filter_cases(
    queryset,
    *,
    status=None,
    kind=None,
    platform=None,
    agency=None,
    opened_from=None,
    opened_to=None,
    officer=None,
    **_ignored,
):
    """The queue's filters. `status`, `kind`, `platform` take a value or a list of values;
    `officer` a user, or UNASSIGNED for cases nobody has; the period is inclusive (local
    dates)."""
    for field, value in (("status", status), ("kind", kind), ("platform", platform)):
        if value:
            values = [value] if isinstance(value, str) else list(value)
            queryset = queryset.filter(**{f"{field}__in": values})
    if agency:
        queryset = queryset.filter(agency=agency)
    if opened_from:
        queryset = queryset.filter(opened_at__date__gte=opened_from)
    if opened_to:
        queryset = queryset.filter(opened_at__date__lte=opened_to)
    if officer == UNASSIGNED:
        queryset = queryset.filter(assigned_to__isnull=True)
    elif officer:
        queryset = queryset.filter(assigned_to=officer)
    return queryset


def cases(**criteria):
    """The queue, filtered."""
    return filter_cases(base_queryset(), **criteria)


def officers():
    """Who may be given a case: active users holding reports.triage_case (through a group or
    directly) and active superusers."""
    permission = Permission.objects.filter(
        content_type__app_label="reports", codename="triage_case"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=permission)
            | Q(user_permissions__in=permission)
        )
        .distinct()
        .order_by("full_name", "username")
    )


# A case ----------------------------------------------------------------------------------------


def case_detail(pk):
    """The case with its links, its reports (oldest first) and their screenshots; Case.DoesNotExist
    when there is none. Reporters' contacts are loaded but the screen never shows them: only
    personal_data(), through the logging service, hands them out."""
    screenshots = Screenshot.objects.order_by("pk")
    reports = Report.objects.order_by("submitted_at", "pk").prefetch_related(
        Prefetch("screenshots", queryset=screenshots)
    )
    return (
        base_queryset()
        .select_related("reported_person", "fact_check", "forwarded_by")
        .prefetch_related(
            Prefetch("reports", queryset=reports),
            Prefetch("links", queryset=CaseLink.objects.order_by("pk")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: datetime.datetime
    action: str
    user: object
    data: dict


def history(case):
    """The case's entries in Wagtail's log, oldest first."""
    entries = (
        CaseLogEntry.objects.for_instance(case)
        .filter(action__startswith=LOG_PREFIX)
        .select_related("user")
        .order_by("timestamp", "pk")
    )
    return [
        HistoryEntry(entry.timestamp, entry.action, entry.user, entry.data or {})
        for entry in entries
    ]


@dataclass(frozen=True)
class Contact:
    report_id: int
    email: str
    phone: str
    consent: bool
    erased_at: datetime.datetime | None
    account: object  # the reporter's own account, when they reported logged in


@dataclass(frozen=True)
class PersonalData:
    contacts: list
    person: object  # the participant reported (ASN campaigning), or None


def personal_data(case, *, with_contacts):
    """The reporters' contacts (when `with_contacts`) and the person reported. Called by
    services/triage.case_view_personal, which logs the look."""
    contacts = []
    if with_contacts:
        rows = Report.objects.filter(case=case).select_related("reporter").order_by("pk")
        contacts = [
            Contact(
                report_id=row.pk,
                email=row.contact_email,
                phone=row.contact_phone,
                consent=row.contact_consent,
                erased_at=row.contact_erased_at,
                account=row.reporter,
            )
            for row in rows
        ]
    person = None
    if case.reported_person_id:
        person = get_user_model().objects.select_related("agency").get(pk=case.reported_person_id)
    return PersonalData(contacts=contacts, person=person)


def participants_matching(text, *, limit=20):
    """Participants whose name, username or NIP contains `text` (the desk's search for the ASN
    reported). At least three characters."""
    text = (text or "").strip()
    if len(text) < 3:
        return Participant.objects.none()
    return (
        Participant.objects.filter(
            Q(full_name__icontains=text) | Q(nip__startswith=text) | Q(username__icontains=text)
        )
        .select_related("agency")
        .order_by("full_name", "pk")[:limit]
    )
