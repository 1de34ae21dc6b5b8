"""Writes for sessions: registration with a waiting list, check-in and attendance."""

from django.db import transaction
from django.utils import timezone

from content.training.models import (
    Attendance,
    AttendanceCorrection,
    AttendanceMethod,
    AttendanceStatus,
    Registration,
    RegistrationStatus,
    SessionState,
)
from content.training.rules import NotAllowed, check_eligible
from content.training.tasks import send_registration_email

ACTIVE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)


def _notify(registration):
    transaction.on_commit(lambda: send_registration_email.enqueue(registration.pk))


def _lock_session(session):
    """Serialise seat counting for one session: everyone else waits for this row."""
    SessionState.objects.get_or_create(session=session)
    return SessionState.objects.select_for_update().get(session=session)


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
        taken = Registration.objects.filter(
            session=session, status=RegistrationStatus.REGISTERED
        ).count()
        has_seat = session.capacity is None or taken < session.capacity
        status = RegistrationStatus.REGISTERED if has_seat else RegistrationStatus.WAITLISTED
        if registration is None:
            registration = Registration.objects.create(
                session=session, participant=participant, status=status, requested_at=now
            )
        else:
            registration.status, registration.requested_at = status, now
            registration.save(update_fields=["status", "requested_at", "updated_at"])
        _notify(registration)
    return registration


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
        had_seat = registration.status == RegistrationStatus.REGISTERED
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "updated_at"])
        if had_seat:
            waiting = (
                Registration.objects.filter(session=session, status=RegistrationStatus.WAITLISTED)
                .order_by("requested_at", "pk")
                .first()
            )
            if waiting is not None:
                waiting.status = RegistrationStatus.REGISTERED
                waiting.save(update_fields=["status", "updated_at"])
                _notify(waiting)
    return registration


def checkin_open(*, session, by, now=None):
    state, _ = SessionState.objects.get_or_create(session=session)
    state.checkin_opened_at = now or timezone.now()
    state.checkin_opened_by = by
    state.checkin_closed_at = None
    state.save()
    return state


def checkin_close(*, session, now=None):
    state, _ = SessionState.objects.get_or_create(session=session)
    state.checkin_closed_at = now or timezone.now()
    state.save(update_fields=["checkin_closed_at"])
    return state


def _status_at(session, moment):
    return AttendanceStatus.LATE if moment > session.late_after else AttendanceStatus.PRESENT


def attendance_record(*, session, participant, method, by=None, now=None):
    """Record that `participant` is here. Returns (attendance, created).

    Self check-in (QR, code) is late after the grace period; an organizer's record is "hadir"
    until they say otherwise.

    Scanning twice, or twenty times at once, leaves one row: the unique constraint on
    (session, participant) decides, and get_or_create returns the row that won.
    """
    now = now or timezone.now()
    self_service = method in (AttendanceMethod.QR, AttendanceMethod.CODE)
    if self_service:
        state = SessionState.objects.filter(session=session).first()
        if state is None or not state.checkin_open:
            raise NotAllowed("Presensi untuk sosialisasi ini sedang tidak dibuka.")
        check_eligible(session, participant)
        if (
            not session.allow_walk_in
            and not Registration.objects.filter(
                session=session, participant=participant, status=RegistrationStatus.REGISTERED
            ).exists()
        ):
            raise NotAllowed("Sosialisasi ini hanya untuk peserta yang sudah terdaftar.")
    return Attendance.objects.get_or_create(
        session=session,
        participant=participant,
        defaults={
            "status": _status_at(session, now) if self_service else AttendanceStatus.PRESENT,
            "method": method,
            "checked_in_at": now,
            "recorded_by": by,
        },
    )


@transaction.atomic
def attendance_correct(*, attendance, status, by, reason=""):
    """Change a status and log who changed it, when, and from what."""
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    if attendance.status == status:
        return attendance
    AttendanceCorrection.objects.create(
        attendance=attendance,
        old_status=attendance.status,
        new_status=status,
        reason=reason,
        changed_by=by,
    )
    attendance.status = status
    attendance.save(update_fields=["status"])
    return attendance


class AttendanceImportRejected(Exception):
    pass


def attendance_import(*, session, preview, by):
    """Record every new row of a checked attendance list at once, or nothing."""
    if not preview.ok:
        raise AttendanceImportRejected("Masih ada baris yang salah; tidak ada data yang diimpor.")
    new = [
        Attendance(
            session=session,
            participant=row.participant,
            status=row.status,
            method=AttendanceMethod.IMPORT,
            checked_in_at=session.starts_at,
            recorded_by=by,
        )
        for row in preview.rows
        if row.action == "baru"
    ]
    with transaction.atomic():
        # Someone who scanned in since the preview keeps the scan: the constraint skips them.
        Attendance.objects.bulk_create(new, ignore_conflicts=True)
    return {"baru": len(new), "tetap": preview.count("tetap")}
