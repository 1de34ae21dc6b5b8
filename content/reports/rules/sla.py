"""The desk's service levels: how long a case waited for its first response and to be closed,
and whether it is past the limits. Pure functions of the case's three moments and `now`
(injected: tests hold the clock still by passing it; screens pass timezone.now()).

- Time to first response: opened_at -> first_response_at. The service sets first_response_at
  at the first status change away from baru or the first public answer, whichever comes first.
- Time to close: opened_at -> closed_at, set when the case becomes selesai or ditolak.
- A stopwatch that has not stopped (no first response yet; still open) runs to `now`, so an open
  case is measured against now and is marked as soon as it passes the limit, before anyone acts.

The limits are settings: REPORT_FIRST_RESPONSE_HOURS (default 24) and REPORT_CLOSE_DAYS (14).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Limits:
    first_response: datetime.timedelta
    close: datetime.timedelta

    @classmethod
    def from_settings(cls):
        return cls(
            first_response=datetime.timedelta(hours=settings.REPORT_FIRST_RESPONSE_HOURS),
            close=datetime.timedelta(days=settings.REPORT_CLOSE_DAYS),
        )


@dataclass(frozen=True)
class Measure:
    """One stopwatch: how long, whether it is still running, whether it passed its limit."""

    elapsed: datetime.timedelta
    running: bool
    limit: datetime.timedelta

    @property
    def over(self):
        return self.elapsed > self.limit

    @property
    def text(self):
        return duration_text(self.elapsed)


@dataclass(frozen=True)
class Clock:
    first_response: Measure
    close: Measure

    @property
    def over(self):
        """Past a limit that still matters: waiting too long for a first response, or open
        (or closed) later than the close limit."""
        return self.first_response.over or self.close.over


def _elapsed(start, stop, now):
    end = stop if stop is not None else now
    # A moment before the case opened (clock skew between processes) counts as no time.
    return max(end - start, datetime.timedelta(0))


def time_to_first_response(*, opened_at, first_response_at, now):
    """Stopped at the first response; running to `now` until there is one."""
    return _elapsed(opened_at, first_response_at, now)


def time_to_close(*, opened_at, closed_at, now):
    """Stopped when the case was closed; running to `now` while it is open."""
    return _elapsed(opened_at, closed_at, now)


def clock(*, opened_at, first_response_at, closed_at, now, limits=None):
    """Both stopwatches of a case, each against its limit."""
    limits = limits or Limits.from_settings()
    return Clock(
        first_response=Measure(
            elapsed=time_to_first_response(
                opened_at=opened_at, first_response_at=first_response_at, now=now
            ),
            running=first_response_at is None,
            limit=limits.first_response,
        ),
        close=Measure(
            elapsed=time_to_close(opened_at=opened_at, closed_at=closed_at, now=now),
            running=closed_at is None,
            limit=limits.close,
        ),
    )


def case_clock(case, *, now, limits=None):
    return clock(
        opened_at=case.opened_at,
        first_response_at=case.first_response_at,
        closed_at=case.closed_at,
        now=now,
        limits=limits,
    )


def is_overdue(case, *, now, limits=None):
    """Past a limit: no first response within REPORT_FIRST_RESPONSE_HOURS, or not closed within
    REPORT_CLOSE_DAYS (an open case measured against now)."""
    return case_clock(case, now=now, limits=limits).over


def duration_text(delta):
    """'2 hari 3 jam', '5 jam 10 menit', '12 menit', 'kurang dari 1 menit'."""
    minutes = int(delta.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} hari {hours} jam" if hours else f"{days} hari"
    if hours:
        return f"{hours} jam {minutes} menit" if minutes else f"{hours} jam"
    if minutes:
        return f"{minutes} menit"
    return "kurang dari 1 menit"
