import datetime

from django.conf import settings
from django.db import models

from content.base.models import ChangeLogRecord, OperationalRecord
from content.people.identity import IdentifierKind
from content.people.models.users import ParticipantGroup

# The identifiers whose change by someone else is recorded, with their kind.
IDENTITY_FIELDS = (
    ("email", IdentifierKind.EMAIL),
    ("nip", IdentifierKind.NIP),
    ("nik", IdentifierKind.NIK),
)


class Proof(models.TextChoices):
    """How control of an account was shown before one of its login identifiers changed (the
    rule is services/identity_control.py)."""

    PASSWORD = "sandi", "Kata sandi akun"
    EMAIL_LINK = "tautan", "Tautan ke email akun"
    IN_PERSON = "langsung", "Diperiksa langsung oleh penyelenggara"
    MERGE = "gabung", "Penggabungan akun (kendali kedua akun terbukti)"


class InPersonCheck(models.TextChoices):
    """What an organizer looked at when the account offers no password and no email."""

    KTP = "ktp", "KTP diperiksa langsung"
    SK = "sk", "SK pengangkatan diperiksa langsung"
    KTP_SK = "ktp_sk", "KTP dan SK diperiksa langsung"


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
    # Blank on records made before proof of control was asked.
    proof = models.CharField("bukti kendali akun", max_length=10, choices=Proof.choices, blank=True)
    in_person_check = models.CharField(
        "pemeriksaan langsung", max_length=10, choices=InPersonCheck.choices, blank=True
    )
    proof_note = models.CharField("catatan pemeriksaan", max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = "perubahan identitas"
        verbose_name_plural = "perubahan identitas"

    def __str__(self):
        return f"{self.get_identifier_display()} {self.user}: {self.old_value} → {self.new_value}"


class PendingIdentityChange(OperationalRecord):
    """A change of an account's email, NIP or NIK that waits for confirmation links.

    Nothing in the account changes until every link it needs has been followed: the one sent to
    the address on file (proof of control, when no password or in-person check gave it) and
    the one sent to a new address (its owner confirms it is theirs). Links are signed,
    time-limited and single-use (confirmation_links.py); a new request replaces the pending
    one. `changes` maps the fields to their new values ("email", "nip", "nik", and with a NIP
    the "participant_group" that comes with it and its "effective_date").
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Menunggu konfirmasi"
        APPLIED = "applied", "Diterapkan"
        CANCELLED = "cancelled", "Dibatalkan"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="pengguna",
        on_delete=models.CASCADE,
        related_name="pending_identity_changes",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="diminta oleh",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField("diminta", auto_now_add=True)
    changes = models.JSONField("perubahan", default=dict)
    proof = models.CharField("bukti kendali akun", max_length=10, choices=Proof.choices)
    in_person_check = models.CharField(
        "pemeriksaan langsung", max_length=10, choices=InPersonCheck.choices, blank=True
    )
    proof_note = models.CharField("catatan pemeriksaan", max_length=300, blank=True)
    account_confirmed_at = models.DateTimeField("kendali akun terbukti", null=True, blank=True)
    email_confirmed_at = models.DateTimeField("email baru dikonfirmasi", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=Status.choices, default=Status.PENDING
    )
    closed_at = models.DateTimeField("selesai", null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = "perubahan identitas menunggu konfirmasi"
        verbose_name_plural = "perubahan identitas menunggu konfirmasi"
        constraints = [
            # One pending change per account: a new request replaces the old one.
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="people_one_pending_identity_change",
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    def expires_at(self):
        return self.requested_at + datetime.timedelta(
            seconds=settings.IDENTITY_CONFIRMATION_TIMEOUT
        )

    def expired(self, now):
        return self.expires_at() < now

    def link_open(self, side, now):
        """Whether a link for `side` ("akun": the address on file; "email": the new address)
        may still be followed: the change is pending, not expired, that side unconfirmed."""
        if self.status != self.Status.PENDING or self.expired(now):
            return False
        if side == "akun":
            return self.account_confirmed_at is None
        return bool(self.new_email) and self.email_confirmed_at is None

    @property
    def new_email(self):
        return self.changes.get("email")

    @property
    def needs_account_link(self):
        return self.account_confirmed_at is None

    @property
    def needs_email_link(self):
        return bool(self.new_email) and self.email_confirmed_at is None
