"""Every write of a model a cache shows is announced (content/base/changes.py): the caches and
the statistics refresh listen to changes.records_changed only, so a write that does not announce
would leave them stale."""

import pathlib

import pytest
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site

from content.base import page_cache
from content.base.changes import records_changed
from content.base.models import AnnouncedModel
from content.people.models import User
from content.training import services
from content.training.models import Attendance, SessionPage
from tests.factories.articles import TopicFactory
from tests.factories.people import ParticipantFactory
from tests.factories.training import SessionPageFactory, mark_attendance, session_under_way

CONTENT = pathlib.Path(__file__).resolve().parents[2] / "content"
# Written only by Wagtail's own code and screens: pages announce through Wagtail's page signals,
# sites and view restrictions through changes.announce_saves_of.
WAGTAIL_OWNED = (Page, Site, PageViewRestriction)


@pytest.fixture
def heard():
    """The announcements made while the test runs: (model, fields, created, rows)."""
    found = []

    def listener(sender, fields=None, instances=(), created=False, **kwargs):
        found.append((sender, fields, created, len(instances)))

    records_changed.connect(listener, dispatch_uid="test-announcements")
    yield found
    records_changed.disconnect(dispatch_uid="test-announcements")


def test_every_watched_model_announces_its_saves_and_deletes():
    watched = page_cache.watched_models()
    assert Attendance in watched and User in watched  # the registry is filled
    silent = [
        model._meta.label
        for model in watched
        if not issubclass(model, (AnnouncedModel, *WAGTAIL_OWNED))
    ]
    assert silent == []


def test_no_cache_listens_to_model_signals():
    """The page cache and the statistics refresh hear records_changed (and Wagtail's page
    signals); the model signals they listened to before are no longer connected."""
    for signal in (post_save, post_delete):
        uids = [key[0] for key, *_ in signal.receivers if isinstance(key[0], str)]
        assert [uid for uid in uids if uid.startswith(("page-cache:", "stats-refresh:"))] == []


def test_no_private_django_api_and_no_hand_sent_model_signal():
    for path in CONTENT.rglob("*.py"):
        text = path.read_text()
        assert "django.db.models.sql" not in text, path
        assert "post_save.send(" not in text and "post_delete.send(" not in text, path


@pytest.mark.django_db
class TestAnnounced:
    def test_a_save_names_its_row_and_its_fields(self, heard):
        topic = TopicFactory(name="Topik Lama")
        topic.name = "Topik Baru"
        topic.save(update_fields=["name"])
        topics = [entry for entry in heard if entry[0]._meta.label == "articles.Topic"]
        assert topics == [
            (type(topic), None, True, 1),
            (type(topic), frozenset({"name"}), False, 1),
        ]

    def test_a_delete_names_every_model_its_cascade_reached(self, heard, sessions):
        session = session_under_way(sessions)
        person = ParticipantFactory()
        mark_attendance(session, person)
        heard.clear()

        person.delete()

        assert {entry[0] for entry in heard} >= {User, Attendance}

    def test_a_check_in_announces_its_new_row_once(self, heard, sessions):
        session = session_under_way(sessions)
        person = ParticipantFactory()
        heard.clear()

        services.attendance_record(session=session, participant=person, method="qr")
        services.attendance_record(session=session, participant=person, method="qr")

        assert [entry for entry in heard if entry[0] is Attendance] == [(Attendance, None, True, 1)]

    def test_a_view_restriction_written_by_wagtail_is_passed_on(self, heard, site_tree):
        restriction = PageViewRestriction.objects.create(
            page=site_tree.materials, restriction_type="login"
        )
        restriction.delete()
        assert [entry[0] for entry in heard] == [PageViewRestriction, PageViewRestriction]

    def test_a_deleted_session_page_is_announced_to_the_figures(self, heard, sessions):
        session = session_under_way(sessions)
        heard.clear()
        session.delete()
        assert SessionPage in {entry[0] for entry in heard}

    def test_each_announced_write_moves_the_generation(self, sessions):
        generation = page_cache.current_generation("stats")
        mark_attendance(session_under_way(sessions), ParticipantFactory())
        assert page_cache.current_generation("stats") != generation


@pytest.mark.django_db
class TestWriteServicesMoveTheirScope:
    """Each write service's rows are announced: the scope of the pages and figures that show
    them moves on (a service writing around save() without announcing would not)."""

    @pytest.fixture
    def session(self, sessions):
        return session_under_way(sessions)

    def _moves(self, scope, write):
        before = page_cache.current_generation(scope)
        write()
        return page_cache.current_generation(scope) != before

    def test_opening_and_closing_check_in(self, session):
        assert self._moves("sessions", lambda: services.checkin_open(session=session, by=None))
        assert self._moves("sessions", lambda: services.checkin_close(session=session))

    def test_registering_and_cancelling(self, sessions):
        session = SessionPageFactory(parent=sessions, capacity=10)
        person = ParticipantFactory()
        assert self._moves(
            "sessions", lambda: services.registration_create(session=session, participant=person)
        )
        assert self._moves(
            "stats", lambda: services.registration_cancel(session=session, participant=person)
        )

    def test_checking_in_and_correcting(self, session):
        person = ParticipantFactory()
        assert self._moves(
            "stats",
            lambda: services.attendance_record(session=session, participant=person, method="qr"),
        )
        attendance = Attendance.objects.get(session=session, participant=person)
        assert self._moves(
            "stats",
            lambda: services.attendance_correct(attendance=attendance, status="terlambat", by=None),
        )
