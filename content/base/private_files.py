"""Sending a file from the private storage, after the view has checked who asks.

Every view that hands out a private file (a certificate, a bulk ZIP, a Wagtail document) ends
with ``send_private_file``; it never decides who may have the file, only how it travels:

- by default the web process streams it from the storage (FileResponse);
- when PRIVATE_MEDIA_ACCEL_PREFIX is set, a front server (nginx) sends it: the answer carries
  ``X-Accel-Redirect: <prefix><name>`` and no body, and the front server maps the prefix to
  PRIVATE_MEDIA_ROOT in an ``internal`` location, which no client can request itself;
- when the private storage is S3 (content/base/s3_storages.py), the answer redirects to a URL
  signed for that one file, valid PRIVATE_MEDIA_URL_SECONDS.

Every answer says ``Cache-Control: private, no-store`` (no shared cache, no copy on disk),
``X-Content-Type-Options: nosniff`` and ``Content-Security-Policy: default-src 'none'``, and names
the file in a Content-Disposition Django quotes.
"""

import mimetypes
import posixpath
import unicodedata
from urllib.parse import quote

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.http import content_disposition_header

from content.base.file_names import plain_relative_name
from content.base.storages import PrivateFileSystemStorage, SignedUrls

CACHE_CONTROL = "private, no-store"
MAX_FILENAME_CHARS = 150


def download_name(filename, *, default="berkas"):
    """A file name fit for Content-Disposition: the last part of `filename` only, without
    control or format characters (a newline, a right-to-left override), shortened."""
    base = posixpath.basename(str(filename or "").replace("\\", "/"))
    cleaned = "".join(
        char for char in base if unicodedata.category(char)[0] not in ("C", "Z") or char == " "
    ).strip(" .")
    if len(cleaned) > MAX_FILENAME_CHARS:
        stem, extension = posixpath.splitext(cleaned)
        cleaned = stem[: MAX_FILENAME_CHARS - len(extension)] + extension
    return cleaned or default


def _accel_prefix(storage):
    prefix = settings.PRIVATE_MEDIA_ACCEL_PREFIX
    # The front server's internal location points at PRIVATE_MEDIA_ROOT: only files of that
    # folder can travel this way.
    if prefix and isinstance(storage, PrivateFileSystemStorage):
        return "/" + prefix.strip("/") + "/"
    return ""


def send_private_file(request, file, *, filename, content_type=None, as_attachment=True):
    """The answer that delivers `file` (a FieldFile of a private storage) as `filename`.
    Http404 when it has no file, a name that is not a plain relative path, or nothing stored
    under it."""
    name = plain_relative_name(getattr(file, "name", None))
    if name is None:
        raise Http404("Berkas tidak ditemukan.")
    storage = file.storage
    filename = download_name(filename)
    content_type = content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    disposition = content_disposition_header(as_attachment, filename)

    if isinstance(storage, SignedUrls):
        response = HttpResponseRedirect(
            storage.signed_url(
                name,
                content_type=content_type,
                disposition=disposition,
                cache_control=CACHE_CONTROL,
                seconds=settings.PRIVATE_MEDIA_URL_SECONDS,
            )
        )
    elif prefix := _accel_prefix(storage):
        if not storage.exists(name):
            raise Http404("Berkas tidak ditemukan.")
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix + quote(name)
        response["Content-Disposition"] = disposition
    else:
        try:
            handle = storage.open(name, "rb")
        except FileNotFoundError as missing:
            raise Http404("Berkas tidak ditemukan.") from missing
        response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = disposition
    response["Cache-Control"] = CACHE_CONTROL
    response["X-Content-Type-Options"] = "nosniff"
    # A file opened in the browser (an inline PDF) may load and run nothing, as Wagtail's own
    # document view says; the site's policy is for pages.
    response["Content-Security-Policy"] = "default-src 'none'"
    return response
