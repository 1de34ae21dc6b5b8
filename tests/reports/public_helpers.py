"""Posting the public report form as a browser would: a token served long enough ago."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from content.reports import forms


def served_token(seconds_ago=60):
    return forms.token_issue(now=timezone.now() - datetime.timedelta(seconds=seconds_ago))


def png_upload(data, name="layar.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def form_data(**overrides):
    data = {
        "token": served_token(),
        "website": "",
        "kind": "hoaks",
        "links": "https://www.facebook.com/permalink.php?story_fbid=1&id=2",
        "seen_at": "",
        "description": "Katanya ada pembagian bansos lewat tautan ini.",
        "contact": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def post_report(client, extra=None, **overrides):
    """POST the form; `extra` holds request headers (REMOTE_ADDR, HTTP_X_FORWARDED_FOR)."""
    return client.post("/lapor/", form_data(**overrides), **(extra or {}))
