"""Erasure requests (UU 27/2022): opened by the person, decided by an organizer."""

import secrets

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.people.models import DeletionRequest

STAFF_REFUSED = "Akun petugas tidak dihapus lewat permohonan peserta; hubungi administrator."


def deletion_request_create(*, user, reason=""):
    """Open an erasure request; a second click returns the open one instead of a new row."""
    if user.is_staff_account:
        raise NotAllowed(STAFF_REFUSED)
    try:
        with transaction.atomic():
            return DeletionRequest.objects.create(
                user=user, requester_label=str(user), reason=reason.strip()
            )
    except IntegrityError:
        return DeletionRequest.objects.get(user=user, status=DeletionRequest.Status.PENDING)


def _close_request(deletion_request, *, status, by, note):
    deletion_request.status = status
    deletion_request.handled_by = by
    deletion_request.handled_at = timezone.now()
    deletion_request.note = note
    deletion_request.save()
    return deletion_request


@transaction.atomic
def deletion_request_reject(*, deletion_request, by, note=""):
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.Status.PENDING:
        return deletion_request
    return _close_request(
        deletion_request, status=DeletionRequest.Status.REJECTED, by=by, note=note
    )


@transaction.atomic
def participant_erase(*, deletion_request, by, note=""):
    """Erase a participant's personal data and record who did it and when.

    The account row stays (attendance and certificates point at it for the statistics) but
    nothing in it identifies the person any more, and it can no longer log in.
    """
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.Status.PENDING:
        return deletion_request
    user = deletion_request.user
    if user is not None and user.is_staff_account:
        raise NotAllowed(STAFF_REFUSED)
    if user is not None:
        get_user_model().objects.filter(pk=user.pk).update(
            username=f"terhapus-{secrets.token_hex(8)}",
            full_name="Peserta (data dihapus)",
            first_name="",
            last_name="",
            email="",
            nip=None,
            nik=None,
            phone="",
            position="",
            is_active=False,
            password="!",  # an unusable password
        )
    return _close_request(deletion_request, status=DeletionRequest.Status.DONE, by=by, note=note)
