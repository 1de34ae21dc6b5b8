import datetime

import factory
import wagtail_factories
from django.utils import timezone

from content.training import services
from content.training.models import SessionPage


class SessionPageFactory(wagtail_factories.PageFactory):
    """A session tomorrow morning, open to everyone, no seat limit, walk-ins allowed."""

    class Meta:
        model = SessionPage

    title = factory.Sequence(lambda n: f"Sosialisasi Literasi Digital {n}")
    slug = factory.Sequence(lambda n: f"sosialisasi-{n}")
    description = "<p>Mengenali hoaks dan menjaga akun.</p>"
    date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1))
    start_time = datetime.time(9, 0)
    end_time = datetime.time(12, 0)
    mode = "offline"
    venue = "Aula Diskominfo"
    target_group = "all"
    capacity = None
    late_after_minutes = 15


def mark_attendance(session, participant, status="hadir", by=None):
    """Attendance as an organizer marks it by hand at the session's start."""
    return services.attendance_mark(
        session=session, participant=participant, status=status, by=by, now=session.starts_at
    )


def session_under_way(parent, **kwargs):
    """A session that started a few minutes ago and lasts the rest of today, check-in open."""
    now = timezone.localtime()
    start = max(now - datetime.timedelta(minutes=5), now.replace(hour=0, minute=0, second=0))
    session = SessionPageFactory(
        parent=parent,
        date=now.date(),
        start_time=start.time(),
        end_time=datetime.time(23, 59, 59),
        **kwargs,
    )
    session.save_revision().publish()
    services.checkin_open(session=session, by=None)
    return session


class HeldSessionPageFactory(SessionPageFactory):
    """A session held yesterday morning: over, so its certificates can be issued."""

    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
