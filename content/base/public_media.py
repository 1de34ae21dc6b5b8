"""Public images served by the web process when they are on local disk (no S3).

This replaces django.views.static.serve, which matched the URL pattern before normalising the
path: ``/media/images/%2e%2e/<anything>`` passed the pattern and served any file under
MEDIA_ROOT, and a very long name was a server error from the file system.

Only a plain relative name (content/base/file_names.py) inside the ``images`` and
``original_images`` folders of the public storage is served, and only if it is a regular file
whose real path (symbolic links resolved) is inside that folder and whose type is a raster
image. Anything else is a short 404, without a template or a query: scanners probing /media/
cost nothing. Answers carry Last-Modified and an ETag and honour If-None-Match and
If-Modified-Since, as a static file server does.
"""

import mimetypes
import os
import stat

from django.http import FileResponse, HttpResponseNotFound
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, quote_etag
from django.views.decorators.http import require_safe

from content.base.file_names import plain_relative_name
from content.base.storages import PUBLIC_FOLDERS, public_storage

# Renditions keep their name while their image exists; a deleted image should not linger in
# browsers for long.
CACHE_CONTROL = "public, max-age=3600"


def _not_found():
    return HttpResponseNotFound("Berkas tidak ditemukan.", content_type="text/plain; charset=utf-8")


def _image_type(name):
    content_type, encoding = mimetypes.guess_type(name)
    if encoding or not content_type or not content_type.startswith("image/"):
        return None
    # SVG can carry scripts; uploads refuse it, and it is never served from here.
    return None if content_type == "image/svg+xml" else content_type


def _located(name):
    """The real path of an image file named `name`, or None."""
    folder = name.split("/", 1)[0]
    if folder not in PUBLIC_FOLDERS or "/" not in name:
        return None
    location = os.path.realpath(public_storage().location)
    root = os.path.join(location, folder)
    path = os.path.realpath(os.path.join(location, name))
    if os.path.commonpath([root, path]) != root or path == root:
        return None
    return path


@require_safe
def serve(request, path):
    name = plain_relative_name(path)
    if name is None:
        return _not_found()
    located = _located(name)
    content_type = _image_type(name)
    if located is None or content_type is None:
        return _not_found()
    try:
        status = os.stat(located)
    except OSError:
        return _not_found()
    if not stat.S_ISREG(status.st_mode):
        return _not_found()

    headers = {
        "ETag": quote_etag(f"{status.st_mtime_ns:x}-{status.st_size:x}"),
        "Last-Modified": http_date(status.st_mtime),
        "Cache-Control": CACHE_CONTROL,
    }
    not_modified = get_conditional_response(
        request, etag=headers["ETag"], last_modified=int(status.st_mtime)
    )
    if not_modified is not None:
        response = not_modified
    else:
        try:
            response = FileResponse(open(located, "rb"), content_type=content_type)  # noqa: SIM115 (FileResponse closes it)
        except OSError:
            return _not_found()
    for header, value in headers.items():
        response[header] = value
    return response
