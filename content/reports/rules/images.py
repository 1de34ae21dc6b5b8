"""Screenshots: what is accepted and how it is kept. Decided by the file's content, never its name;
the kept copy is a fresh PNG drawn from the decoded pixels, so EXIF (GPS, camera), comments and
anything appended to or hidden in the file is gone."""

import hashlib
import io
from dataclasses import dataclass

import imagehash
from PIL import Image, UnidentifiedImageError

MAX_SCREENSHOTS = 5
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"PNG", "JPEG", "WEBP", "GIF"}


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


def keep(data, name="tangkapan layar"):
    if len(data) > MAX_BYTES:
        raise ScreenshotRefused(f"{name} lebih besar dari {MAX_BYTES // (1024 * 1024)} MB.")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            width, height = probe.size
            if image_format not in ACCEPTED_FORMATS:
                raise ScreenshotRefused(f"{name} bukan gambar PNG, JPEG, WebP, atau GIF.")
            if width * height > MAX_PIXELS:
                raise ScreenshotRefused(f"{name} terlalu besar ukuran pikselnya.")
            probe.load()
            pixels = probe.convert("RGBA" if "A" in probe.getbands() else "RGB")
    except ScreenshotRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ScreenshotRefused(f"{name} bukan gambar yang dapat dibaca.") from None
    out = io.BytesIO()
    pixels.save(out, format="PNG", optimize=False)
    kept = out.getvalue()
    return KeptImage(
        data=kept,
        original_sha256=hashlib.sha256(data).hexdigest(),
        stored_sha256=hashlib.sha256(kept).hexdigest(),
        original_size=len(data),
        original_format=image_format,
        width=width,
        height=height,
        phash=str(imagehash.phash(pixels)),
    )
