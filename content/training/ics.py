"""An iCalendar (RFC 5545) event for "add to calendar", written by the icalendar library.

Hand-written lines were never folded at 75 octets, carried the description's HTML entities
(`&amp;`) and let a bare carriage return through; icalendar escapes the text values, folds on
octets without splitting a character, and ends every line with CRLF.
"""

import html
import re
from datetime import UTC

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event

PRODID = "-//Lentera Diskominfo//Sosialisasi//ID"
DESCRIPTION_MAX = 500
# Where a rich-text block ends, the text goes on a new line.
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich_text):
    """The words of a rich-text field: no tags, entities read (`&amp;` is "&"), one newline
    per block, every kind of line break a plain newline."""
    text = html.unescape(strip_tags(BLOCK_END.sub("\n", rich_text or "")))
    lines = (" ".join(line.split()) for line in re.split(r"\r\n|\r|\n", text))
    return "\n".join(line for line in lines if line)


def one_line(text):
    """A plain field (a title, a venue) as it was typed, on one line."""
    return " ".join((text or "").split())


def _shortened(text, limit=DESCRIPTION_MAX):
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(None, 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip() + "…"


def session_calendar(session, url):
    """The session as a VCALENDAR with one VEVENT, as bytes (UTF-8, CRLF, folded)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    event = Event()
    event.add("uid", f"sesi-{session.pk}@lentera")
    event.add("dtstamp", timezone.now())
    # In UTC ("Z"): no VTIMEZONE needed, every reader places it right.
    event.add("dtstart", session.starts_at.astimezone(UTC))
    event.add("dtend", session.ends_at.astimezone(UTC))
    event.add("summary", one_line(session.title))
    description = _shortened(plain_text(session.description))
    event.add("description", f"{description}\n\n{url}" if description else url)
    event.add("location", one_line(session.venue) or session.get_mode_display())
    event.add("url", url)
    calendar.add_component(event)
    return calendar.to_ical()
