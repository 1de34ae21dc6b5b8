from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord
from content.people.identity import IdentifierKind
from content.people.models.users import ParticipantGroup

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
    """An email, NIP or NIK changed: who, when, and a masked trace of the old and new values.
    Changes by someone other than the person are told to the old address (see tasks.py).

    A NIP added to a PTT's account (appointed PPPK or PNS) also records the group before and
    after and the date from which the new group holds: records of events before that date keep
    the group they were made with (services/identity_changes.py).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="identity_changes",
    )
    identifier = models.CharField("data", max_length=8, choices=IdentifierKind.choices)
    old_value = models.CharField("nilai lama (disamarkan)", max_length=120, blank=True)
    new_value = models.CharField("nilai baru (disamarkan)", max_length=120, blank=True)
    group_before = models.CharField(
        "kelompok sebelumnya", max_length=8, choices=ParticipantGroup.choices, blank=True
    )
    group_after = models.CharField(
        "kelompok baru", max_length=8, choices=ParticipantGroup.choices, blank=True
    )
    effective_date = models.DateField("berlaku sejak", null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "perubahan identitas"
        verbose_name_plural = "perubahan identitas"

    def __str__(self):
        return f"{self.get_identifier_display()} {self.user}: {self.old_value} → {self.new_value}"
