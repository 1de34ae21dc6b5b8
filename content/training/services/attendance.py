"""Check-in and attendance: self check-in by QR or code, an organizer's marking by hand, the
paper-list import, and corrections. One attendance per person per session, whatever the path:
the unique constraint on (session, participant) decides."""

from django.db import connections, router, transaction
from django.utils import timezone

from content.base import changes
from content.base.errors import NotAllowed
from content.base.spreadsheets import RowAction
from content.base.text_rules import visible_reason
from content.training import selectors
from content.training.models.choices import AttendanceMethod, AttendanceStatus
from content.training.models.records import (
    Attendance,
    AttendanceCorrection,
    SessionState,
)
from content.training.rules import check_eligible, check_participant, check_started

SELF_SERVICE = (AttendanceMethod.QR, AttendanceMethod.CODE)
CHECKIN_CLOSED = "Presensi untuk sosialisasi ini sedang tidak dibuka."


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


def _record(*, session, participant, **fields):
    """(attendance, created): the existing row if the person is already recorded."""
    return Attendance.objects.get_or_create(
        session=session,
        participant=participant,
        defaults={**Attendance.fields_for(participant), **fields},
    )


def _insert_unless_recorded(attendance):
    """Insert `attendance` unless the person already has a row for the session: one
    INSERT ... ON CONFLICT DO NOTHING RETURNING id (PostgreSQL, and SQLite from 3.35). True if
    the row went in, and then announced (changes.recorded), so the caches of pages and figures
    that count attendance know.

    No failed insert and retry as with get_or_create: a double tap costs the loser one statement
    that does nothing, then the read of the winner's row. bulk_create(ignore_conflicts=True)
    writes the same statement but cannot tell whether the row went in without another query,
    and a savepoint around create() costs three statements and an error in the database's log.
    Written with the public API of fields and connections: each field gives its own value
    (pre_save fills automatic ones) in its database form."""
    database = router.db_for_write(Attendance)
    connection = connections[database]
    quote = connection.ops.quote_name
    fields = [field for field in Attendance._meta.concrete_fields if not field.primary_key]
    values = [
        field.get_db_prep_save(field.pre_save(attendance, add=True), connection) for field in fields
    ]
    sql = (
        f"INSERT INTO {quote(Attendance._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) "
        f"ON CONFLICT DO NOTHING RETURNING {quote(Attendance._meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return False
    attendance.pk = row[0]
    attendance._state.adding, attendance._state.db = False, database
    changes.recorded(Attendance, instances=(attendance,), created=True)
    return True


def attendance_record(*, session, participant, method, now=None, facts=None):
    """Self check-in: `participant` scanned the QR code or typed the code. Returns
    (attendance, created); after the grace period the status is "terlambat".

    `facts` (selectors.CheckinFacts) are what the check-in views read with the session in the
    same query; read here when not given. Scanning twice, or twenty times at once, leaves one
    row: the unique constraint keeps the first insert, the others read the row that won.
    """
    if method not in SELF_SERVICE:
        raise ValueError(f"attendance_record is for self check-in, not {method!r}")
    now = now or timezone.now()
    if facts is None:
        facts = selectors.checkin_facts(session, participant)
    if facts is None or not facts.is_open:
        raise NotAllowed(CHECKIN_CLOSED)
    check_eligible(session, participant, agency_admitted=facts.admits_agency)
    if not session.allow_walk_in and not facts.registered:
        raise NotAllowed("Sosialisasi ini hanya untuk peserta yang sudah terdaftar.")
    if facts.attendance is not None:
        return facts.attendance, False
    attendance = Attendance(
        session=session,
        participant=participant,
        status=_status_at(session, now),
        method=method,
        checked_in_at=now,
        **Attendance.fields_for(participant),
    )
    if _insert_unless_recorded(attendance):
        return attendance, True
    winner = Attendance.objects.get(session=session, participant=participant)
    winner.session, winner.participant = session, participant
    return winner, False


def attendance_mark(*, session, participant, status, by, override_reason="", now=None):
    """An organizer records someone's attendance by hand.

    The rules of check-in apply (the session has started; the person is in its target group and
    agencies) unless the organizer gives a reason to set them aside, which is kept with the
    record. A staff account is never a participant. Someone already recorded is not recorded
    again: their status is changed with a correction instead.
    """
    now = now or timezone.now()
    # A reason of invisible characters is refused, never taken as a reason to skip the rules.
    override_reason = visible_reason(override_reason, required=False)
    check_participant(participant)
    if not override_reason:
        check_started(session, now=now)
        check_eligible(session, participant)
    attendance, created = _record(
        session=session,
        participant=participant,
        status=status,
        method=AttendanceMethod.MANUAL,
        checked_in_at=now,
        recorded_by=by,
        override_reason=override_reason,
    )
    if not created:
        raise NotAllowed(
            f"{participant} sudah tercatat {attendance.get_status_display().lower()} di "
            "sosialisasi ini. Ubah statusnya lewat tombol ubah (koreksi) pada daftar kehadiran."
        )
    return attendance


@transaction.atomic
def attendance_correct(*, attendance, status, by, reason=""):
    """Change a status and log who changed it, when, and from what."""
    reason = visible_reason(reason, required=False)
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


def attendance_import(*, session, preview, by, now=None):
    """Record every new row of a checked attendance list at once, or nothing."""
    preview.require_ok()
    check_started(session, now=now or timezone.now())
    new = []
    for row in preview.rows:
        if row.action != RowAction.NEW:
            continue
        attendance = Attendance(
            session=session,
            participant=row.participant,
            status=row.status,
            method=AttendanceMethod.IMPORT,
            checked_in_at=session.starts_at,
            recorded_by=by,
        )
        attendance.note_participant(row.participant)
        new.append(attendance)
    with transaction.atomic():
        # Someone who scanned in since the preview keeps the scan, and counts as unchanged (the
        # message said "baru" for them); one scanning in during this write is still skipped by
        # the constraint.
        scanned = set(
            Attendance.objects.filter(
                session=session, participant__in=[attendance.participant_id for attendance in new]
            ).values_list("participant", flat=True)
        )
        new = [attendance for attendance in new if attendance.participant_id not in scanned]
        Attendance.objects.bulk_create(new, ignore_conflicts=True)
    unchanged = preview.count(RowAction.UNCHANGED) + len(scanned)
    return {RowAction.NEW: len(new), RowAction.UNCHANGED: unchanged}
