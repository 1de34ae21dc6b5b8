"""Every moment shown to people is Jakarta's time and says so: "8 Oktober 2024 14.30 WIB".

One formatter for templates (the `wib` filter in lentera.py) and Python (messages, PDFs). The
project's DATETIME_FORMAT (config/formats/id) ends in WIB as well, so a datetime Django or
Wagtail prints on its own (admin listings, inspect pages) carries it too."""

import datetime

from django.utils import formats, timezone

ZONE_LABEL = "WIB"
DEFAULT_FORMAT = "j F Y H.i"


def wib(moment, format=DEFAULT_FORMAT):
    """`moment` (an aware datetime) in Asia/Jakarta, formatted, with " WIB"; "" for None."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return f"{formats.date_format(moment, format)} {ZONE_LABEL}"
