"""Registration with a waiting list. Seats are counted under a lock on the session's state row,
one request at a time, whoever asks: the participant on the session page or an organizer in the
admin. Whoever's registration changes is told by email once the change is committed."""

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from content.base import task_queue
from content.base.errors import NotAllowed
from content.training.models.choices import RegistrationStatus
from content.training.models.records import Registration, SessionState
from content.training.rules import check_eligible

REGISTERED, WAITLISTED, CANCELLED = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.CANCELLED,
)
ACTIVE = (REGISTERED, WAITLISTED)


def _notify(registration):
    task_queue.enqueue_on_commit("training.send_registration_email", registration.pk)


def registration_email_send(*, registration_id):
    """Tell the participant where their registration stands (the task worker runs this). Nothing
    is sent for a registration gone or a participant without an email address."""
    registration = (
        Registration.objects.select_related("session", "participant")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None or not registration.participant.email:
        return
    context = {"registration": registration, "session": registration.session}
    send_mail(
        subject=render_to_string("training/email/registration_subject.txt", context).strip(),
        message=render_to_string("training/email/registration.txt", context),
        from_email=None,
        recipient_list=[registration.participant.email],
    )


def _lock_session(session):
    """Serialise seat counting for one session: everyone else waits for this row."""
    SessionState.objects.get_or_create(session=session)
    return SessionState.objects.select_for_update().get(session=session)


def lock_seat_counts(sessions):
    """Hold the seat counts of several sessions at once (a merge touching both accounts'
    registrations), in id order, before any registration row: the order every service takes
    them in, so two writers never wait on each other in a circle."""
    for session in sorted(sessions, key=lambda session: session.pk):
        _lock_session(session)


def _seats_taken(session):
    return Registration.objects.filter(session=session, status=REGISTERED).count()


def _has_free_seat(session):
    return session.capacity is None or _seats_taken(session) < session.capacity


def _promote_waiting(session, now):
    """Give free seats to the people waiting, first come first served. Not once the session
    has started: a seat is no use then."""
    if now >= session.starts_at:
        return
    while _has_free_seat(session):
        waiting = (
            Registration.objects.filter(session=session, status=WAITLISTED)
            .order_by("requested_at", "pk")
            .first()
        )
        if waiting is None:
            return
        waiting.status = REGISTERED
        waiting.save(update_fields=["status", "updated_at"])
        _notify(waiting)


def _activate(registration, *, session, participant, now):
    """A seat if one is free, else the end of the waiting list."""
    status = REGISTERED if _has_free_seat(session) else WAITLISTED
    if registration is None:
        registration = Registration(session=session, participant=participant)
    registration.status, registration.requested_at = status, now
    registration.note_participant(participant)
    registration.save()
    _notify(registration)
    return registration


def registration_create(*, session, participant, now=None):
    """Take a seat, or a place on the waiting list once seats run out. Asking twice changes
    nothing; simultaneous requests are counted one at a time under a row lock."""
    now = now or timezone.now()
    if now >= session.closes_registration_at:
        raise NotAllowed("Pendaftaran sosialisasi ini sudah ditutup.")
    check_eligible(session, participant)
    with transaction.atomic():
        _lock_session(session)
        registration = Registration.objects.filter(session=session, participant=participant).first()
        if registration is not None and registration.status in ACTIVE:
            return registration
        return _activate(registration, session=session, participant=participant, now=now)


def _cancel(registration, *, now):
    had_seat = registration.status == REGISTERED
    registration.status = CANCELLED
    registration.save(update_fields=["status", "updated_at"])
    if had_seat:
        _promote_waiting(registration.session, now)


def registration_cancel(*, session, participant, now=None):
    """Give the seat up before the deadline; the first person waiting takes it."""
    now = now or timezone.now()
    if now >= session.closes_registration_at:
        raise NotAllowed("Batas pendaftaran sudah lewat; pembatalan tidak dapat dilakukan lagi.")
    with transaction.atomic():
        _lock_session(session)
        registration = (
            Registration.objects.filter(session=session, participant=participant, status__in=ACTIVE)
            .select_for_update()
            .first()
        )
        if registration is None:
            return None
        _cancel(registration, now=now)
    return registration


def registration_change(*, registration, status, now=None):
    """An organizer changes a registration's status in the admin.

    The seat rules still hold: a seat is given only if one is free (raise the capacity first
    otherwise), a freed seat goes to the first person waiting, and nobody is moved behind the
    people already waiting. The deadline does not bind organizers; eligibility does.
    """
    now = now or timezone.now()
    session = registration.session
    with transaction.atomic():
        _lock_session(session)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == status:
            return registration
        if status == CANCELLED:
            _cancel(registration, now=now)
            _notify(registration)
            return registration
        if registration.status == REGISTERED:
            raise NotAllowed(
                "Peserta yang sudah terdaftar tidak dapat dipindah ke daftar tunggu. Batalkan "
                "pendaftarannya bila kursinya perlu diberikan kepada orang lain."
            )
        free = _has_free_seat(session)
        if status == REGISTERED and not free:
            raise NotAllowed(
                f"Kuota penuh ({_seats_taken(session)} dari {session.capacity} kursi terisi). "
                "Naikkan kuota di halaman sosialisasi atau batalkan pendaftaran lain dahulu."
            )
        if status == WAITLISTED and free:
            raise NotAllowed("Masih ada kursi kosong: pilih status Terdaftar.")
        participant = registration.participant
        check_eligible(session, participant)
        if registration.status == WAITLISTED:
            registration.status = REGISTERED
            registration.save(update_fields=["status", "updated_at"])
            _notify(registration)
            return registration
        return _activate(registration, session=session, participant=participant, now=now)


def registration_fill_seats(*, session, now=None):
    """Seats added to a session (its capacity raised) go to the people waiting, in order."""
    with transaction.atomic():
        _lock_session(session)
        _promote_waiting(session, now or timezone.now())


def registrations_withdraw_all(*, participant, now=None):
    """Cancel every seat and waiting place the person holds in sessions not yet started (their
    data is being erased): each freed seat goes to the next person waiting."""
    now = now or timezone.now()
    active = Registration.objects.filter(participant=participant, status__in=ACTIVE)
    for session_id in active.values_list("session_id", flat=True).distinct():
        with transaction.atomic():
            registration = active.select_related("session").get(session_id=session_id)
            if now >= registration.session.starts_at:
                continue
            _lock_session(registration.session)
            registration = Registration.objects.select_for_update().get(pk=registration.pk)
            if registration.status in ACTIVE:
                _cancel(registration, now=now)
