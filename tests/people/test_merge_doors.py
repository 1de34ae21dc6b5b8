"""Account merges and group changes write other apps' rows only through those apps' services:
the handler each app registers with people (merging.py, regrouping.py) is a function of its
own services package, and each service, called directly, does the app's part of a merge."""

import pytest

from content.certificates.models import Certificate
from content.certificates.services.merging import certificates_merge
from content.people.merging import merge_handlers
from content.people.regrouping import group_change_handlers
from content.quizzes.models import Attempt
from content.quizzes.services.merging import attempts_merge
from content.reports.models import Report
from content.reports.services.merging import reports_merge
from content.training.models import Attendance, Registration
from content.training.services.merging import training_records_merge
from tests.factories.reports import submit_report
from tests.people.test_merging import _world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("handlers", [merge_handlers, group_change_handlers])
def test_every_registered_handler_is_a_service_of_its_app(handlers):
    registered = dict(handlers())
    assert registered, "no app registered a handler"
    for label, handler in registered.items():
        assert handler.__module__ == f"content.{label}.services.merging", (label, handler)


class TestEachAppsMergeService:
    @pytest.fixture
    def world(self, sessions):
        return _world(sessions)

    def test_training_moves_the_better_rows_to_the_survivor(self, world):
        first, second = world["first"], world["second"]
        summary = training_records_merge(survivor=second, loser=first, by=world["organizer"])
        assert not Attendance.objects.filter(participant=first).exists()
        assert not Registration.objects.filter(participant=first).exists()
        assert Attendance.objects.filter(participant=second).count() == 2
        assert [row["status"] for row in summary["kehadiran_dihapus"]] == ["Terlambat"]

    def test_quizzes_keep_the_series_with_the_better_attempt(self, world):
        first, second = world["first"], world["second"]
        summary = attempts_merge(survivor=second, loser=first, by=world["organizer"])
        [kept] = Attempt.objects.filter(participant=second)
        assert kept.score == 90
        assert not Attempt.objects.filter(participant=first).exists()
        assert [row["dari"] for row in summary["percobaan_dihapus"]] == ["akun dipertahankan"]

    def test_certificates_revoke_the_duplicate_and_never_delete_it(self, world):
        first, second = world["first"], world["second"]
        summary = certificates_merge(survivor=second, loser=first, by=world["organizer"])
        duplicate = Certificate.objects.get(pk=world["first_s1"].pk)
        assert duplicate.participant_id == first.pk and duplicate.is_revoked
        assert world["second_s1"].number in duplicate.revoked_reason
        assert [row["diganti"] for row in summary["sertifikat_duplikat_dicabut"]] == [
            world["second_s1"].number
        ]

    def test_reports_follow_the_survivor(self, world):
        first, second = world["first"], world["second"]
        report = submit_report(reporter=first).report
        reports_merge(survivor=second, loser=first, by=world["organizer"])
        assert Report.objects.get(pk=report.pk).reporter_id == second.pk
