"""Writes for participants: registration, profile edits, data erasure requests."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.base.spreadsheets import ImportRejected, RowAction
from content.people.importing import PROFILE_FIELDS
from content.people.models import DeletionRequest
from content.people.models.users import new_participant_username

DUPLICATE_MESSAGE = (
    "NIP, NIK, atau email ini sudah terdaftar. Silakan masuk, atau atur ulang kata sandi bila lupa."
)


def participant_register(*, user, password):
    """Save a validated, unsaved participant with a password.

    The form already checked uniqueness, but two simultaneous sign-ups can both pass that check:
    the database constraints decide, and the loser gets the same clear message.
    """
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:
        raise ValidationError(DUPLICATE_MESSAGE, code="duplicate") from error
    return user


def participant_save(*, participant):
    """Save a participant an organizer created or edited in the admin (the form has already
    applied User.clean). New people log in once they choose a password via "Lupa kata sandi"."""
    if participant._state.adding:
        participant.username = participant.username or new_participant_username()
        participant.set_unusable_password()
    try:
        with transaction.atomic():
            participant.save()
    except IntegrityError as error:
        raise NotAllowed(
            "NIP, NIK, atau email ini baru saja dipakai peserta lain. Periksa lalu simpan lagi."
        ) from error
    return participant


def participant_update_contact(*, user, email, phone, position):
    user.email, user.phone, user.position = email, phone, position
    user.full_clean(exclude=["password"])
    try:
        with transaction.atomic():
            user.save(update_fields=["email", "phone", "position"])
    except IntegrityError as error:
        raise ValidationError({"email": "Email ini sudah dipakai akun lain."}) from error
    return user


def deletion_request_create(*, user, reason=""):
    """Open an erasure request; a second click returns the open one instead of a new row."""
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


IMPORT_BATCH = 1000


def participants_import(*, preview):
    """Apply a checked import in one transaction: every row, or (on any failure) none.

    People are created or updated in bulk. Should someone else register the same NIP, NIK or
    email between the preview and this call, the unique constraints fail the whole transaction.
    """
    preview.require_ok()
    new = [row.user for row in preview.rows if row.action == RowAction.NEW]
    changed = [row.user for row in preview.rows if row.action == RowAction.UPDATED]
    for user in new:
        user.username = new_participant_username()
        user.set_unusable_password()  # they choose one through "Lupa kata sandi"
    try:
        with transaction.atomic():
            get_user_model().objects.bulk_create(new, batch_size=IMPORT_BATCH)
            get_user_model().objects.bulk_update(changed, PROFILE_FIELDS, batch_size=IMPORT_BATCH)
    except IntegrityError as error:
        raise ImportRejected(
            "Data peserta berubah selama impor (NIP, NIK, atau email yang sama baru saja "
            "didaftarkan). Tidak ada data yang diimpor; silakan ulangi pratinjau."
        ) from error
    return {
        RowAction.NEW: len(new),
        RowAction.UPDATED: len(changed),
        RowAction.UNCHANGED: preview.count(RowAction.UNCHANGED),
    }
