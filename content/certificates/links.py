"""The public verification URL printed on a certificate and in its QR code."""

from django.urls import reverse
from wagtail.models import Site


def verify_url(code, request=None):
    path = reverse("certificates:verify_code", args=[code])
    if request is not None:
        return request.build_absolute_uri(path)
    site = Site.objects.filter(is_default_site=True).first()
    return (site.root_url if site else "") + path
