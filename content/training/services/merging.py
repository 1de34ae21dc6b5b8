"""Writes of training's part in people's account merges and group changes (the handlers
content/training/merging.py registers with people when the app is ready).

Merging: the loser's registrations and attendance move to the survivor. Where both accounts
hold one for the same session (one per person per session, by unique constraint), the better
is kept and the other deleted and listed: attended beats excused beats absent, a seat beats
the waiting list beats a cancellation; on a tie the survivor's stays. Each kept row keeps the
agency and group it was recorded with, so the statistics of its period do not change. When both
held a seat in a session not yet started, the seat freed goes to the first person waiting, as a
cancellation's would.

Group changes: records of sessions on or after the date take the new group.
"""

from content.training.models import Attendance, Registration, SessionPage
from content.training.models.choices import AttendanceStatus, RegistrationStatus
from content.training.services.registrations import lock_seat_counts, registration_fill_seats

ATTENDANCE_RANK = {
    AttendanceStatus.PRESENT: 4,
    AttendanceStatus.LATE: 3,
    AttendanceStatus.EXCUSED: 2,
    AttendanceStatus.ABSENT: 1,
}
REGISTRATION_RANK = {
    RegistrationStatus.REGISTERED: 3,
    RegistrationStatus.WAITLISTED: 2,
    RegistrationStatus.CANCELLED: 1,
}


def _describe(row):
    described = {
        "id": row.pk,
        "sosialisasi": row.session.title,
        "tanggal": row.session.date.isoformat(),
        "status": row.get_status_display(),
    }
    corrections = getattr(row, "corrections", None)
    if corrections is not None and (count := corrections.count()):
        described["koreksi"] = count
    return described


def _merge_rows(model, rank, *, survivor, loser):
    """Move `model` rows (one per person per session) from loser to survivor, keeping the
    better row where both have one. Returns (moved, dropped) descriptions and the sessions
    where a dropped row held a seat."""
    theirs = {
        row.session_id: row
        for row in model.objects.select_for_update().filter(participant=survivor)
    }
    mine = model.objects.select_for_update().filter(participant=loser).select_related("session")
    moved, dropped, to_move, seats_freed = [], [], [], []
    for row in mine.order_by("pk"):
        kept = theirs.get(row.session_id)
        if kept is not None and rank[row.status] <= rank[kept.status]:
            dropped.append({**_describe(row), "dari": "akun digabungkan"})
            row.delete()
            if model is Registration and row.status == RegistrationStatus.REGISTERED:
                seats_freed.append(row.session)
            continue
        if kept is not None:
            # The loser's row outranks it, so it held no seat (nothing outranks a seat).
            dropped.append({**_describe(kept), "dari": "akun dipertahankan"})
            kept.delete()
        moved.append(_describe(row))
        to_move.append(row.pk)
    model.objects.filter(pk__in=to_move).update(participant=survivor)
    return moved, dropped, seats_freed


def training_records_merge(*, survivor, loser, by):
    # Where both accounts registered, a seat may be freed: hold those sessions' seat counts
    # before locking any registration, as the registration services do.
    lock_seat_counts(
        SessionPage.objects.filter(registrations__participant=survivor).filter(
            registrations__participant=loser
        )
    )
    registrations_moved, registrations_dropped, seats_freed = _merge_rows(
        Registration, REGISTRATION_RANK, survivor=survivor, loser=loser
    )
    for session in seats_freed:
        registration_fill_seats(session=session)
    attendance_moved, attendance_dropped, _ = _merge_rows(
        Attendance, ATTENDANCE_RANK, survivor=survivor, loser=loser
    )
    return {
        "pendaftaran_dipindah": registrations_moved,
        "pendaftaran_dihapus": registrations_dropped,
        "kehadiran_dipindah": attendance_moved,
        "kehadiran_dihapus": attendance_dropped,
    }


def training_records_restamp(*, participant, group, since):
    """The group of the participant's registrations and attendance of sessions from `since`."""
    changed = 0
    for model in (Registration, Attendance):
        changed += model.objects.filter(participant=participant, session__date__gte=since).update(
            participant_group=group
        )
    return changed
