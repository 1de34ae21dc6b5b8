"""What a case offers a fact-check draft ("Buat cek fakta"): the claim as reporters wrote it, where
it spread, when it was first seen, the reported links and the screenshots the desk may pick.

Reads only; the draft itself is written by services/fact_checks.py."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone

from content.articles.models import FactCheckIndexPage
from content.articles.models.fact_checks import SHORT_CLAIM_LENGTH
from content.reports.models import Screenshot
from content.reports.rules import links as link_rules

_url = URLValidator(schemes=["http", "https"])


@dataclass(frozen=True)
class Prefill:
    claim: str
    claim_short: str
    claim_origin: str
    claim_author: str
    claim_first_seen: object  # a date, or None
    links: list = field(default_factory=list)  # [(url, domain)], valid http(s) URLs only
    unusable_links: list = field(default_factory=list)  # reported text that is not a URL
    screenshots: list = field(default_factory=list)  # Screenshot rows of the case's reports


def short_claim(text, limit=SHORT_CLAIM_LENGTH):
    """The first sentence (or line) of `text`, cut at a word within `limit` characters."""
    text = " ".join(text.split())
    for stop in (". ", "? ", "! "):
        head, found, _ = text.partition(stop)
        if found and len(head) + 1 <= limit:
            text = head + stop.strip()
            break
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def fact_check_prefill(case):
    """What the draft of `case` starts with (the desk may edit the claim before drafting)."""
    reports = list(case.reports.order_by("submitted_at", "pk"))
    descriptions = []
    for report in reports:
        text = report.description.strip()
        if text and text not in descriptions:
            descriptions.append(text)
    claim = "\n\n".join(descriptions) or case.summary.strip() or f"Klaim dari aduan #{case.pk}"
    links, unusable = [], []
    for report in reports:
        for link in report.links or []:
            link = str(link).strip()
            if not link or link in (url for url, _ in links) or link in unusable:
                continue
            try:
                _url(link)
            except ValidationError:
                unusable.append(link)
                continue
            links.append((link, link_rules.domain_of(link)))
    seen = [report.seen_at for report in reports if report.seen_at is not None]
    first_seen = timezone.localtime(min(seen)).date() if seen else None
    origin = case.get_platform_display()
    return Prefill(
        claim=claim,
        claim_short=short_claim(descriptions[0] if descriptions else claim),
        claim_origin=origin,
        claim_author=f"Tidak diketahui ({origin})",
        claim_first_seen=first_seen,
        links=links,
        unusable_links=unusable,
        screenshots=list(case_screenshots(case)),
    )


def case_screenshots(case):
    return Screenshot.objects.filter(report__case=case).order_by("report__submitted_at", "pk")


def fact_check_index(site=None):
    """The fact-check section new drafts go under: the default site's, else the first one."""
    indexes = FactCheckIndexPage.objects.order_by("path")
    if site is not None:
        found = indexes.descendant_of(site.root_page, inclusive=True).first()
        if found is not None:
            return found
    return indexes.first()
