"""Reading a PDF someone uploads to the verification page, with bounded cost.

A PDF's cost to read follows its structure, not its size: a few megabytes can declare a million
objects, thousands of revisions (each incremental update re-read and compared), a page tree of
millions of pages, or arrays nested until the parser's recursion gives out. A Lentera
certificate has one page, a few dozen objects and two revisions, so the limits
(settings.CERTIFICATE_UPLOAD_LIMITS) are far above anything genuine and far below anything
costly:

1. `check_counts` scans the bytes (no parsing) for object headers, revisions (`startxref`) and
   declared xref sizes and page counts, stopping at the first over its limit. The upload form
   runs it, so an obvious bomb gets a sentence before anything parses it.
2. `signature_report` then opens the file with pyHanko in a child process with capped memory
   and CPU (content/base/isolated.py), checks the counts pyHanko found (objects in compressed
   object streams, which the byte scan cannot see, included), and only then validates the
   signature (signing.signature_check). A child stopped by a cap is a refusal in words; the
   web process carries on.
"""

import io
import re

from django.conf import settings
from pyhanko.pdf_utils.reader import PdfFileReader

from content.base import isolated
from content.base.errors import NotAllowed
from content.base.numbers import thousands
from content.certificates import signing

OBJECT_HEADER = re.compile(rb"\d{1,10}\s+\d{1,5}\s+obj\b")
REVISION = re.compile(rb"startxref")
DECLARED_SIZE = re.compile(rb"/Size\s+(\d{1,15})")
# Page-tree nodes declare their pages' count (outlines use /Count too; a certificate has none).
DECLARED_PAGES = re.compile(rb"/Count\s+(\d{1,15})")
TOO_COMPLEX = (
    "Berkas PDF ini terlalu rumit untuk diperiksa ({what} lebih dari {limit}); sertifikat "
    "Lentera jauh lebih sederhana. Unggah berkas yang Anda terima dari Lentera, tanpa diubah."
)
RUNAWAY = (
    "Berkas PDF ini terlalu rumit untuk diperiksa: membacanya memerlukan memori atau waktu "
    "melebihi batas. Unggah berkas yang Anda terima dari Lentera, tanpa diubah."
)
WHAT = {
    "bytes": "ukurannya",
    "objects": "jumlah objeknya",
    "revisions": "jumlah revisinya",
    "pages": "jumlah halamannya",
}


class TooComplex(NotAllowed):
    """An upload over a limit; `what` names the limit and `work` what was counted."""

    def __init__(self, what, limit, work):
        limit_text = thousands(limit)
        if what == "bytes":
            limit_text = f"{limit // (1024 * 1024)} MB"
        super().__init__(TOO_COMPLEX.format(what=WHAT[what], limit=limit_text))
        self.what = what
        self.limit = limit
        self.work = dict(work)

    def __reduce__(self):
        return type(self), (self.what, self.limit, self.work)


def limits():
    return dict(settings.CERTIFICATE_UPLOAD_LIMITS)


def _count(pattern, data, limit):
    """Matches of `pattern` in `data`, counted up to `limit` + 1."""
    count = 0
    for count, _ in enumerate(pattern.finditer(data), start=1):
        if count > limit:
            break
    return count


def check_counts(data, bounds=None):
    """What the bytes declare, counted without parsing; raises TooComplex over a limit."""
    bounds = bounds or limits()
    work = {"bytes": len(data)}
    if len(data) > bounds["bytes"]:
        raise TooComplex("bytes", bounds["bytes"], work)
    work["revisions"] = _count(REVISION, data, bounds["revisions"])
    if work["revisions"] > bounds["revisions"]:
        raise TooComplex("revisions", bounds["revisions"], work)
    work["objects"] = _count(OBJECT_HEADER, data, bounds["objects"])
    if work["objects"] > bounds["objects"]:
        raise TooComplex("objects", bounds["objects"], work)
    for match in DECLARED_SIZE.finditer(data):
        # An xref of this many entries: what a reader may allocate and walk.
        if int(match.group(1)) > bounds["objects"] + 1:
            raise TooComplex("objects", bounds["objects"], work)
    for match in DECLARED_PAGES.finditer(data):
        if int(match.group(1)) > bounds["pages"]:
            raise TooComplex("pages", bounds["pages"], work)
    return work


def _structure(reader):
    """(revisions, objects, pages) as pyHanko read them."""
    revisions = reader.xrefs.total_revisions
    objects = len(
        {
            ref
            for revision in range(revisions)
            for ref in reader.xrefs.explicit_refs_in_revision(revision)
        }
    )
    tree = reader.root["/Pages"]
    pages = int(tree["/Count"]) if "/Count" in tree else 0  # [] resolves a reference, get() not
    return revisions, objects, pages


def _report(data, limits):
    # In the child process.
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        revisions, objects, pages = _structure(reader)
    except MemoryError:
        raise
    except Exception:  # noqa: BLE001 (a damaged or hostile file has no readable signature)
        return signing.SignatureCheck()
    work = {"revisions": revisions, "objects": objects, "pages": pages}
    for what in ("revisions", "objects", "pages"):
        if work[what] > limits[what]:
            raise TooComplex(what, limits[what], work)
    return signing.signature_check(data)


def signature_report(data):
    """The office's signature on the file (a signing.SignatureCheck), read with bounded counts
    in a child process; raises TooComplex (a NotAllowed) over a limit, or NotAllowed when the
    child reaches its memory or CPU cap."""
    bounds = limits()
    check_counts(data, bounds)
    try:
        return isolated.run(
            _report, data, bounds, memory_mb=bounds["memory_mb"], cpu_seconds=bounds["cpu_seconds"]
        )
    except isolated.TooComplex as error:
        raise NotAllowed(RUNAWAY) from error
