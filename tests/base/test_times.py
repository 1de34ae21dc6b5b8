"""Every time shown to people is Jakarta's and says so ("14.30 WIB"): one formatter
(content/base/times.py, the `wib` template filter), Django's own DATETIME_FORMAT, and a check that
no template prints a time of day without WIB."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import formats
from pypdf import PdfReader

from content.base import times
from content.certificates.models import BulkIssue
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from tests.factories.people import ParticipantFactory
from tests.factories.quizzes import make_quiz
from tests.factories.training import SessionPageFactory
from tests.factories.users import UserFactory

UTC = datetime.UTC
NEW_YEAR_IN_JAKARTA = datetime.datetime(2026, 12, 31, 17, 30, tzinfo=UTC)
# A date or time filter whose format shows a time of day (hours, minutes, am/pm).
TIME_FILTER = re.compile(r"\|(?:date|time):\s*(['\"])(?P<format>.*?)\1")
TIME_OF_DAY = re.compile(r"(?<!\\)[HGhgiAaP]")


def test_wib_is_jakarta_time_with_its_zone():
    assert times.wib(NEW_YEAR_IN_JAKARTA) == "1 Januari 2027 00.30 WIB"
    assert times.wib(NEW_YEAR_IN_JAKARTA, "H.i") == "00.30 WIB"
    assert times.wib(None) == ""


def test_the_template_filter_and_djangos_own_datetime_format_say_wib():
    rendered = Template('{% load lentera %}{{ t|wib }}|{{ t|wib:"H.i" }}|{{ t }}|{{ none|wib }}')
    assert rendered.render(Context({"t": NEW_YEAR_IN_JAKARTA, "none": None})) == (
        "1 Januari 2027 00.30 WIB|00.30 WIB|1 Januari 2027 00.30 WIB|"
    )


def _template_files():
    roots = [
        Path(settings.BASE_DIR) / "templates",
        *Path(settings.BASE_DIR).glob("content/*/templates"),
    ]
    for root in roots:
        yield from root.rglob("*.html")
        yield from root.rglob("*.txt")


def test_no_template_prints_a_time_of_day_without_wib():
    """{{ moment|wib }} where a template picks its format; a |date or |time with hours must be
    followed on its line by WIB (a machine-readable datetime="…" attribute is not shown)."""
    offenders = []
    for path in _template_files():
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for match in TIME_FILTER.finditer(line):
                fmt = match["format"]
                if re.fullmatch(r"[A-Z_]+_FORMAT", fmt):  # a named format: the project's own
                    fmt = formats.get_format(fmt).replace(r"\W\I\B", " WIB")
                    if fmt.endswith(" WIB"):
                        continue
                if not TIME_OF_DAY.search(fmt):
                    continue
                if re.search(r"datetime=['\"]\{\{[^}]*$", line[: match.start()]):
                    continue
                if "WIB" not in line[match.end() :]:
                    offenders.append(f"{path.relative_to(settings.BASE_DIR)}:{number}")
    assert offenders == []


# The places people read times: each one says WIB.
CLOCK_WIB = re.compile(r"\d{2}\.\d{2} WIB")


@pytest.mark.django_db
def test_the_participants_attempt_history_says_wib(client):
    quiz = make_quiz(slug="kuis-wib", count=1)
    person = ParticipantFactory()
    quiz_services.attempt_start(
        context=quiz_selectors.self_paced_context(quiz.slug), participant=person
    )
    client.force_login(person)
    html = client.get(f"/kuis/{quiz.slug}/").content.decode()
    history = html.split('id="attempts-heading"', 1)[1]
    assert CLOCK_WIB.search(history.split("</li>", 1)[0])


@pytest.mark.django_db
def test_the_admins_attempt_list_says_wib(client, organizer):
    quiz = make_quiz(slug="kuis-wib", count=1)
    quiz_services.attempt_start(
        context=quiz_selectors.self_paced_context(quiz.slug), participant=ParticipantFactory()
    )
    html = client.get("/admin/attempt/").content.decode()
    assert CLOCK_WIB.search(html)


@pytest.mark.django_db
def test_the_bulk_job_page_says_wib(client, organizer, sessions):
    session = SessionPageFactory(parent=sessions)
    bulk = BulkIssue.objects.create(
        session=session,
        created_by=organizer,
        status=BulkIssue.Status.DONE,
        finished_at=NEW_YEAR_IN_JAKARTA,
    )
    html = client.get(f"/admin/sertifikat-massal/{bulk.pk}/").content.decode()
    assert "Selesai 1 Januari 2027 00.30 WIB." in html
    started = client.get("/admin/sertifikat-massal/").content.decode()
    assert CLOCK_WIB.search(started)


@pytest.mark.django_db
def test_the_pdf_report_says_wib(client):
    client.force_login(UserFactory(username="analis", groups=["Analyst"]))
    response = client.get("/admin/statistik/laporan.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert re.search(r"Dibuat \d{1,2} \w+ \d{4} \d{2}\.\d{2} WIB", " ".join(text.split()))
