"""What a stored file's name may look like before the site opens or sends it.

Django's storages make names of ``[-\\w.]`` characters separated by ``/`` (get_valid_name), and
Wagtail keeps them short. A name from a URL or from the database is accepted only in that shape:
a plain relative path inside its storage, so no spelling of "go up", no absolute path, no
separator of another system, no escape left undecoded and no control character reaches the file
system. Too long a name is refused here too, instead of the file system's ENAMETOOLONG.

RandomName makes such names for private uploads: random, so they reveal and let guess nothing.
"""

import re
import secrets
from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible

# FileField names are at most 100 characters by default; Wagtail's are shorter still.
MAX_NAME_CHARS = 255
# A file system refuses a single name longer than this many bytes (NAME_MAX).
MAX_SEGMENT_BYTES = 255
# What Django's Storage.get_valid_name leaves: letters, digits, underscore, dot and dash, in any
# script (so no "%", "\\", ":", ";", spaces, NUL or other control characters).
_SEGMENT = re.compile(r"[-\w.]+")


def plain_relative_name(name):
    """`name` when it is a plain relative path (segments of [-\\w.], none empty, none made of
    dots only, bounded length); otherwise None."""
    if not isinstance(name, str) or not name or len(name) > MAX_NAME_CHARS:
        return None
    for segment in name.split("/"):
        if not _SEGMENT.fullmatch(segment) or not segment.strip("."):
            return None
        if len(segment.encode("utf-8")) > MAX_SEGMENT_BYTES:
            return None
    return name


@deconstructible(path="content.base.file_names.RandomName")
class RandomName:
    """A FileField's upload_to: `<folder>/<32 random hex digits><suffix>`, so a stored name says
    nothing of what was uploaded and cannot be guessed. The suffix is kept only when it is one
    of `suffixes` (the form that checked the file sets it from what the file is)."""

    def __init__(self, folder, suffixes=(".png", ".jpg")):
        self.folder = folder.strip("/")
        self.suffixes = tuple(suffixes)

    def __call__(self, instance, filename):
        suffix = PurePosixPath(str(filename).lower()).suffix
        return f"{self.folder}/{secrets.token_hex(16)}{suffix if suffix in self.suffixes else ''}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and (self.folder, self.suffixes) == (
            other.folder,
            other.suffixes,
        )

    def __hash__(self):
        return hash((self.folder, self.suffixes))
