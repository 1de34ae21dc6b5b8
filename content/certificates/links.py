"""The public verification URL printed on a certificate and in its QR code."""

from django.conf import settings
from django.urls import reverse


def verify_url(code, request=None):
    """From the host a request came to; outside a request (the task worker, the demo), from
    WAGTAILADMIN_BASE_URL, the site's public address."""
    path = reverse("certificates:verify_code", args=[code])
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
