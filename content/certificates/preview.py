"""A template's look before anything is issued: a sample certificate, rendered as the real ones
are (documents.render_html and render_pdf, unsigned), marked PRATINJAU, then rasterised to a PNG
with PDFium (pypdfium2) for the admin to show as an image.

Nothing is written: the sample is never saved, and its number is the one the template would give
next, read without taking it.
"""

import datetime
import io
import threading
from decimal import Decimal

import pypdfium2
from django.utils import timezone
from django.utils.html import format_html

from content.certificates import documents, links, numbering
from content.certificates.models import Certificate, NumberSequence, Role

SAMPLE_HOLDER = {
    "holder_name": "Rina Kartika Sari, S.Kom.",
    "holder_nip": "198703152010012002",
    "holder_agency": "Dinas Komunikasi dan Informatika",
}
SAMPLE_EVENT = {
    "event_title": "Sosialisasi Literasi Digital (contoh)",
    "training_hours": 4,
}
SAMPLE_SCORE = Decimal("87.50")
# A code no certificate can have (its letters are outside the alphabet): the sample's QR code
# leads to "tidak dikenal".
SAMPLE_CODE = "PRATINJAU" + "0" * 23
# 72 points per inch: 1.5 gives 150 % of the page's size in CSS pixels, about 1260 px across
# A4 landscape, sharp enough to read the small print.
SCALE = 1.5
WATERMARK = format_html(
    '<div style="position:absolute;top:42%;left:0;right:0;text-align:center;'
    "transform:rotate(-18deg);font:bold 64pt 'DejaVu Sans',sans-serif;color:#c81e2d;"
    'opacity:.18;letter-spacing:.2em">{}</div>',
    "PRATINJAU",
)
# PDFium is not thread-safe: one rasterisation at a time per process.
_pdfium = threading.Lock()


def _next_sequence(template, year):
    last = (
        NumberSequence.objects.filter(template=template, year=year)
        .values_list("last", flat=True)
        .first()
    )
    return (last or 0) + 1


def sample_certificate(template, role, *, now=None):
    """An unsaved certificate of this template for a made-up holder."""
    now = timezone.localtime(now)
    sequence = _next_sequence(template, now.year)
    return Certificate(
        code=SAMPLE_CODE,
        number=numbering.format_number(template.number_format, sequence=sequence, moment=now),
        template=template,
        year=now.year,
        sequence=sequence,
        role=role,
        event_date=now.date() - datetime.timedelta(days=1),
        score=SAMPLE_SCORE if role == Role.PARTICIPANT else None,
        issued_at=now,
        **SAMPLE_HOLDER,
        **SAMPLE_EVENT,
    )


def sample_pdf(template, role, *, request=None):
    certificate = sample_certificate(template, role)
    html, assets = documents.render_html(certificate, verify_url=links.verify_url(certificate.code))
    html = html.replace("</body>", f"{WATERMARK}</body>", 1)
    return documents.render_pdf(html, assets)


def rasterise(pdf, *, scale=SCALE):
    """The first page of a PDF as PNG bytes."""
    with _pdfium:
        document = pypdfium2.PdfDocument(pdf)
        try:
            image = document[0].render(scale=scale).to_pil()
        finally:
            document.close()
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def sample_png(template, role, *, request=None):
    return rasterise(sample_pdf(template, role, request=request))
