"""A certificate as an archival PDF (PDF/A-3b) carrying the office's signature.

WeasyPrint renders certificates/pdf.html. Everything that goes into the page is escaped, and the
renderer may fetch nothing but the template's own images, which are handed to it from memory
under `aset:` URLs (scaled down first): no file, network or data URL a name could smuggle in.
The signatures and the stamp are read from the private storage, where the template keeps them.
"""

import functools
import hashlib
import io
import string

from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from PIL import Image as PILImage
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from content.base.models import LenteraImage
from content.base.qr import qr_svg
from content.base.storages import private_storage
from content.certificates import codes, signing
from content.certificates.models.choices import PAGE_SIZE_CSS

ASSET_SCHEME = "aset:"
CLAIM_PREFIX = "kode verifikasi "
# Backgrounds print well at 150 dpi: 1754 px across A4 landscape.
BACKGROUND_MAX_PX = 1800
MARK_MAX_PX = 600


class BlockedFetch(ValueError):
    pass


def _scaled(handle, max_px, fmt):
    picture = PILImage.open(handle)
    picture.load()
    picture.thumbnail((max_px, max_px))
    if fmt == "JPEG" and picture.mode not in ("RGB", "L"):
        picture = picture.convert("RGB")
    out = io.BytesIO()
    picture.save(out, format=fmt, quality=85, optimize=True)
    return out.getvalue()


@functools.lru_cache(maxsize=32)
def _image_bytes(image_pk, file_hash, max_px, fmt):
    # Keyed by the file's hash: a replaced image is scaled again.
    with LenteraImage.objects.get(pk=image_pk).file.open("rb") as handle:
        return _scaled(handle, max_px, fmt)


@functools.lru_cache(maxsize=32)
def _private_bytes(name, max_px, fmt):
    # A private image's name is random and new with every upload: it names one content.
    with private_storage().open(name, "rb") as handle:
        return _scaled(handle, max_px, fmt)


class Assets(dict):
    """{name: (bytes, mime type)} of a template's images, and `fingerprint`: which files at
    which size they are, so renders of the same images can share WeasyPrint's image cache."""

    fingerprint = ()


@functools.lru_cache(maxsize=8)
def _image_cache(fingerprint):
    # WeasyPrint keys its cache by URL; `aset:latar` means one file only within one
    # fingerprint, so each set of images has its own cache. Decoding the background once per
    # worker instead of once per certificate saves about a fifth of a bulk render.
    return {}


def _assets(template):
    """The background (a Wagtail image), the stamp and the signatures (private files of the
    template, read from the private storage: content/base/private_images.py)."""
    found = Assets()
    fingerprint = []
    background = template.background
    if background is not None:
        key = ("image", background.pk, background.get_file_hash(), BACKGROUND_MAX_PX, "JPEG")
        found["latar"] = (_image_bytes(*key[1:]), "image/jpeg")
        fingerprint.append(("latar", *key))
    marks = {
        "stempel": template.stamp,
        "ttd1": template.signatory_1_signature,
        "ttd2": template.signatory_2_signature,
    }
    for name, file in marks.items():
        if file:
            key = ("private", file.name, MARK_MAX_PX, "PNG")
            found[name] = (_private_bytes(*key[1:]), "image/png")
            fingerprint.append((name, *key))
    found.fingerprint = tuple(fingerprint)
    return found


class AssetFetcher(URLFetcher):
    """WeasyPrint's URL fetcher: the named assets and nothing else (no file, http or data
    URL); what is refused is left out of the page."""

    def __init__(self, assets):
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.assets = assets

    def fetch(self, url, headers=None):
        name = url[len(ASSET_SCHEME) :] if url.startswith(ASSET_SCHEME) else None
        if name not in self.assets:
            raise BlockedFetch(f"blocked: {url[:80]}")
        data, mime_type = self.assets[name]
        return URLFetcherResponse(url, data, {"Content-Type": mime_type})


def url_fetcher_for(assets):
    return AssetFetcher(assets)


def body_html(text, values):
    """The template's text with its {placeholders} filled, every part escaped: a name like
    <img src=...> prints as those characters."""
    try:
        pieces = list(string.Formatter().parse(text))
    except ValueError:  # an unbalanced brace: print the text as it is
        pieces = [(text, None, None, None)]
    parts = []
    for literal, name, _, _ in pieces:
        parts.append(escape(literal))
        if name is not None:
            parts.append(f"<strong>{escape(values.get(name, ''))}</strong>")
    return mark_safe("".join(parts))


def placeholder_values(certificate):
    score = certificate.score
    return {
        "nama": certificate.holder_name,
        "nip": certificate.holder_nip,
        "instansi": certificate.holder_agency,
        "sesi": certificate.event_title,
        "tanggal": formats.date_format(certificate.event_date, "j F Y"),
        "jp": str(certificate.training_hours),
        "peran": certificate.get_role_display().lower(),
        "nilai": "" if score is None else formats.number_format(score, decimal_pos=2),
    }


def render_html(certificate, *, verify_url):
    template = certificate.template
    assets = _assets(template)
    html = render_to_string(
        "certificates/pdf.html",
        {
            "certificate": certificate,
            "template": template,
            "page_size": f"{PAGE_SIZE_CSS[template.page_size]} {template.orientation}",
            "body": body_html(template.body_for(certificate.role), placeholder_values(certificate)),
            # A text that names the holder itself needs no "diberikan kepada" and NIP line.
            "holder_in_body": "{nama}" in template.body_for(certificate.role),
            "qr": mark_safe(qr_svg(verify_url, scale=4)),
            "verify_url": verify_url,
            "grouped_code": codes.grouped(certificate.code),
            "assets": set(assets),
            # The file's creation date (Info and XMP): when it was issued, in WIB, to the second.
            "created": timezone.localtime(certificate.issued_at).replace(microsecond=0).isoformat(),
        },
    )
    return html, assets


# PDF/A forbids an image that asks the reader to interpolate it (ISO 19005-3, 6.2.8), and
# WeasyPrint asks it of every image drawn with CSS's `image-rendering: auto`, the default. This
# sheet comes after the template's own, important, and reaches the page's background too.
NO_INTERPOLATION = CSS(
    string="@page { image-rendering: crisp-edges !important }"
    " * { image-rendering: crisp-edges !important }"
)


def render_pdf(html, assets):
    """An unsigned PDF/A-3b of the page. The images of a template already rendered in this
    process come from WeasyPrint's image cache."""
    fingerprint = getattr(assets, "fingerprint", None)
    document = HTML(string=html, base_url=ASSET_SCHEME, url_fetcher=url_fetcher_for(assets))
    return document.write_pdf(
        pdf_variant="pdf/a-3b",
        stylesheets=[NO_INTERPOLATION],
        cache=_image_cache(fingerprint) if fingerprint else None,
    )


def certificate_pdf(certificate, *, verify_url):
    """The signed PDF and its SHA-256."""
    html, assets = render_html(certificate, verify_url=verify_url)
    pdf = signing.sign(
        render_pdf(html, assets),
        # The code in the signature's reason, which stays readable in the file's bytes: an
        # upload whose bytes were changed still says which certificate it claims to be.
        reason=f"Sertifikat {certificate.number}, {CLAIM_PREFIX}{certificate.code}",
        location=certificate.template.issuer,
    )
    return pdf, hashlib.sha256(pdf).hexdigest()
