"""Screenshots: what is accepted and how it is kept.

Decided by the file's content, never its name or the content type the browser sent: Pillow sniffs
the format from the first bytes, and only PNG, JPEG, WebP and GIF decoders are even tried.

Limits, each checked before the next costs anything:
- bytes (MAX_BYTES), from the upload's size, before Pillow sees the file;
- pixels (MAX_PIXELS), from the header Pillow reads when it opens the file, before any pixel is
  decoded: a small file that claims a huge picture (a decompression bomb) is refused with its
  size in the message. Pillow's own guard (MAX_IMAGE_PIXELS, set in base's apps.py) raises
  DecompressionBombError or warns with DecompressionBombWarning; both are refusals here, never
  an error page;
- an animated image (GIF, APNG, WebP) keeps its first frame only: a screenshot is one picture,
  and only that frame is ever decoded, whatever number of frames the file claims.

The kept copy is a fresh PNG drawn from the decoded pixels (upright, per its EXIF orientation),
written with an empty info dictionary: EXIF (GPS, camera), XMP, ICC profile, text chunks,
comments, and anything appended to the file (a ZIP, HTML or PHP after the image's end: a
polyglot, a GIFAR) are gone. Both SHA-256 digests are kept for the chain of custody.
Any failure to decode (a truncated file, a crafted header that trips a decoder) is a refusal
with one Indonesian message: a hostile file never becomes a server error.

Decoding runs in a child process whose memory and CPU the kernel caps (content/base/isolated.py,
as private_images.py does for the admin's private images): a file that still costs too much, or
crashes a decoder, is refused and the web process carries on. There, and only there,
LOAD_TRUNCATED_IMAGES is off (WeasyPrint turns it on for the whole process when imported; a
cut-off file would then "load" with grey where its end was missing).
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

import imagehash

# imagehash.phash imports scipy.fftpack when first called. Decoding runs in a child forked per
# screenshot, which would import it again every time (about 150 ms, three times the decode):
# importing it here, once per process, lets every child inherit it.
import scipy.fftpack  # noqa: F401
from django.conf import settings
from PIL import Image, ImageFile, ImageOps

from content.base import isolated
from content.reports.rules import similar

MAX_SCREENSHOTS = 5
MAX_BYTES = 5 * 1024 * 1024
# A long scrolling screenshot of a phone (1440 x 12 000) fits; below Pillow's own warning line
# (base's apps.py sets MAX_IMAGE_PIXELS to 25 million), so Pillow never has to warn first.
MAX_PIXELS = 20_000_000
# What one POST of the form may carry in all (five screenshots and the text fields), checked
# from Content-Length before the body is read (views.py).
MAX_REQUEST_BYTES = 20 * 1024 * 1024
# The child that decodes one screenshot: a 20-megapixel RGBA image is 80 MB, held twice.
DECODE_MEMORY_MB = 512
DECODE_CPU_SECONDS = 20
ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")

UNREADABLE = "{name} bukan gambar PNG, JPEG, WebP, atau GIF yang dapat dibaca."
TOO_MANY_BYTES = "{name} lebih besar dari {limit} MB. Kecilkan atau potong gambarnya."
TOO_MANY_PIXELS = (
    "{name} terlalu besar ukuran pikselnya ({size}); batasnya {limit} juta piksel. "
    "Potong atau kecilkan gambarnya."
)
TOO_COSTLY = (
    "{name} terlalu rumit untuk dibaca (memerlukan memori atau waktu melebihi batas). "
    "Kirim tangkapan layar biasa dalam PNG atau JPEG."
)


class ScreenshotRefused(ValueError):
    """The Indonesian message says why."""


@dataclass(frozen=True)
class KeptImage:
    data: bytes
    original_sha256: str
    stored_sha256: str
    original_size: int
    original_format: str
    width: int
    height: int
    phash: str
    # The grouping fingerprint (rules/similar.py), computed from the same decoded pixels.
    grouping_hash: str


def megabytes(count):
    return f"{count / (1024 * 1024):g}"


def keep(data, name="Tangkapan layar"):
    """The screenshot `data` (bytes) as it is kept, or ScreenshotRefused."""
    if len(data) > MAX_BYTES:
        raise ScreenshotRefused(TOO_MANY_BYTES.format(name=name, limit=megabytes(MAX_BYTES)))
    try:
        return isolated.run(
            _kept,
            data,
            name,
            memory_mb=min(DECODE_MEMORY_MB, settings.UPLOAD_PARSE_MEMORY_MB),
            cpu_seconds=min(DECODE_CPU_SECONDS, settings.UPLOAD_PARSE_CPU_SECONDS),
        )
    except isolated.TooComplex:
        raise ScreenshotRefused(TOO_COSTLY.format(name=name)) from None


def _kept(data, name):
    """keep()'s work, in the isolated child: bytes in, a KeptImage (or a refusal) out."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    pixels, image_format = _decoded(data, name)
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=False)
    kept = out.getvalue()
    return KeptImage(
        data=kept,
        original_sha256=hashlib.sha256(data).hexdigest(),
        stored_sha256=hashlib.sha256(kept).hexdigest(),
        original_size=len(data),
        original_format=image_format,
        width=pixels.width,
        height=pixels.height,
        phash=str(imagehash.phash(pixels)),
        grouping_hash=similar.fingerprint(pixels),
    )


def _decoded(data, name):
    """The first frame's pixels (a new image with no info: nothing of the file's metadata) and
    the format the content says the file is."""
    with warnings.catch_warnings():
        # Above Pillow's own pixel line it only warns: here that is a refusal too.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as probe:
                width, height = probe.size
                if width < 1 or height < 1:
                    raise ScreenshotRefused(UNREADABLE.format(name=name))
                if width * height > MAX_PIXELS:
                    raise ScreenshotRefused(_too_many_pixels(name, f"{width}×{height} piksel"))
                image_format = probe.format
                probe.seek(0)  # an animated image: its first frame, and only that one
                probe.load()
                ImageOps.exif_transpose(probe, in_place=True)
                has_alpha = "A" in probe.getbands() or "transparency" in probe.info
                pixels = probe.convert("RGBA" if has_alpha else "RGB")
        except ScreenshotRefused:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise ScreenshotRefused(_too_many_pixels(name, "melebihi batas")) from None
        except Exception:  # noqa: BLE001 (any decoder failure on a hostile file is a refusal)
            raise ScreenshotRefused(UNREADABLE.format(name=name)) from None
    # convert() made a new image but copied the file's info (ICC profile, transparency, EXIF),
    # which the PNG writer would carry over: the kept copy starts from none of it.
    pixels.info = {}
    return pixels, image_format


def _too_many_pixels(name, size):
    return TOO_MANY_PIXELS.format(name=name, size=size, limit=MAX_PIXELS // 1_000_000)
