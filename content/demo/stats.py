"""Demo headcounts: every agency's ASN and PTT for this year and last, so coverage (attended /
headcount) has a denominator (part of load_demo_data; idempotent)."""

import random

from django.utils import timezone

from content.people.models import Agency
from content.stats import services
from content.stats.models import AgencyHeadcount


def load(note):
    year = timezone.localdate().year
    made = 0
    for agency in Agency.objects.order_by("pk"):
        pick = random.Random(agency.name)  # the same agency gets the same figures every time
        asn, ptt = pick.randint(25, 180), pick.randint(5, 60)
        for offset, change in ((0, 1.0), (1, 0.95)):
            _, created = AgencyHeadcount.objects.get_or_create(
                agency=agency,
                year=year - offset,
                defaults={"asn": round(asn * change), "ptt": round(ptt * change)},
            )
            made += created
    if made:
        note(f"{made} data jumlah pegawai OPD")


def publish_open_data(note):
    """The open data releases of the demo's closed quarters, so /data-terbuka/ is not empty
    (after the sessions, quizzes and certificates: a release never changes once published)."""
    for release in services.open_data_publish_due():
        note(f"rilis data terbuka {release.slug}")
