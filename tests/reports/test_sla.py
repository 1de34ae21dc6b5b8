"""SLA arithmetic with a held clock: `now` is passed, never read from the wall."""

import datetime

import pytest

from content.reports.models import Case, Status
from content.reports.rules import sla
from content.reports.services import triage
from tests.factories.reports import submit_report
from tests.factories.users import UserFactory

WIB = datetime.timezone(datetime.timedelta(hours=7))
OPENED = datetime.datetime(2026, 11, 2, 8, 0, tzinfo=WIB)
LIMITS = sla.Limits(first_response=datetime.timedelta(hours=24), close=datetime.timedelta(days=14))


def hours(n):
    return datetime.timedelta(hours=n)


class TestTimeToFirstResponse:
    def test_stops_at_the_first_response(self):
        elapsed = sla.time_to_first_response(
            opened_at=OPENED, first_response_at=OPENED + hours(5), now=OPENED + hours(500)
        )
        assert elapsed == hours(5)

    def test_runs_to_now_while_nobody_has_answered(self):
        elapsed = sla.time_to_first_response(
            opened_at=OPENED, first_response_at=None, now=OPENED + hours(30)
        )
        assert elapsed == hours(30)

    def test_a_now_before_the_opening_counts_as_no_time(self):
        elapsed = sla.time_to_first_response(
            opened_at=OPENED, first_response_at=None, now=OPENED - hours(1)
        )
        assert elapsed == datetime.timedelta(0)


class TestTimeToClose:
    def test_stops_at_the_close(self):
        elapsed = sla.time_to_close(
            opened_at=OPENED, closed_at=OPENED + hours(50), now=OPENED + hours(900)
        )
        assert elapsed == hours(50)

    def test_an_open_case_is_measured_against_now(self):
        assert sla.time_to_close(opened_at=OPENED, closed_at=None, now=OPENED + hours(7)) == hours(
            7
        )


class TestLimits:
    def clock(self, first, closed, now):
        return sla.clock(
            opened_at=OPENED,
            first_response_at=first and OPENED + first,
            closed_at=closed and OPENED + closed,
            now=OPENED + now,
            limits=LIMITS,
        )

    def test_unanswered_past_the_first_response_limit_is_marked(self):
        assert not self.clock(None, None, hours(24)).first_response.over
        assert self.clock(None, None, hours(24) + datetime.timedelta(minutes=1)).first_response.over
        assert self.clock(None, None, hours(25)).over

    def test_answered_in_time_is_not_marked_however_late_now_is_for_the_first_response(self):
        clock = self.clock(hours(3), None, hours(100))
        assert not clock.first_response.over
        assert not clock.first_response.running

    def test_an_open_case_passes_the_close_limit_at_fourteen_days(self):
        assert not self.clock(hours(1), None, hours(14 * 24)).close.over
        assert self.clock(hours(1), None, hours(14 * 24 + 1)).close.over
        assert self.clock(hours(1), None, hours(14 * 24 + 1)).close.running

    def test_a_case_closed_in_time_stays_in_time(self):
        clock = self.clock(hours(1), hours(48), hours(10_000))
        assert not clock.over
        assert clock.close.elapsed == hours(48)

    def test_a_case_closed_late_stays_late(self):
        assert self.clock(hours(1), hours(15 * 24), hours(16 * 24)).close.over

    def test_limits_come_from_the_settings(self, settings):
        settings.REPORT_FIRST_RESPONSE_HOURS = 2
        settings.REPORT_CLOSE_DAYS = 3
        limits = sla.Limits.from_settings()
        assert limits == sla.Limits(hours(2), datetime.timedelta(days=3))
        clock = sla.clock(
            opened_at=OPENED, first_response_at=None, closed_at=None, now=OPENED + hours(3)
        )
        assert clock.first_response.over


@pytest.mark.parametrize(
    "delta,text",
    [
        (datetime.timedelta(seconds=20), "kurang dari 1 menit"),
        (datetime.timedelta(minutes=12), "12 menit"),
        (hours(5), "5 jam"),
        (hours(5) + datetime.timedelta(minutes=10), "5 jam 10 menit"),
        (hours(51), "2 hari 3 jam"),
        (hours(48), "2 hari"),
    ],
)
def test_durations_read_in_indonesian(delta, text):
    assert sla.duration_text(delta) == text


@pytest.mark.django_db
class TestMomentsSetByTheServices:
    """first_response_at and closed_at as the services set them, read by the same arithmetic."""

    def desk(self):
        return UserFactory(username="petugas", groups=["Petugas Aduan"])

    def test_first_status_change_is_the_first_response_and_a_close_stops_the_clock(self):
        user = self.desk()
        case = submit_report().report.case
        Case.objects.filter(pk=case.pk).update(opened_at=OPENED)
        case.refresh_from_db()
        triage.case_change_status(
            case=case, status=Status.VERIFIED, user=user, now=OPENED + hours(30)
        )
        triage.case_change_status(
            case=case, status=Status.IN_PROGRESS, user=user, now=OPENED + hours(40)
        )
        triage.case_change_status(case=case, status=Status.DONE, user=user, now=OPENED + hours(72))
        case.refresh_from_db()
        clock = sla.case_clock(case, now=OPENED + hours(1000), limits=LIMITS)
        assert clock.first_response.elapsed == hours(30)
        assert clock.first_response.over  # 30 hours > 24
        assert clock.close.elapsed == hours(72)
        assert not clock.close.over

    def test_a_public_answer_before_any_status_change_is_the_first_response(self):
        user = self.desk()
        case = submit_report().report.case
        Case.objects.filter(pk=case.pk).update(opened_at=OPENED)
        case.refresh_from_db()
        triage.case_set_public_answer(
            case=case, answer="Sedang kami periksa.", user=user, now=OPENED + hours(2)
        )
        triage.case_change_status(
            case=case, status=Status.VERIFIED, user=user, now=OPENED + hours(9)
        )
        case.refresh_from_db()
        assert case.first_response_at == OPENED + hours(2)
        assert sla.case_clock(
            case, now=OPENED + hours(9), limits=LIMITS
        ).first_response.elapsed == hours(2)

    def test_an_open_case_left_alone_is_overdue_against_now(self):
        case = submit_report().report.case
        Case.objects.filter(pk=case.pk).update(opened_at=OPENED)
        case.refresh_from_db()
        assert not sla.is_overdue(case, now=OPENED + hours(23), limits=LIMITS)
        assert sla.is_overdue(case, now=OPENED + hours(25), limits=LIMITS)
