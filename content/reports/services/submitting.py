"""Receiving a report: one report per form (a doubled submit answers with the same code), one case
per post (a unique normalised link, not "look, then insert")."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from content.base import task_queue
from content.reports.models import Report, Screenshot
from content.reports.rules import codes, links, similar
from content.reports.services.grouping import case_for


@dataclass(frozen=True)
class Submitted:
    report: Report
    code: str
    created: bool


@dataclass(frozen=True)
class ReportInput:
    kind: str
    links: list
    seen_at: object = None
    description: str = ""
    screenshots: tuple = ()  # rules.images.KeptImage, already checked and re-encoded
    contact_email: str = ""
    contact_phone: str = ""
    contact_consent: bool = False
    reporter: object = None


def report_submit(form_token, data):
    """Saves the report (with its screenshots) and files it under a case. The form's token makes
    a doubled or concurrent submit of the same form return the first report."""
    code = codes.code_for_token(form_token)
    existing = Report.objects.filter(form_token=form_token).first()
    if existing is not None:
        return Submitted(existing, code, created=False)
    try:
        with transaction.atomic():
            report = _save(form_token, code, data)
    except IntegrityError:
        existing = Report.objects.filter(form_token=form_token).first()
        if existing is None:
            raise
        return Submitted(existing, code, created=False)
    if report.contact_email:
        task_queue.enqueue_on_commit("reports.send_tracking_code", report.pk, code)
    return Submitted(report, code, created=True)


def _save(form_token, code, data):
    normalised = [links.normalise(link) for link in data.links]
    platform = links.platform_of(data.links[0]) if data.links else "lainnya"
    prints = [kept.grouping_hash for kept in data.screenshots]
    case = case_for(
        kind=data.kind,
        platform=platform,
        links=normalised,
        fingerprints=prints,
        summary=data.description,
    )
    report = Report.objects.create(
        case=case,
        code_digest=codes.digest(code),
        form_token=form_token,
        kind=data.kind,
        links=list(data.links),
        platform=platform,
        seen_at=data.seen_at,
        description=data.description,
        contact_email=data.contact_email,
        contact_phone=data.contact_phone,
        contact_consent=data.contact_consent and bool(data.contact_email or data.contact_phone),
        reporter=data.reporter if getattr(data.reporter, "is_authenticated", False) else None,
    )
    for kept, fingerprint in zip(data.screenshots, prints, strict=True):
        screenshot = Screenshot(
            report=report,
            original_sha256=kept.original_sha256,
            stored_sha256=kept.stored_sha256,
            original_size=kept.original_size,
            original_format=kept.original_format,
            width=kept.width,
            height=kept.height,
            phash=kept.phash,
            grouping_hash=fingerprint,
            **similar.band_fields(fingerprint),
        )
        screenshot.image.save("x.png", ContentFile(kept.data), save=False)
        screenshot.save()
    return report
