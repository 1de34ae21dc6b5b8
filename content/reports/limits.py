"""How many reports and status lookups one sender may make (settings REPORTS_PER_ADDRESS,
REPORTS_PER_CONTACT, REPORT_LOOKUPS_PER_ADDRESS, per hour), counted with content/base/throttle.py
against the client's address as content/base/clients.py reads it (TRUSTED_PROXY_COUNT).

A report is counted only once the form is valid, just before it is saved: a mistake is never
counted, and a refused report is counted nowhere (throttle.spend). A flood after a viral hoax
comes from many addresses, each well under its ceiling; one sender cannot file hundreds.
"""

from django.conf import settings

from content.base import throttle
from content.base.clients import client_address

HOUR = 60 * 60

REPORTS_THROTTLED_MESSAGE = (
    "Terlalu banyak laporan dari jaringan atau kontak yang sama dalam satu jam terakhir. "
    "Laporan ini belum kami simpan. Coba lagi satu jam lagi; bila mendesak, hubungi "
    "Diskominfo lewat kanal resminya."
)
LOOKUPS_THROTTLED_MESSAGE = (
    "Terlalu banyak pemeriksaan status dari jaringan yang sama dalam satu jam terakhir. "
    "Coba lagi satu jam lagi."
)


def report_spend(request, *, contact_key=""):
    """Count one report from this request's address (and for its contact, if any). None when
    it may be saved, else the counter that refused it (throttle.mark_throttled)."""
    counters = [
        throttle.Counter(
            "report-address",
            client_address(request),
            throttle.Rate(settings.REPORTS_PER_ADDRESS, HOUR),
        )
    ]
    if contact_key:
        counters.append(
            throttle.Counter(
                "report-contact", contact_key, throttle.Rate(settings.REPORTS_PER_CONTACT, HOUR)
            )
        )
    return throttle.spend(counters)


def lookup_spend(request):
    """Count one status lookup from this request's address, whatever the code."""
    return throttle.spend(
        [
            throttle.Counter(
                "report-lookup",
                client_address(request),
                throttle.Rate(settings.REPORT_LOOKUPS_PER_ADDRESS, HOUR),
            )
        ]
    )
