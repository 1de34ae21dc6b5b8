"""Reporters' contacts are erased REPORT_CONTACT_RETENTION_DAYS after their case closed, with an
injected clock: erased after the period, kept before it, never while the case is open, and a
second run changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from content.base import changes, task_queue
from content.reports.models import Case, Report, Status
from content.reports.services.retention import contacts_erase_expired
from tests.factories.reports import submit_report

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=datetime.UTC)
DAYS = 30


@pytest.fixture(autouse=True)
def retention(settings):
    settings.REPORT_CONTACT_RETENTION_DAYS = DAYS


def _reported(link, **contact):
    contact = contact or {
        "contact_email": "pelapor@contoh.id",
        "contact_phone": "081234567890",
        "contact_consent": True,
    }
    return submit_report(links=[link], **contact).report


def _close(report, *, status=Status.DONE, days_ago):
    # Fixture state: the triage services (another stream) close cases; here only the two
    # fields retention reads are set.
    Case.objects.filter(pk=report.case_id).update(
        status=status, closed_at=NOW - datetime.timedelta(days=days_ago)
    )


def _contact(report):
    report.refresh_from_db()
    return (
        report.contact_email,
        report.contact_phone,
        report.contact_consent,
        report.contact_erased_at,
    )


KEPT = ("pelapor@contoh.id", "081234567890", True, None)
ERASED = ("", "", False, NOW)


class TestContactsEraseExpired:
    def test_contact_of_a_case_closed_longer_than_the_period_is_erased(self):
        done = _reported("https://x.com/a/status/1")
        rejected = _reported("https://x.com/a/status/2")
        _close(done, days_ago=DAYS + 1)
        _close(rejected, status=Status.REJECTED, days_ago=DAYS + 200)

        assert contacts_erase_expired(now=NOW) == 2

        assert _contact(done) == ERASED
        assert _contact(rejected) == ERASED

    def test_contact_of_a_case_closed_within_the_period_is_kept(self):
        recent = _reported("https://x.com/a/status/3")
        _close(recent, days_ago=DAYS - 1)

        assert contacts_erase_expired(now=NOW) == 0
        assert _contact(recent) == KEPT
        # The same report, once its period has passed.
        assert contacts_erase_expired(now=NOW + datetime.timedelta(days=2)) == 1
        assert _contact(recent)[:3] == ERASED[:3]

    @pytest.mark.parametrize("status", [Status.NEW, Status.VERIFIED, Status.IN_PROGRESS])
    def test_open_cases_are_never_erased_however_old(self, status):
        old = _reported("https://x.com/a/status/4")
        # Closed long ago, then opened again: a closed_at left behind does not count.
        Case.objects.filter(pk=old.case_id).update(
            status=status, closed_at=NOW - datetime.timedelta(days=10 * DAYS)
        )
        Report.objects.filter(pk=old.pk).update(submitted_at=NOW - datetime.timedelta(days=999))

        assert contacts_erase_expired(now=NOW) == 0
        assert _contact(old) == KEPT

    def test_every_report_of_a_closed_case_is_erased_and_no_other(self):
        first = _reported("https://www.facebook.com/permalink.php?story_fbid=1&id=2")
        second = _reported(
            "https://m.facebook.com/permalink.php?id=2&story_fbid=1&utm_source=wa",
            contact_phone="085711112222",
        )
        other = _reported("https://www.facebook.com/permalink.php?story_fbid=9&id=2")
        assert first.case_id == second.case_id != other.case_id
        _close(first, days_ago=DAYS + 5)

        assert contacts_erase_expired(now=NOW) == 2
        assert _contact(second) == ERASED
        assert _contact(other) == KEPT

    def test_a_second_run_erases_and_announces_nothing(self):
        report = _reported("https://x.com/a/status/5")
        _close(report, days_ago=DAYS + 1)
        heard = []

        def listener(sender, fields=None, **kwargs):
            heard.append((sender, fields))

        changes.records_changed.connect(listener)
        try:
            assert contacts_erase_expired(now=NOW) == 1
            assert heard == [
                (
                    Report,
                    frozenset(
                        {"contact_email", "contact_phone", "contact_consent", "contact_erased_at"}
                    ),
                )
            ]
            assert contacts_erase_expired(now=NOW + datetime.timedelta(minutes=1)) == 0
            assert len(heard) == 1
        finally:
            changes.records_changed.disconnect(listener)
        # The first erasure's moment stays.
        assert _contact(report) == ERASED

    def test_reports_without_contact_are_marked_too(self):
        anonymous = _reported("https://x.com/a/status/6", contact_email="")
        _close(anonymous, days_ago=DAYS + 1)
        assert contacts_erase_expired(now=NOW) == 1
        anonymous.refresh_from_db()
        assert anonymous.contact_erased_at == NOW


class TestTheScheduledJob:
    def test_the_task_and_the_command_erase_with_the_real_clock(self, settings):
        settings.REPORT_CONTACT_RETENTION_DAYS = 0
        report = _reported("https://x.com/a/status/7")
        Case.objects.filter(pk=report.case_id).update(
            status=Status.DONE, closed_at=NOW - datetime.timedelta(days=1)
        )
        assert "reports.erase_expired_contacts" in task_queue.registered()
        task_queue.enqueue("reports.erase_expired_contacts")  # immediate backend in tests
        assert _contact(report)[:3] == ERASED[:3]

        other = _reported("https://x.com/a/status/8")
        Case.objects.filter(pk=other.case_id).update(
            status=Status.REJECTED, closed_at=NOW - datetime.timedelta(days=1)
        )
        output = StringIO()
        call_command("erase_expired_contacts", stdout=output)
        assert "1 laporan" in output.getvalue()
        assert _contact(other)[:3] == ERASED[:3]
