"""What the partner (Bawaslu) may read: forwarded cases only, and of them the evidence, never the
reporter.

Every partner screen fetches its case through `cases_for_partner(user)`, so a case that was not
forwarded does not exist for the partner (404), whatever id is typed. What a screen shows is
built here as plain values (`PartnerCase`), not handed over as model rows: a template given a
PartnerCase cannot reach a report's contact fields, its reporter's account or the consent flag,
because they are not in it. The evidence bundle (documents.py) prints the same values, for the
desk and the partner alike.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from content.people.identity import IdentifierKind, mask
from content.reports import permissions
from content.reports.models import Case, Report, Screenshot
from content.reports.rules import links as link_rules


def may_see_partner_cases(user):
    """The partner's screens: "Mitra Bawaslu" (record_partner_outcome) and superusers."""
    return bool(
        user.is_authenticated and (user.is_superuser or user.has_perm(permissions.RECORD_OUTCOME))
    )


def may_triage(user):
    return bool(user.is_authenticated and user.has_perm(permissions.TRIAGE))


def cases_for_partner(user):
    """Forwarded cases, for those who may see the partner's screens; none for anyone else."""
    if not may_see_partner_cases(user):
        return Case.objects.none()
    return Case.objects.filter(forwarded_at__isnull=False).select_related(
        "agency", "reported_person", "reported_person__agency", "fact_check"
    )


def cases_with_evidence_for(user):
    """Cases whose evidence (bundle, screenshots) `user` may have: every case for the desk,
    forwarded cases for the partner, none for anyone else."""
    if may_triage(user):
        return Case.objects.select_related(
            "agency", "reported_person", "reported_person__agency", "fact_check"
        )
    return cases_for_partner(user)


def screenshot_for(user, case_id, screenshot_id):
    """A screenshot of a case `user` may see the evidence of, or None."""
    cases = cases_with_evidence_for(user)
    return (
        Screenshot.objects.filter(
            pk=screenshot_id, report__case_id=case_id, report__case__in=cases.values("pk")
        )
        .only("pk", "image", "stored_sha256", "report_id")
        .first()
    )


# What a partner screen and the evidence bundle show -------------------------------------------


@dataclass(frozen=True)
class LinkText:
    text: str
    domain: str


@dataclass(frozen=True)
class ScreenshotFacts:
    pk: int
    original_sha256: str
    stored_sha256: str
    original_size: int
    original_format: str
    width: int
    height: int
    uploaded_at: object
    name: str  # the kept file's name in the private storage (for the PDF's images)


@dataclass(frozen=True)
class ReportFacts:
    number: int  # 1, 2, ... within the case, in the order they came
    kind: str
    platform: str
    links: tuple
    seen_at: object
    submitted_at: object
    description: str
    screenshots: tuple


@dataclass(frozen=True)
class PersonFacts:
    name: str
    agency: str
    position: str
    nip_masked: str


@dataclass(frozen=True)
class PartnerCase:
    pk: int
    kind: str
    kind_label: str
    platform: str
    platform_label: str
    status_label: str
    summary: str
    opened_at: object
    first_response_at: object
    closed_at: object
    forwarded_at: object
    agency: str
    reported_person: PersonFacts | None
    public_answer: str
    outcome: str
    outcome_label: str
    outcome_note: str
    outcome_at: object
    reports: tuple

    @property
    def report_count(self):
        return len(self.reports)

    @property
    def screenshots(self):
        return [shot for report in self.reports for shot in report.screenshots]


def _links(values):
    shown = []
    for value in values or ():
        text = str(value)[: link_rules.MAX_LINK_LENGTH]
        shown.append(LinkText(text=text, domain=link_rules.domain_of(text) or "-"))
    return tuple(shown)


def _person(user):
    if user is None or user.erased_at is not None:
        return None
    return PersonFacts(
        name=user.full_name or user.get_full_name() or user.get_username(),
        agency=str(user.agency) if user.agency_id else "",
        position=user.position,
        nip_masked=mask(IdentifierKind.NIP, user.nip or ""),
    )


# Only these columns of a report are read: the contact fields are never loaded.
REPORT_FIELDS = ("pk", "case_id", "kind", "links", "platform", "seen_at", "description")
SCREENSHOT_FIELDS = (
    "pk",
    "report_id",
    "image",
    "original_sha256",
    "stored_sha256",
    "original_size",
    "original_format",
    "width",
    "height",
    "uploaded_at",
)


def case_facts(case):
    """The case as the partner and the evidence bundle see it (two queries)."""
    reports = (
        Report.objects.filter(case=case)
        .only(*REPORT_FIELDS, "submitted_at")
        .order_by("submitted_at", "pk")
        .prefetch_related(
            Prefetch("screenshots", queryset=Screenshot.objects.only(*SCREENSHOT_FIELDS))
        )
    )
    facts = []
    for number, report in enumerate(reports, start=1):
        shots = tuple(
            ScreenshotFacts(
                pk=shot.pk,
                original_sha256=shot.original_sha256,
                stored_sha256=shot.stored_sha256,
                original_size=shot.original_size,
                original_format=shot.original_format,
                width=shot.width,
                height=shot.height,
                uploaded_at=shot.uploaded_at,
                name=shot.image.name,
            )
            for shot in report.screenshots.all()
        )
        facts.append(
            ReportFacts(
                number=number,
                kind=report.get_kind_display(),
                platform=report.get_platform_display(),
                links=_links(report.links),
                seen_at=report.seen_at,
                submitted_at=report.submitted_at,
                description=report.description,
                screenshots=shots,
            )
        )
    return PartnerCase(
        pk=case.pk,
        kind=case.kind,
        kind_label=case.get_kind_display(),
        platform=case.platform,
        platform_label=case.get_platform_display(),
        status_label=case.get_status_display(),
        summary=case.summary,
        opened_at=case.opened_at,
        first_response_at=case.first_response_at,
        closed_at=case.closed_at,
        forwarded_at=case.forwarded_at,
        agency=str(case.agency) if case.agency_id else "",
        reported_person=_person(case.reported_person) if case.reported_person_id else None,
        public_answer=case.public_answer,
        outcome=case.partner_outcome,
        outcome_label=case.get_partner_outcome_display() if case.partner_outcome else "",
        outcome_note=case.partner_note,
        outcome_at=case.partner_outcome_at,
        reports=tuple(facts),
    )
