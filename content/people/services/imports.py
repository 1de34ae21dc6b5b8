"""The participant import, applied all at once."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from content.base.spreadsheets import ImportRejected, RowAction
from content.people.importing import PROFILE_FIELDS, held_identifiers
from content.people.models import User
from content.people.models.users import new_participant_username
from content.people.services.identity_control import identity_change_request

IMPORT_BATCH = 1000


def participants_import(*, preview, by):
    """Apply a checked import in one transaction: every row, or (on any failure) none.

    People are created or updated in bulk. Should someone else register the same NIP, NIK or
    email between the preview and this call, the unique constraints fail the whole transaction.
    The email, NIP or NIK of a known person is not set by the file: it waits for its owner to
    follow a link sent to the account's email (identity_control.py; the preview refuses rows
    of accounts without one), and a new email for the new address's owner too. The returned
    counts say how many such changes wait ("menunggu").
    """
    preview.require_ok()
    new = [row.user for row in preview.rows if row.action == RowAction.NEW]
    changed = [row for row in preview.rows if row.action == RowAction.UPDATED]
    for user in new:
        user.username = new_participant_username()
        user.set_unusable_password()  # they choose one through "Lupa kata sandi"
    try:
        with transaction.atomic():
            User.objects.bulk_create(new, batch_size=IMPORT_BATCH)
            waiting = [(row.user, held_identifiers(row)) for row in changed]
            User.objects.bulk_update(
                [row.user for row in changed], PROFILE_FIELDS, batch_size=IMPORT_BATCH
            )
            waiting = [(user, wanted) for user, wanted in waiting if wanted]
            for user, wanted in waiting:
                identity_change_request(user=user, by=by, changes=wanted)
    except (ValidationError, IntegrityError) as error:
        raise ImportRejected(
            "Data peserta berubah selama impor (NIP, NIK, atau email yang sama baru saja "
            "didaftarkan). Tidak ada data yang diimpor; silakan ulangi pratinjau."
        ) from error
    return {
        RowAction.NEW: len(new),
        RowAction.UPDATED: len(changed),
        RowAction.UNCHANGED: preview.count(RowAction.UNCHANGED),
        "menunggu": len(waiting),
    }
