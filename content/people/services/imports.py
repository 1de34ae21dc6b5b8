"""The participant import, applied all at once."""

from django.db import IntegrityError, transaction

from content.base.spreadsheets import ImportRejected, RowAction
from content.people.importing import PROFILE_FIELDS
from content.people.models import User
from content.people.models.users import new_participant_username
from content.people.services.accounts import record_identity_changes

IMPORT_BATCH = 1000


def participants_import(*, preview, by):
    """Apply a checked import in one transaction: every row, or (on any failure) none.

    People are created or updated in bulk. Should someone else register the same NIP, NIK or
    email between the preview and this call, the unique constraints fail the whole transaction.
    Identifiers the import changes are recorded as changes by `by`, and the old addresses told.
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
            User.objects.bulk_update(
                [row.user for row in changed], PROFILE_FIELDS, batch_size=IMPORT_BATCH
            )
            record_identity_changes([(row.before, row.user) for row in changed], by=by)
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
