"""Reads for sessions: listings with seat counts, a session's status, attendance sheets."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q
from django.utils import timezone

from content.base.field_bounds import pk_in_range
from content.base.input_rules import ascii_int
from content.training import checkin_tokens, rules
from content.training.models.choices import (
    ATTENDED_STATUSES,
    AttendanceStatus,
    RegistrationStatus,
)
from content.training.models.records import Attendance, Registration, SessionState

REGISTERED = Q(registrations__status=RegistrationStatus.REGISTERED)
# The page-cache scope of pages that show seats taken or check-in state (see page_cache.py).
PAGE_CACHE_SCOPE = "sessions"


def _listing(sessions):
    return (
        sessions.live()
        .public()
        .annotate(
            registered_count=Count("registrations", filter=REGISTERED),
            closed_at=F("state__closed_at"),
        )
    )


PAST_SHOWN = 24


def sessions_by_time(sessions, *, now=None):
    """Of the `sessions` queryset, the live ones as (under way, upcoming, past): under way and
    upcoming soonest first, past latest first (at most PAST_SHOWN)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    current = list(_listing(sessions).filter(date__gte=today).order_by("date", "start_time"))
    # A session the organizer closed early ("Tutup sesi") is over from then.
    over = {session.pk for session in current if rules.is_over(session, session.closed_at, now=now)}
    ongoing = [s for s in current if s.starts_at <= now and s.pk not in over]
    upcoming = [s for s in current if now < s.starts_at and s.pk not in over]
    ended_today = [s for s in reversed(current) if s.pk in over]
    earlier = _listing(sessions).filter(date__lt=today).order_by("-date", "-start_time")
    return ongoing, upcoming, (ended_today + list(earlier[:PAST_SHOWN]))[:PAST_SHOWN]


def registered_count(session):
    return session.registrations.filter(status=RegistrationStatus.REGISTERED).count()


def session_status(session, *, seats_taken, closed_at=None, now=None):
    """What a visitor should read first about a session, as (key, Indonesian label). A session
    the organizer closed ("Tutup sesi", `closed_at`) is finished from then."""
    now = now or timezone.now()
    if rules.is_over(session, closed_at, now=now):
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


@dataclass(frozen=True)
class CheckinFacts:
    """What a participant's self check-in decides on, read in the same query as the session
    (see checkin_session): whether check-in is open, whether the session's agencies admit the
    person's, whether they hold a seat, and their attendance if they are already recorded."""

    is_open: bool
    admits_agency: bool
    registered: bool
    attendance: Attendance | None


# The attendance columns read with the session: what the check-in page shows.
_ATTENDANCE_FIELDS = ("id", "status", "method", "checked_in_at")


def _reads_facts(user):
    return user is not None and user.is_authenticated


def _checkin_states(user):
    """Sessions' states with their session; with a logged-in `user`, annotated with what
    their check-in needs: their attendance and seat joined (the unique constraints keep it to
    one row each), whether the session names agencies and theirs."""
    states = SessionState.objects.select_related("session")
    if not _reads_facts(user):
        return states
    # The session page's model imports this module: its agencies' table is reached through
    # SessionState.
    pages = SessionState._meta.get_field("session").related_model
    listed = pages.agencies.through.objects.filter(sessionpage_id=OuterRef("session_id"))
    return states.annotate(
        own=FilteredRelation(
            "session__attendances", condition=Q(session__attendances__participant_id=user.pk)
        ),
        seat=FilteredRelation(
            "session__registrations",
            condition=Q(
                session__registrations__participant_id=user.pk,
                session__registrations__status=RegistrationStatus.REGISTERED,
            ),
        ),
    ).annotate(
        agencies_listed=Exists(listed),
        agency_listed=Exists(listed.filter(agency_id=user.agency_id)),
        seat_id=F("seat__id"),
        **{f"attendance_{name}": F(f"own__{name}") for name in _ATTENDANCE_FIELDS},
    )


def _with_facts(state, user):
    """The state's session, carrying `checkin_facts` when they were read for `user`, and
    whether its check-in is open now (`checkin_is_open`) for anyone."""
    session = state.session
    session.checkin_is_open = state.checkin_open
    if _reads_facts(user):
        attendance = None
        if state.attendance_id is not None:
            read = {name: getattr(state, f"attendance_{name}") for name in _ATTENDANCE_FIELDS}
            read.update(session_id=session.pk, participant_id=user.pk)
            # An instance as the ORM loads one with .only(): the other columns are deferred.
            names = [f.attname for f in Attendance._meta.concrete_fields if f.attname in read]
            attendance = Attendance.from_db(state._state.db, names, [read[name] for name in names])
            attendance.session, attendance.participant = session, user
        session.checkin_facts = CheckinFacts(
            is_open=state.checkin_open,
            admits_agency=state.agency_listed or not state.agencies_listed,
            registered=state.seat_id is not None,
            attendance=attendance,
        )
    return session


