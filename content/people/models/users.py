import secrets

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower

from content.base.changes import NotifyingQuerySet
from content.people.identity import (
    ASN_GROUPS,
    Gender,
    IdentityRefused,
    ParticipantGroup,
    identity_check,
    parse_email,
)


class Rank(models.TextChoices):
    """Pangkat/golongan of PNS (PP 99/2000)."""

    I_A = "I/a", "Juru Muda (I/a)"
    I_B = "I/b", "Juru Muda Tingkat I (I/b)"
    I_C = "I/c", "Juru (I/c)"
    I_D = "I/d", "Juru Tingkat I (I/d)"
    II_A = "II/a", "Pengatur Muda (II/a)"
    II_B = "II/b", "Pengatur Muda Tingkat I (II/b)"
    II_C = "II/c", "Pengatur (II/c)"
    II_D = "II/d", "Pengatur Tingkat I (II/d)"
    III_A = "III/a", "Penata Muda (III/a)"
    III_B = "III/b", "Penata Muda Tingkat I (III/b)"
    III_C = "III/c", "Penata (III/c)"
    III_D = "III/d", "Penata Tingkat I (III/d)"
    IV_A = "IV/a", "Pembina (IV/a)"
    IV_B = "IV/b", "Pembina Tingkat I (IV/b)"
    IV_C = "IV/c", "Pembina Utama Muda (IV/c)"
    IV_D = "IV/d", "Pembina Utama Madya (IV/d)"
    IV_E = "IV/e", "Pembina Utama (IV/e)"


def new_participant_username():
    """Participants log in with NIP, NIK or email; the username is only an internal handle."""
    return f"peserta-{secrets.token_hex(6)}"


class AccountManager(UserManager.from_queryset(NotifyingQuerySet)):
    """Django's UserManager, whose bulk writes (participant imports, erasure) tell the caches
    that count people, as saves do (content/base/changes.py)."""


class User(AbstractUser):
    """Staff (editors, moderators, organizers) and participants share this model.

    A participant is a user with a participant group. One person, one record: NIP and NIK are
    unique when present and emails are unique whatever their case (database constraints).
    """

    full_name = models.CharField(
        "nama lengkap", max_length=200, blank=True, help_text="Beserta gelar, seperti tertulis."
    )
    participant_group = models.CharField(
        "kelompok", max_length=8, choices=ParticipantGroup.choices, blank=True
    )
    nip = models.CharField("NIP", max_length=18, null=True, blank=True, unique=True)
    nik = models.CharField("NIK", max_length=16, null=True, blank=True, unique=True)
    agency = models.ForeignKey(
        "people.Agency",
        verbose_name="OPD",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.CharField("jabatan", max_length=200, blank=True)
    rank = models.CharField("pangkat/golongan", max_length=8, choices=Rank.choices, blank=True)
    phone = models.CharField("nomor telepon", max_length=20, blank=True)
    gender = models.CharField("jenis kelamin", max_length=1, choices=Gender.choices, blank=True)
    # When an erasure request cleared this person's data (services/erasure.py). The row stays
    # for the statistics; other apps read this to name no one (a certificate's verification
    # page) and to issue nothing more to it.
    erased_at = models.DateTimeField("data dihapus", null=True, blank=True, editable=False)

    objects = AccountManager()

    class Meta(AbstractUser.Meta):
        verbose_name = "pengguna"
        verbose_name_plural = "pengguna"
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="people_user_email_ci_unique",
                violation_error_message="Email ini sudah terdaftar.",
            ),
            models.CheckConstraint(
                condition=models.Q(nip__isnull=True)
                | models.Q(participant_group__in=[g.value for g in ASN_GROUPS]),
                name="people_user_nip_only_for_asn",
            ),
            # The canonical forms (identity.py): ASCII digits only, emails in lower-case ASCII.
            # The unique constraints above compare these, so a look-alike spelling cannot make
            # a second account.
            models.CheckConstraint(
                condition=models.Q(nip__isnull=True) | models.Q(nip__regex=r"^[0-9]{18}$"),
                name="people_user_nip_canonical",
            ),
            models.CheckConstraint(
                condition=models.Q(nik__isnull=True) | models.Q(nik__regex=r"^[0-9]{16}$"),
                name="people_user_nik_canonical",
            ),
            models.CheckConstraint(
                condition=models.Q(email__regex=r"^[!-~]*$") & models.Q(email=Lower("email")),
                name="people_user_email_canonical",
            ),
        ]

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    # The NIK as loaded from the database (from_db); None for a new user.
    _stored_nik = None

    @classmethod
    def from_db(cls, db, field_names, values):
        user = super().from_db(db, field_names, values)
        user._stored_nik = dict(zip(field_names, values, strict=False)).get("nik")
        return user

    def save(self, *args, **kwargs):
        if not self.username and self.participant_group:
            self.username = new_participant_username()
        super().save(*args, **kwargs)

    @property
    def is_participant(self):
        return bool(self.participant_group)

    @property
    def is_asn(self):
        return self.participant_group in ASN_GROUPS

    @property
    def is_staff_account(self):
        """Anyone who works in the admin (a group, staff or superuser), even with a participant
        group: such accounts are never handled through the participant screens or imports."""
        has_role = getattr(self, "has_staff_role", None)
        if has_role is None:
            has_role = self.groups.exists()
        return self.is_staff or self.is_superuser or has_role

    def clean(self):
        """The identity rules, for every form that edits a participant (admin, import, sign-up):
        the email's spelling here, the NIP/NIK rules from their one door (identity_check)."""
        super().clean()
        errors = {}
        if self.email:
            # Every form that stores an address comes here (sign-up, Akun saya, the admin's
            # participant and staff forms, imports): one parser, one canonical spelling.
            try:
                self.email = parse_email(self.email)
            except ValidationError as error:
                errors["email"] = error.messages
        try:
            checked = identity_check(
                participant_group=self.participant_group,
                nip=self.nip,
                nik=self.nik,
                rank=self.rank,
                gender=self.gender,
                stored_nik=self._stored_nik,
            )
        except IdentityRefused as refusal:
            checked = refusal.checked
            errors.update(refusal.message_dict)
        self.nip, self.nik, self.gender = checked.nip, checked.nik, checked.gender
        if errors:
            raise ValidationError(errors)


class ParticipantManager(AccountManager):
    """Participants, and never an account that works in the admin (see is_staff_account)."""

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .exclude(participant_group="")
            .filter(is_staff=False, is_superuser=False, groups=None)
        )


class Participant(User):
    """Participants only, for the admin screens organizers and analysts use."""

    objects = ParticipantManager()

    class Meta:
        proxy = True
        verbose_name = "peserta"
        verbose_name_plural = "peserta"
        permissions = [("import_participant", "Dapat mengimpor peserta")]
