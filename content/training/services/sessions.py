"""Closing a session ("Tutup sesi"): the organizer ends it, and check-in with it, before its
planned end. What a closed session allows (its certificates) is decided by the rules that read
SessionState.closed_at (training.rules.over_at)."""

from django.db import transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.training.models.records import SessionState
from content.training.rules import check_may_close

ORGANIZER_PERMISSION = "training.change_attendance"


def session_close(*, session, by, now=None):
    """Close the session now. Closing twice keeps the first moment; closing after the planned
    end is recorded but changes nothing (the session was over already)."""
    if by is None or not by.has_perm(ORGANIZER_PERMISSION):
        raise NotAllowed("Sesi ditutup oleh penyelenggara.")
    now = now or timezone.now()
    check_may_close(session, now=now)
    with transaction.atomic():
        state, _ = SessionState.objects.get_or_create(session=session)
        state = SessionState.objects.select_for_update().get(pk=state.pk)
        if state.closed_at is not None:
            return state
        state.closed_at = now
        state.closed_by = by
        if state.checkin_open:
            state.checkin_closed_at = now
        # save() (not update()) so the page cache hears of it (invalidate_on_change).
        state.save()
    return state
