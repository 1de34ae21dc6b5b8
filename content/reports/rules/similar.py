"""Near-identical screenshots of one post: a 64-bit perceptual fingerprint, how far apart two are,
and how to find the close ones among 100,000+ without reading them all. Pure functions.

The fingerprint is imagehash's pHash of the screenshot's *bottom window*: the picture scaled to
WIDTH pixels wide, then its lowest WINDOW_RATIO x WIDTH rows (all of it when shorter). People
forward screenshots re-encoded (WhatsApp's JPEG), resized, and with the phone's status bar cut
off; cutting rows off the top shifts everything in a whole-picture pHash (Screenshot.phash moved
by up to 18 bits for a 24-pixel status bar on a 640-pixel screenshot, while two different posts
of the same layout were 8 bits apart), but leaves the bottom rows, at the same width, as they
were. Measured on tests/factories and post-like screenshots (tests/reports/test_grouping.py):
JPEG quality 60, 75 % size, status bar cropped, and all three together moved the fingerprint by
at most 4 bits; different posts of the same layout were 8 or more apart. MATCH_DISTANCE = 6 sits
between. (A screenshot cropped at the bottom is not recognised: noted, not handled.)

Finding: the 64 bits are stored as BANDS = 4 indexed 16-bit integers (Screenshot.band0..3). Two
fingerprints at most MATCH_DISTANCE = 6 apart differ in at most one bit in at least one band (if
every band differed in two, they would be 8 apart), so the candidates are the screenshots with,
in some band, the same value or one at one bit from it: 4 x 17 indexed values, then the exact
distance in Python (multi-index hashing, generalised pigeonhole).

Serialising (lock_keys): two near-identical screenshots sent at the same instant must meet. Split
into 8 bands of 8 bits, two fingerprints at most 7 apart share one band exactly, so each report
takes a lock on each (band, value) of its 8 before looking: the second waits for the first.
"""

import io

import imagehash
from PIL import Image

MATCH_DISTANCE = 6
BANDS = 4
BAND_BITS = 64 // BANDS
PROBE_RADIUS = MATCH_DISTANCE // BANDS  # bits a band may differ in, in some band, within reach
LOCK_BANDS = 8  # 8 bands of 8 bits: MATCH_DISTANCE < LOCK_BANDS, so a close pair shares one
WIDTH = 256
WINDOW_RATIO = 1.5


def fingerprint(picture):
    """16 hex digits: the pHash of the bottom window of a PIL image (see the module)."""
    picture = picture.convert("RGB")
    height = max(1, round(picture.height * WIDTH / picture.width))
    picture = picture.resize((WIDTH, height), Image.Resampling.LANCZOS)
    window = min(height, round(WIDTH * WINDOW_RATIO))
    return str(imagehash.phash(picture.crop((0, height - window, WIDTH, height))))


def fingerprint_of(data):
    """The fingerprint of an image file's bytes (the kept PNG of rules/images.keep())."""
    with Image.open(io.BytesIO(data)) as picture:
        return fingerprint(picture)


def distance(first, second):
    """How many of the 64 bits differ between two fingerprints."""
    return (int(first, 16) ^ int(second, 16)).bit_count()


def bands(value):
    """The BANDS integers stored beside a fingerprint, most significant first."""
    number = int(value, 16)
    mask = (1 << BAND_BITS) - 1
    return tuple((number >> (BAND_BITS * (BANDS - 1 - index))) & mask for index in range(BANDS))


def band_fields(value):
    """Screenshot's band0..band3 for a fingerprint."""
    return {f"band{index}": band for index, band in enumerate(bands(value))}


def probes(value):
    """Per band, the values a stored fingerprint within MATCH_DISTANCE must have in at least one
    band: the band itself and every value PROBE_RADIUS (one) bit away."""
    found = []
    for band in bands(value):
        values = {band}
        for _ in range(PROBE_RADIUS):
            values |= {other ^ (1 << bit) for other in values for bit in range(BAND_BITS)}
        found.append(sorted(values))
    return found


def lock_keys(values):
    """Integers to lock, in order, before looking for and filing near-identical screenshots: one
    per (8-bit band, value) of each fingerprint."""
    keys = set()
    for value in values:
        number = int(value, 16)
        for index in range(LOCK_BANDS):
            keys.add(index << 8 | (number >> (8 * index)) & 0xFF)
    return sorted(keys)
