"""Reports through the service, as the public form sends them."""

import io
import random

from PIL import Image, ImageDraw

from content.reports.models import Kind
from content.reports.rules import codes, images
from content.reports.services.submitting import ReportInput, report_submit


def screenshot_bytes(seed=1, size=(360, 640), fmt="PNG", exif=None):
    """A phone-like screenshot: a distinct pattern per seed (so perceptual hashes differ)."""
    rng = random.Random(seed)
    picture = Image.new("RGB", size, (250, 250, 250))
    draw = ImageDraw.Draw(picture)
    for _ in range(12):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        colour = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle([x, y, x + rng.randrange(40, 200), y + rng.randrange(20, 120)], fill=colour)
    buffer = io.BytesIO()
    if exif is not None:
        picture.save(buffer, format=fmt, exif=exif)
    else:
        picture.save(buffer, format=fmt)
    return buffer.getvalue()


def submit_report(
    *,
    kind=Kind.HOAX,
    links=("https://www.facebook.com/permalink.php?story_fbid=1&id=2",),
    screenshots=(),
    description="Katanya ada pembagian bansos lewat tautan ini.",
    contact_email="",
    contact_phone="",
    contact_consent=False,
    reporter=None,
    form_token=None,
    seen_at=None,
):
    """Submits a report; screenshots are raw bytes and go through the same checks as the form."""
    kept = tuple(images.keep(data) for data in screenshots)
    data = ReportInput(
        kind=kind,
        links=list(links),
        seen_at=seen_at,
        description=description,
        screenshots=kept,
        contact_email=contact_email,
        contact_phone=contact_phone,
        contact_consent=contact_consent,
        reporter=reporter,
    )
    return report_submit(form_token or codes.new_form_token(), data)
