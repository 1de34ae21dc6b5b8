"""The admin speaks Indonesian to the people who use it: every page each group works with is
read for English words that should have been translated."""

import datetime
import re
from html.parser import HTMLParser

import pytest

from content.certificates.services import certificate_issue
from content.quizzes import selectors as quiz_selectors
from content.quizzes import services as quiz_services
from content.quizzes.models import Purpose
from content.training import services
from tests.factories.articles import ArticlePageFactory
from tests.factories.certificates import issues_for
from tests.factories.images import ImageFactory
from tests.factories.people import ParticipantFactory, ptt
from tests.factories.quizzes import make_quiz, use_in_session
from tests.factories.training import SessionPageFactory, mark_attendance
from tests.factories.users import UserFactory

pytestmark = pytest.mark.django_db

# Words of the admin's own interface that stay English when a translation is missing. Whole
# words, case-sensitive, chosen so that none is also Indonesian.
ENGLISH = re.compile(
    r"\b(Reports?|Help|Search|Searching|matches|Download|Collapse|Expand|Create|Save|Edit|"
    r"Delete|Cancel|Settings|Dashboard|Pages|Images|Documents|Snippets|Users|Groups|Workflows?|"
    r"Locked|Published|Draft|Updated|Owner|Actions|History|Choose|Upload|Publish|Unpublish|"
    r"Preview|Private|Changed|Attendance|Registration|Title|Add|Select|Show|Hide|Previous|"
    r"Close|Submit|Approve|Reject|Comments|Account|There are|There is|results|Showing|"
    r"Sort by|Filter|Filters|Clear|Apply|Remove|Loading|Status|Live|Children|Parent|"
    r"Inspect|Usage|Edited|Created|Date|Type|Yes)\b"
)
# Indonesian shares these with English; they are not counted.
SHARED = {"Status", "Filter"}


class _Text(HTMLParser):
    """The text a person reads or hears: text nodes and the labels in attributes."""

    SKIP = {"script", "style", "svg"}
    LABELS = ("title", "aria-label", "placeholder", "alt")

    def __init__(self):
        super().__init__()
        self.parts, self._skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skipping += 1
        self.parts += [value for name, value in attrs if name in self.LABELS and value]

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def _english_in(html):
    reader = _Text()
    reader.feed(html)
    text = " ".join(" ".join(reader.parts).split())
    return sorted({match for match in ENGLISH.findall(text) if match not in SHARED})


@pytest.fixture
def world(site_tree, sessions):
    article = ArticlePageFactory(parent=site_tree.materials, listing_image=ImageFactory())
    article.save_revision().publish()
    session = SessionPageFactory(parent=sessions, date=datetime.date(2026, 10, 8))
    session.save_revision().publish()
    person = ParticipantFactory()
    attendance = mark_attendance(session, person)
    services.attendance_correct(attendance=attendance, status="izin", by=None, reason="Sakit")
    upcoming = SessionPageFactory(parent=sessions)
    registration = services.registration_create(session=upcoming, participant=person)
    quiz = make_quiz(count=1, self_paced=False)
    use_in_session(quiz, session, Purpose.POST)
    attendee = ParticipantFactory()
    mark_attendance(session, attendee)
    attempt = quiz_services.attempt_start(
        context=quiz_selectors.session_test_context(session, Purpose.POST), participant=attendee
    )
    quiz_services.attempt_submit(participant=attendee, key=attempt.key, answers={})
    rule = issues_for(session)
    # The attendee left the post-test blank: this session's certificates do not ask for it.
    session.certificate_requires_post_test = False
    session.save(update_fields=["certificate_requires_post_test"])
    certificate, _ = certificate_issue(participant=attendee, session=session)
    return {
        "template": rule.template_id,
        "certificate": certificate.pk,
        "quiz": quiz.pk,
        "question": attempt.answers.get().question_id,
        "attempt": attempt.pk,
        "materials": site_tree.materials.pk,
        "article": article.pk,
        "image": article.listing_image_id,
        "sessions": sessions.pk,
        "session": session.pk,
        "person": person.pk,
        "attendance": attendance.pk,
        "registration": registration.pk,
        "attendee": attendee.pk,
        "ptt": ptt().pk,
    }


