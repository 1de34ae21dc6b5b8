"""Reads for sessions: listings with seat counts, a session's status, attendance sheets."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils import timezone

from content.training import checkin_tokens
from content.training.models.choices import ATTENDED_STATUSES, RegistrationStatus
from content.training.models.records import Attendance, Registration, SessionState

REGISTERED = Q(registrations__status=RegistrationStatus.REGISTERED)
# The page-cache scope of pages that show seats taken or check-in state (see page_cache.py).
PAGE_CACHE_SCOPE = "sessions"


def _listing(sessions):
    return (
        sessions.live()
        .public()
        .annotate(registered_count=Count("registrations", filter=REGISTERED))
    )


PAST_SHOWN = 24


def sessions_by_time(sessions, *, now=None):
    """Of the `sessions` queryset, the live ones as (under way, upcoming, past): under way and
    upcoming soonest first, past latest first (at most PAST_SHOWN)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    current = list(_listing(sessions).filter(date__gte=today).order_by("date", "start_time"))
    ongoing = [session for session in current if session.starts_at <= now < session.ends_at]
    upcoming = [session for session in current if now < session.starts_at]
    ended_today = [session for session in reversed(current) if session.ends_at <= now]
    earlier = _listing(sessions).filter(date__lt=today).order_by("-date", "-start_time")
    return ongoing, upcoming, (ended_today + list(earlier[:PAST_SHOWN]))[:PAST_SHOWN]


def registered_count(session):
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def session_status(session, *, seats_taken, now=None):
    """What a visitor should read first about a session, as (key, Indonesian label)."""
    now = now or timezone.now()
    if now >= session.ends_at:
        return "finished", "Selesai"
    if now >= session.starts_at:
        return "ongoing", "Sedang berlangsung"
    if now >= session.closes_registration_at:
        return "closed", "Pendaftaran ditutup"
    if session.capacity is not None and seats_taken >= session.capacity:
        return "full", "Kuota penuh - daftar tunggu dibuka"
    return "open", "Pendaftaran dibuka"


def next_status_change(session, *, now=None):
    """When session_status will next change by itself (None once the session is over)."""
    now = now or timezone.now()
    moments = (session.closes_registration_at, session.starts_at, session.ends_at)
    return min((moment for moment in moments if moment > now), default=None)


def next_midnight(*, now=None):
    """When today's sessions become yesterday's, in local time."""
    today = timezone.localdate(now or timezone.now())
    tomorrow = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(tomorrow)


def registration_of(session, user):
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(session=session, participant=user).first()


def takes_part_in(session, user):
    """Whether someone holds a seat in the session or was recorded there (walk-ins included):
    who may take its pre- and post-test."""
    if not user.is_authenticated:
        return False
    attended = Attendance.objects.filter(
        session=session, participant=user, status__in=ATTENDED_STATUSES
    )
    seated = Registration.objects.filter(
        session=session, participant=user, status=RegistrationStatus.REGISTERED
    )
    return attended.exists() or seated.exists()


def attended(session, user):
    """Whether someone was recorded present or late: who earns the session's certificate."""
    return Attendance.objects.filter(
        session=session, participant=user, status__in=ATTENDED_STATUSES
    ).exists()


def waitlist_position(registration):
    if registration is None or registration.status != RegistrationStatus.WAITLISTED:
        return None
    ahead = Registration.objects.filter(
        session_id=registration.session_id,
        status=RegistrationStatus.WAITLISTED,
        requested_at__lt=registration.requested_at,
    ).count()
    return ahead + 1


def checkin_session(session_id):
    """The live session with this id whose check-in has ever been opened, or None."""
    if session_id is None:
        return None
    state = (
        SessionState.objects.select_related("session")
        .filter(session_id=session_id, session__live=True)
        .first()
    )
    return state.session if state else None


def session_with_code(code, *, now=None):
    """The live session whose check-in is open and whose current code this is, or None. Few
    sessions are open at once, so each one's code is simply compared."""
    if not checkin_tokens.normalise_code(code):
        return None
    open_states = SessionState.objects.filter(
        checkin_opened_at__isnull=False, checkin_closed_at__isnull=True, session__live=True
    ).select_related("session")
    for state in open_states:
        try:
            checkin_tokens.check_code(code, state.session_id, now=now)
        except checkin_tokens.InvalidToken:
            continue
        return state.session
    return None


def checkin_state(session):
    return SessionState.objects.filter(session=session).first()


def checked_in_count(session):
    return Attendance.objects.filter(session=session).count()


def registered_people(session):
    """Participants holding a seat, by name."""
    return (
        get_user_model()
        .objects.filter(
            registrations__session=session,
            registrations__status=RegistrationStatus.REGISTERED,
        )
        .order_by("full_name", "pk")
    )


def attendance_sheet_people(session):
    """Everyone expected or present, by name: registered people and anyone who checked in."""
    people = get_user_model().objects.filter(
        Q(registrations__session=session, registrations__status=RegistrationStatus.REGISTERED)
        | Q(attendances__session=session)
    )
    return people.select_related("agency").distinct().order_by("full_name", "pk")


def participant_history(user):
    """A participant's sessions, newest first: registration and attendance side by side."""
    registrations = {
        r.session_id: r
        for r in Registration.objects.filter(participant=user).select_related("session")
    }
    attendances = {
        a.session_id: a
        for a in Attendance.objects.filter(participant=user).select_related("session")
    }
    rows = []
    for session_id in registrations.keys() | attendances.keys():
        registration, attendance = registrations.get(session_id), attendances.get(session_id)
        session = (registration or attendance).session
        rows.append({"session": session, "registration": registration, "attendance": attendance})
    return sorted(
        rows, key=lambda row: (row["session"].date, row["session"].start_time), reverse=True
    )


def participant_history_export(user):
    """The "sosialisasi" part of a participant's data download."""
    return [
        {
            "judul": row["session"].title,
            "tanggal": row["session"].date.isoformat(),
            "pendaftaran": row["registration"].get_status_display()
            if row["registration"]
            else None,
            "kehadiran": row["attendance"].get_status_display() if row["attendance"] else None,
            "waktu_presensi": row["attendance"].checked_in_at.isoformat()
            if row["attendance"]
            else None,
        }
        for row in participant_history(user)
    ]
