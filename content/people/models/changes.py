from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord
from content.people.identity import IdentifierKind

# The identifiers whose change by someone else is recorded, with their kind.
IDENTITY_FIELDS = (
    ("email", IdentifierKind.EMAIL),
    ("nip", IdentifierKind.NIP),
    ("nik", IdentifierKind.NIK),
)


def identity_of(user):
    """The identifiers of `user` as they are now, to compare after a change."""
    return {field: getattr(user, field) or "" for field, _ in IDENTITY_FIELDS}


class IdentityChange(ChangeLogRecord):
    """Someone other than the person changed their email, NIP or NIK: who, when, and a masked
    trace of the old and new values. The old address is told (see tasks.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="identity_changes",
    )
    identifier = models.CharField("data", max_length=8, choices=IdentifierKind.choices)
    old_value = models.CharField("nilai lama (disamarkan)", max_length=120, blank=True)
    new_value = models.CharField("nilai baru (disamarkan)", max_length=120, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "perubahan identitas"
        verbose_name_plural = "perubahan identitas"

    def __str__(self):
        return f"{self.get_identifier_display()} {self.user}: {self.old_value} → {self.new_value}"