def checkin_session(session_id, *, user=None):
    """The live session with this id whose check-in has ever been opened, or None. For a
    logged-in `user` the same query reads their `checkin_facts` (set on the session)."""
    if session_id is None:
        return None
    state = _checkin_states(user).filter(session_id=session_id, session__live=True).first()
    return _with_facts(state, user) if state else None


def session_with_code(code, *, user=None, now=None):
    """The live session whose check-in is open and whose current code this is, or None, with
    `user`'s `checkin_facts` as checkin_session reads them. Few sessions are open at once, so
    each one's code is simply compared."""
    if not checkin_tokens.normalise_code(code):
        return None
    open_states = _checkin_states(user).filter(
        checkin_opened_at__isnull=False, checkin_closed_at__isnull=True, session__live=True
    )
    for state in open_states:
        try:
            checkin_tokens.check_code(code, state.session_id, now=now)
        except checkin_tokens.InvalidToken:
            continue
        return _with_facts(state, user)
    return None


def checkin_facts(session, participant):
    """`participant`'s CheckinFacts for `session`, in one query (None if its check-in was never
    opened)."""
    state = _checkin_states(participant).filter(session_id=session.pk).first()
    return _with_facts(state, participant).checkin_facts if state else None


def session_by_id(value):
    """The session page whose id is `value` (a query parameter as it came, any text, or an id),
    or None when it names none."""
    # The session page's model imports this module: its model is reached through SessionState.
    pages = SessionState._meta.get_field("session").related_model
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # a form's initial value
    pk = ascii_int(value, 1, 2**63 - 1)
    if pk is None or not pk_in_range(pages, pk):
        return None
    return pages.objects.filter(pk=pk).first()


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


def participation(session, *, registration_status, attendance_status, closed_at=None, now=None):
    """(key, label): a person's part in a session as it stands at `now`, from their
    registration's and attendance's status (None when they have none). A seat in a session that
    is over without an attendance is "Tidak hadir", not "Terdaftar"."""
    now = now or timezone.now()
    if attendance_status is not None:
        key = "attended" if attendance_status in ATTENDED_STATUSES else "recorded"
        return key, AttendanceStatus(attendance_status).label
    if registration_status is None:
        return "none", ""
    if registration_status == RegistrationStatus.REGISTERED:
        if rules.is_over(session, closed_at, now=now):
            return "missed", "Tidak hadir"
        if now >= session.starts_at:
            return "expected", "Terdaftar, belum presensi"
        return "registered", "Terdaftar"
    if registration_status == RegistrationStatus.WAITLISTED and now >= session.starts_at:
        return "missed", "Daftar tunggu, tidak mendapat kursi"
    return "registration", RegistrationStatus(registration_status).label


def _closed_at(session):
    """When the organizer closed the session, from a SessionState read with select_related
    (None when it has none)."""
    try:
        return session.state.closed_at
    except SessionState.DoesNotExist:
        return None


def participant_history(user, *, now=None):
    """A participant's sessions, newest first: registration and attendance side by side, and
    their part in it (participation)."""
    registrations = {
        r.session_id: r
        for r in Registration.objects.filter(participant=user).select_related("session__state")
    }
    attendances = {
        a.session_id: a
        for a in Attendance.objects.filter(participant=user).select_related("session__state")
    }
    rows = []
    for session_id in registrations.keys() | attendances.keys():
        registration, attendance = registrations.get(session_id), attendances.get(session_id)
        session = (registration or attendance).session
        rows.append(
            {
                "session": session,
                "registration": registration,
                "attendance": attendance,
                "participation": participation(
                    session,
                    registration_status=registration.status if registration else None,
                    attendance_status=attendance.status if attendance else None,
                    closed_at=_closed_at(session),
                    now=now,
                ),
            }
        )
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


def over_at(session):
    """When the session is over: its planned end, or when the organizer closed it."""
    closed_at = (
        SessionState.objects.filter(session=session).values_list("closed_at", flat=True).first()
    )
    return rules.over_at(session, closed_at)
