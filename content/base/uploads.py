"""Uploaded spreadsheets waiting between an import's preview and its confirmation.

The file is kept in the default storage (shared by every web process; S3 in production) and
the confirm form carries a signed, expiring reference to it, never the file name itself.
"""

import uuid
from pathlib import PurePosixPath

from django import forms
from django.core import signing
from django.core.files.storage import default_storage

MAX_BYTES = 10 * 1024 * 1024
TOKEN_MAX_AGE = 60 * 60


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label="Berkas (.xlsx atau .csv)",
        help_text="Gunakan templat agar judul kolom sesuai. Maksimal 10 MB.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError("Gunakan berkas .xlsx atau .csv.")
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("Berkas lebih dari 10 MB; pecah menjadi beberapa berkas.")
        return upload


def store(upload, *, folder):
    suffix = PurePosixPath(upload.name.lower()).suffix
    return default_storage.save(f"imports/{folder}/{uuid.uuid4().hex}{suffix}", upload)


def token_for(name, *, salt, options=None):
    """A signed reference to a stored file, with the choices made on upload (a session...)."""
    return signing.dumps({"file": name, "options": options or {}}, salt=salt)


def from_token(token, *, salt):
    """(stored file name, options) for a token, or (None, {}) if the token is forged, old or
    already used."""
    try:
        data = signing.loads(token or "", salt=salt, max_age=TOKEN_MAX_AGE)
    except signing.BadSignature:
        return None, {}
    name = data.get("file") if isinstance(data, dict) else None
    if not name or not default_storage.exists(name):
        return None, {}
    return name, data.get("options") or {}


def read(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def discard(name):
    default_storage.delete(name)
