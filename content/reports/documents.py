"""The report desk's PDFs: a case's evidence bundle for Bawaslu, and the period summary for the MoU
meetings. Both are archival PDFs (PDF/A-3b) signed with the certificates' key (PAdES), so a file
handed over today can be shown intact later (content/certificates/signing.py checks it).

The bundle prints a PartnerCase (selectors/partner.py): the case, each report's kind, times,
description and links as text, the screenshots as kept, and the SHA-256 of what was uploaded and
of what is kept. Nothing of the reporter (contact, account, consent) is in a PartnerCase, so
nothing of it can be printed. The renderer fetches nothing but the screenshots, handed to it from
memory under `aset:` names (the certificates' fetcher); a link in a report is text, never fetched.
"""

import hashlib
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from PIL import Image as PILImage

from content.base.storages import private_storage
from content.certificates import signing
from content.certificates.documents import ASSET_SCHEME, Assets, render_pdf

# A screenshot prints at most this many pixels on its long side (a phone's 1080 x 2400 becomes
# 630 x 1400, sharp at the size it is printed); the hashes name the files as kept.
SCREENSHOT_MAX_PX = 1400
LOCATION = "Lentera"


def _scaled_png(name):
    with private_storage().open(name, "rb") as handle:
        picture = PILImage.open(handle)
        picture.load()
    picture.thumbnail((SCREENSHOT_MAX_PX, SCREENSHOT_MAX_PX))
    if picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _screenshot_assets(facts):
    assets = Assets()
    for shot in facts.screenshots:
        try:
            assets[str(shot.pk)] = (_scaled_png(shot.name), "image/png")
        except (FileNotFoundError, OSError):
            continue  # a missing file prints as "berkas tidak tersedia"
    return assets


def _signed(pdf, reason):
    return signing.sign(pdf, reason=reason, location=LOCATION)


def evidence_html(facts, *, made_at=None):
    assets = _screenshot_assets(facts)
    made_at = timezone.localtime(made_at or timezone.now()).replace(microsecond=0)
    html = render_to_string(
        "reports/pdf/evidence.html",
        {
            "case": facts,
            "assets": set(assets),
            "asset_scheme": ASSET_SCHEME,
            "made_at": made_at,
            "created": made_at.isoformat(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    return html, assets


def evidence_pdf(facts):
    """The signed evidence bundle of a case and its SHA-256."""
    html, assets = evidence_html(facts)
    pdf = _signed(render_pdf(html, assets), f"Berkas bukti kasus aduan #{facts.pk}")
    return pdf, hashlib.sha256(pdf).hexdigest()


def summary_pdf(summary):
    """The signed period summary (aggregates only) and its SHA-256."""
    made_at = timezone.localtime().replace(microsecond=0)
    html = render_to_string(
        "reports/pdf/summary.html",
        {
            "summary": summary,
            "made_at": made_at,
            "created": made_at.isoformat(),
            "site_name": settings.WAGTAIL_SITE_NAME,
        },
    )
    pdf = _signed(
        render_pdf(html, Assets()),
        f"Ringkasan aduan {summary.start:%d-%m-%Y} s.d. {summary.end:%d-%m-%Y}",
    )
    return pdf, hashlib.sha256(pdf).hexdigest()