QUIZ_AUTHORING = [
    "/admin/question/",
    "/admin/question/new/",
    "/admin/question/edit/{question}/",
    "/admin/quiz/",
    "/admin/quiz/new/",
    "/admin/quiz/edit/{quiz}/",
    "/admin/soal-impor/",
]
CERTIFICATES = [
    "/admin/certificatetemplate/",
    "/admin/certificatetemplate/new/",
    "/admin/certificatetemplate/edit/{template}/",
    "/admin/certificate/",
    "/admin/certificate/inspect/{certificate}/",
    "/admin/certificate/edit/{certificate}/",
    "/admin/verificationlookup/",
]
QUIZ_RESULTS = [
    "/admin/attempt/",
    "/admin/attempt/inspect/{attempt}/",
    "/admin/kuis/hasil-sosialisasi/?sesi={session}",
    "/admin/kuis/analisis-butir/?kuis={quiz}",
]
PAGES = {
    "Editor": [
        "/admin/",
        "/admin/pages/",
        "/admin/pages/{materials}/",
        "/admin/pages/{article}/edit/",
        "/admin/pages/add/articles/articlepage/{materials}/",
        "/admin/pages/{article}/history/",
        "/admin/images/",
        "/admin/images/{image}/",
        "/admin/images/multiple/add/",
        "/admin/documents/",
        "/admin/account/",
        "/admin/reports/aging-pages/",
        *QUIZ_AUTHORING,
    ],
    "Moderator": [
        "/admin/",
        "/admin/pages/{article}/edit/",
        "/admin/reports/workflow/",
        "/admin/reports/workflow_tasks/",
        "/admin/reports/site-history/",
    ],
    "Organizer": [
        "/admin/",
        "/admin/pages/{sessions}/",
        "/admin/pages/{session}/edit/",
        "/admin/pages/add/training/sessionpage/{sessions}/",
        "/admin/participant/",
        "/admin/participant/new/",
        "/admin/participant/edit/{person}/",
        "/admin/participant/inspect/{person}/",
        "/admin/agency/",
        "/admin/deletionrequest/",
        "/admin/identitychange/",
        "/admin/attendance/",
        "/admin/attendance/new/",
        "/admin/attendance/edit/{attendance}/",
        "/admin/attendancecorrection/",
        "/admin/registration/",
        "/admin/registration/edit/{registration}/",
        "/admin/peserta-impor/",
        "/admin/presensi-impor/",
        "/admin/peserta-duplikat/",
        "/admin/peserta-duplikat/{person}/{attendee}/gabung/",
        "/admin/peserta-nip-baru/{ptt}/",
        "/admin/peserta-nip-impor/",
        "/admin/peserta-nik-wilayah-tidak-dikenal/",
        "/admin/mergerecord/",
        *QUIZ_AUTHORING,
        *QUIZ_RESULTS,
        *CERTIFICATES,
    ],
    "Analyst": [
        "/admin/",
        "/admin/participant/",
        "/admin/attendance/",
        "/admin/registration/",
        "/admin/quiz/",
        *QUIZ_RESULTS,
        "/admin/statistik/",
        "/admin/statistik/laporan/opd/",
        "/admin/statistik/laporan/topik/",
        "/admin/statistik/laporan/sosialisasi/",
        "/admin/statistik/laporan/peserta/",
        "/admin/statistik/jumlah-pegawai/",
        "/admin/statistik/jumlah-pegawai/new/",
        "/admin/statistik/jumlah-pegawai-impor/",
    ],
}


@pytest.mark.parametrize("group", sorted(PAGES))
def test_the_pages_each_group_uses_are_in_indonesian(client, world, group):
    client.force_login(UserFactory(username=group.lower(), groups=[group]))
    found = {}
    for path in PAGES[group]:
        response = client.get(path.format(**world))
        assert response.status_code == 200, path
        english = _english_in(response.content.decode())
        if english:
            found[path] = english
    assert found == {}


def test_the_admins_javascript_speaks_indonesian_too(client, world):
    client.force_login(UserFactory(username="editor", groups=["Editor"]))
    catalog = client.get("/admin/jsi18n/").content.decode()
    for english, indonesian in (("Collapse all", "Tutup semua"), ("Expand all", "Buka semua")):
        assert f'"{english}": "{indonesian}"' in catalog


# English a translation cannot fix, because it never went through one: Python's booleans and
# None printed as they are, pygal's default <title>, taggit's and Wagtail's tag help texts.
LEFTOVERS = re.compile(
    r"\b(True|False|None|Pygal)\b|comma-separated|Multi-word tags|Tags can only|"
    r"double quotes|single word"
)
STAFF_ROLES = ("superuser", "organizer", "analyst")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


class _EverythingRead(_Text):
    """As _Text, but a chart's SVG is read too (its <title> and <desc> are what a screen reader
    announces for it), and what is `hidden` is not (nobody sees or hears it)."""

    SKIP = {"script", "style"}

    def __init__(self):
        super().__init__()
        self._hidden = []  # [tag, depth] of the hidden element we are in

    def handle_starttag(self, tag, attrs):
        if self._hidden:
            if tag == self._hidden[0]:
                self._hidden[1] += 1
            return
        if tag not in VOID and any(name == "hidden" for name, _ in attrs):
            self._hidden = [tag, 1]
            return
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if self._hidden:
            if tag == self._hidden[0]:
                self._hidden[1] -= 1
                if not self._hidden[1]:
                    self._hidden = []
            return
        super().handle_endtag(tag)

    def handle_data(self, data):
        if not self._hidden:
            super().handle_data(data)


def _leftovers_in(html):
    reader = _EverythingRead()
    reader.feed(html)
    text = " ".join(" ".join(reader.parts).split())
    return sorted({text[max(0, m.start() - 30) : m.end() + 15] for m in LEFTOVERS.finditer(text)})


def test_no_admin_page_any_staff_role_opens_shows_english_leftovers(client, site_tree):
    """Every admin URL of the project (the access table's world), the admin home and the edit
    form of each page type, as the admin, an organizer and an analyst: booleans read Ya/Tidak,
    charts are named in Indonesian, the tag field's help is Indonesian."""
    from tests.access.world import build_world
    from tests.factories.people import ParticipantFactory
    from tests.factories.training import mark_attendance

    world = build_world(site_tree)
    # Someone present, so that the dashboard and the analyst's home draw their charts.
    mark_attendance(world.pages["SessionPage"], ParticipantFactory())
    urls = {key: url for key, url in world.urls.items() if url.startswith("/admin/")}
    urls["home"] = "/admin/"
    for key, page in world.pages.items():
        urls[f"{key}:edit"] = f"/admin/pages/{page.pk}/edit/"
    found = {}
    for role in STAFF_ROLES:
        client.force_login(world.users[role])
        opened = set()
        for key, url in sorted(urls.items()):
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            opened.add(key)
            if leftovers := _leftovers_in(response.content.decode()):
                found[f"{role} {key}"] = leftovers
        assert {"home", "quiz:index", "certificate:inspect"} <= opened, role
    assert "pygal-chart" in client.get("/admin/").content.decode()  # the analyst's charts
    assert found == {}, "\n".join(f"{key}: {words}" for key, words in sorted(found.items()))
