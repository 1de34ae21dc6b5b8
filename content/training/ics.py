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
PARAGRAPH = "\u2029"
# RFC 5545's TEXT allows no control character; tabs and line breaks become spaces below.
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
BLOCK_END = re.compile(r"</(p|li|h[1-6]|blockquote|div)>|<br\s*/?>", re.IGNORECASE)


def plain_text(rich_text):
    """The words of a rich-text field: no tags, entities read (`&amp;` is "&"), one line per
    block; within a block, line breaks in the HTML source are spaces, as a browser shows them."""
    marked = BLOCK_END.sub(PARAGRAPH, rich_text or "")
    text = CONTROLS.sub("", html.unescape(strip_tags(marked)))
    lines = (" ".join(part.split()) for part in text.split(PARAGRAPH))
    return "\n".join(line for line in lines if line)


def one_line(text):
    """A plain field (a title, a venue) as it was typed, on one line."""
    return " ".join(CONTROLS.sub("", text or "").split())


def _shortened(text, limit=DESCRIPTION_MAX):
    """At most `limit` characters and an ellipsis, cut between words where there are any."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if not text[limit].isspace() and len(cut.split()) > 1:
        cut = cut.rsplit(None, 1)[0]  # the last word did not fit whole
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
