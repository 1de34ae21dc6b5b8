"""Writes for sessions. Every path that changes a registration or an attendance (the public
pages, the projector, the admin's screens, the imports) goes through these functions."""

from content.training.services.attendance import (
    CHECKIN_CLOSED,
    attendance_correct,
    attendance_import,
    attendance_mark,
    attendance_record,
    checkin_close,
    checkin_open,
)
from content.training.services.registrations import (
    lock_seat_counts,
    registration_cancel,
    registration_change,
    registration_create,
    registration_email_send,
    registration_fill_seats,
    registrations_withdraw_all,
)
from content.training.services.sessions import session_close

__all__ = [
    "CHECKIN_CLOSED",
    "attendance_correct",
    "attendance_import",
    "attendance_mark",
    "attendance_record",
    "checkin_close",
    "checkin_open",
    "lock_seat_counts",
    "registration_cancel",
    "registration_change",
    "registration_create",
    "registration_email_send",
    "registration_fill_seats",
    "registrations_withdraw_all",
    "session_close",
]
