"""The session's .ics file, as the session page's link serves it, read by an independent reader
(icalendar) and checked byte by byte against RFC 5545's line rules."""

import datetime

import icalendar
import pytest

from content.base.site_address import absolute_url
from tests.factories.training import SessionPageFactory

pytestmark = pytest.mark.django_db

# A title imported with a line break in it, and a paragraph broken across source lines.
TITLE = (
    "Tanya & Jawab:\r\nLiterasi Digital; Keamanan Siber, Etika ASN — "
    "Kabupaten Kepulauan Seribu Utara (Angkatan Ⅲ) ✓"
)
DESCRIPTION = (
    "<p>Hoaks &amp; disinformasi:\r\ncara mengenali &lt;judul&gt; yang menipu.</p>"
    "<ul><li>Cek fakta — “saring sebelum sharing”</li><li>Keamanan akun: 2FA</li></ul>"
    "<p>Peserta dari Dinas Pendidikan, Kesehatan &amp; Kebudayaan; ÀÉÎÕÜ ñ 日本語 "
    + "Ṣaraswati " * 20
    + "</p>"
)
# With a control character pasted in (RFC 5545's TEXT allows none).
VENUE = "Aula Utama Gedung A & B,\x07 Lt. 3\r\nJl. Merdeka No. 1, Kota Lentera"


@pytest.fixture
def served(client, sessions):
    session = SessionPageFactory(
        parent=sessions,
        title=TITLE,
        description=DESCRIPTION,
        venue=VENUE,
        date=datetime.date(2026, 12, 3),
    )
    response = client.get(session.url + "kalender/")
    assert response.status_code == 200
    return session, response


def test_it_is_served_as_a_utf8_calendar_download(served):
    session, response = served
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{session.slug}.ics"'


def test_every_line_is_at_most_75_octets_and_ends_with_crlf(served):
    raw = served[1].content
    assert raw.endswith(b"\r\n")
    lines = raw[:-2].split(b"\r\n")
    assert b"\r" not in b"".join(lines) and b"\n" not in b"".join(lines)  # CRLF only
    assert not any(byte < 0x20 and byte != 0x09 for byte in b"".join(lines))
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # long values were folded
    raw.decode("utf-8")  # folding never splits a character's octets
    for line in lines:
        line.decode("utf-8")


def test_text_carries_no_html_entities_or_tags(served):
    raw = served[1].content
    unfolded = raw.replace(b"\r\n ", b"")
    # "&amp\;" is how the old file escaped the entity's semicolon: look for the name alone.
    for leftover in (b"&amp", b"&lt", b"&gt", b"&#", b"<p>", b"<li>", b"</"):
        assert leftover not in unfolded
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert "&amp;" not in str(event["DESCRIPTION"]) and "&amp;" not in str(event["SUMMARY"])


def test_icalendar_reads_the_event_as_written(served):
    session, raw = served[0], served[1].content
    calendar = icalendar.Calendar.from_ical(raw)
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    [event] = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == " ".join(TITLE.split())
    assert event.decoded("DTSTART") == datetime.datetime(2026, 12, 3, 2, 0, tzinfo=datetime.UTC)
    assert event.decoded("DTEND") == datetime.datetime(2026, 12, 3, 5, 0, tzinfo=datetime.UTC)
    assert str(event["UID"]) == f"sesi-{session.pk}@lentera"
    location = "Aula Utama Gedung A & B, Lt. 3 Jl. Merdeka No. 1, Kota Lentera"
    assert str(event["LOCATION"]) == location
    description = str(event["DESCRIPTION"])
    assert description.startswith(
        "Hoaks & disinformasi: cara mengenali <judul> yang menipu.\n"
        "Cek fakta — “saring sebelum sharing”\n"
        "Keamanan akun: 2FA\n"
        "Peserta dari Dinas Pendidikan, Kesehatan & Kebudayaan; ÀÉÎÕÜ ñ 日本語 Ṣaraswati"
    )
    assert description.endswith("\n\n" + absolute_url(session.url))
    assert str(event["URL"]) == absolute_url(session.url)


def test_a_long_description_is_cut_at_a_word(client, sessions):
    session = SessionPageFactory(parent=sessions, description="<p>" + "kata " * 300 + "</p>")
    raw = client.get(session.url + "kalender/").content
    [event] = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    text = str(event["DESCRIPTION"]).split("\n\n")[0]
    assert text.endswith("kata…") and len(text) <= 501
