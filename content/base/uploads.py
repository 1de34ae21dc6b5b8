"""Uploaded spreadsheets waiting for their import (see import_jobs.py).

The file is kept in the default storage (shared by every web process and the task worker; S3
in production) under a random name, never the name it was uploaded with.
"""

import uuid
from pathlib import PurePosixPath

from django import forms
from django.core.files.storage import default_storage

MAX_BYTES = 10 * 1024 * 1024
# How long a checked file waits for its confirmation before it is deleted.
KEEP_SECONDS = 60 * 60


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


def read(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def discard(name):
    default_storage.delete(name)
