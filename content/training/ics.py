"""An iCalendar (RFC 5545) event for "add to calendar"."""

from datetime import UTC

from django.utils import timezone
from django.utils.html import strip_tags


def _escape(text):
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def session_calendar(session, url):
    location = session.venue or session.get_mode_display()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Lentera Diskominfo//Sosialisasi//ID",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:sesi-{session.pk}@lentera",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"DTSTART:{_utc(session.starts_at)}",
        f"DTEND:{_utc(session.ends_at)}",
        f"SUMMARY:{_escape(session.title)}",
        f"DESCRIPTION:{_escape(strip_tags(session.description)[:500])}\\n\\n{_escape(url)}",
        f"LOCATION:{_escape(location)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(lines) + "\r\n"
