"""The public verification URL printed on a certificate and in its QR code."""

from django.urls import reverse

from content.base.site_address import absolute_url


def verify_url(code):
    """On the site's public address (the default Site), wherever the PDF is made: a request
    at the organizer's laptop, the task worker, the demo."""
    return absolute_url(reverse("certificates:verify_code", args=[code]))
