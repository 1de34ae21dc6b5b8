"""Erasure requests (UU 27/2022): opened by the person, decided by an organizer."""

import secrets

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from content.base.errors import NotAllowed
from content.people.account import account_sections
from content.people.backends import identifier_key, legacy_identifier_key
from content.people.models import DeletionRequest, IdentityChange, Participant, User

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


ERASED_NAME = "Peserta (data dihapus)"


def _erase_throttle_records(user, identifiers):
    """django-axes keeps who tried to log in: each identifier's key, and the keys of earlier
    schemes (the account's number; identifiers that named nobody; identifiers as typed)."""
    identifiers = [value for value in identifiers if value]
    keys = {f"akun-{user.pk}", *identifiers}
    keys |= {identifier_key(value) for value in identifiers}
    keys |= {legacy_identifier_key(value) for value in identifiers}
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(username__in=keys).delete()


def _erase_admin_history(user):
    """Wagtail's history of admin edits labels each entry with the object's name then."""
    content_types = ContentType.objects.get_for_models(
        User, Participant, for_concrete_models=False
    ).values()
    ModelLogEntry.objects.filter(
        content_type__in=list(content_types), object_id=str(user.pk)
    ).update(label=ERASED_NAME)


@transaction.atomic
def participant_erase(*, deletion_request, by, note=""):
    """Erase a participant's personal data and record who did it and when.

    The account row stays (attendance and certificates point at it for the statistics, which
    read the agency and group recorded with each of them) but nothing in it identifies the
    person any more, and it can no longer log in. Every app holding personal data erases its
    part (AccountSection.erase): upcoming registrations are cancelled, so their seats go to the
    people waiting.
    """
    deletion_request = DeletionRequest.objects.select_for_update().get(pk=deletion_request.pk)
    if deletion_request.status != DeletionRequest.Status.PENDING:
        return deletion_request
    user = deletion_request.user
    if user is not None and user.is_staff_account:
        raise NotAllowed(STAFF_REFUSED)
    if user is not None:
        identifiers = (user.nip, user.nik, user.email, user.username)
        User.objects.filter(pk=user.pk).update(
            username=f"terhapus-{secrets.token_hex(8)}",
            full_name=ERASED_NAME,
            first_name="",
            last_name="",
            email="",
            nip=None,
            nik=None,
            phone="",
            position="",
            rank="",
            gender="",
            agency=None,
            is_active=False,
            password="!",  # an unusable password
        )
        DeletionRequest.objects.filter(user=user).update(requester_label=ERASED_NAME, reason="")
        IdentityChange.objects.filter(user=user).update(old_value="", new_value="")
        _erase_throttle_records(user, identifiers)
        _erase_admin_history(user)
        for section in account_sections():
            if section.erase is not None:
                section.erase(user)
    deletion_request.refresh_from_db()
    return _close_request(deletion_request, status=DeletionRequest.Status.DONE, by=by, note=note)
