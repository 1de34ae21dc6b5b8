"""Accounts: sign-up, an organizer's edits, the person's own contact details. An email, NIP or
NIK changed by someone other than its owner is recorded and the old address is told."""

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.people.backends import account_identifier_keys
from content.people.identity import IdentifierKind, mask
from content.people.models import IdentityChange, User
from content.people.models.changes import IDENTITY_FIELDS, identity_of
from content.people.models.users import new_participant_username
from content.people.regrouping import group_change_handlers
from content.people.tasks import send_identity_change_notice

DUPLICATE_MESSAGE = (
    "NIP, NIK, atau email ini sudah terdaftar. Silakan masuk, atau atur ulang kata sandi bila lupa."
)


def record_identity_changes(people, *, by, group_change=None):
    """For each (identifiers before, user after) pair: log what `by` changed and tell the
    address the account had before. Call inside the transaction that saves the users.
    `group_change` (group before, group after, effective date) goes on a changed NIP's record,
    as participant_add_nip writes it."""
    notices = {}
    changes = []
    for before, user in people:
        for field, kind in IDENTITY_FIELDS:
            old, new = before[field], getattr(user, field) or ""
            if old == new:
                continue
            change = IdentityChange(
                user=user,
                identifier=kind,
                old_value=mask(kind, old),
                new_value=mask(kind, new),
                changed_by=by,
            )
            if group_change and kind == IdentifierKind.NIP:
                change.group_before, change.group_after, change.effective_date = group_change
            changes.append(change)
            if before["email"]:
                notices.setdefault(before["email"], []).append(change)
    IdentityChange.objects.bulk_create(changes)
    for address, sent in notices.items():
        ids = [change.pk for change in sent]
        transaction.on_commit(
            lambda address=address, ids=ids: send_identity_change_notice.enqueue(address, ids)
        )
    return changes


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


def participant_save(*, participant, by, group_since=None):
    """Save a participant an organizer created or edited in the admin (the form has already
    applied User.clean). New people log in once they choose a password via "Lupa kata sandi".
    Accounts that work in the admin are never changed here.

    A changed group takes effect from `group_since` (default today): records of events from
    then on take it, earlier ones keep the group they were made with (regrouping.py)."""
    adding = participant._state.adding
    if adding:
        participant.username = participant.username or new_participant_username()
        participant.set_unusable_password()
    try:
        with transaction.atomic():
            if not adding:
                stored = User.objects.select_for_update().get(pk=participant.pk)
                if stored.is_staff_account:
                    raise NotAllowed("Akun petugas tidak diubah lewat data peserta.")
                before = identity_of(stored)
            participant.save()
            group_change = None
            if not adding and stored.participant_group != participant.participant_group:
                since = group_since or timezone.localdate()
                group_change = (stored.participant_group, participant.participant_group, since)
                for _label, restamp in group_change_handlers():
                    restamp(
                        participant=participant, group=participant.participant_group, since=since
                    )
            if not adding and by.pk != participant.pk:
                record_identity_changes([(before, participant)], by=by, group_change=group_change)
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


def login_lockouts_clear(*, user):
    """Forget the failed logins of every identifier of `user`, from every address: called when
    its owner proved control by completing a password reset, so an attacker who locked the
    account (from the venue's shared address, or from many) cannot keep its owner out."""
    deleted, _ = AccessAttempt.objects.filter(username__in=account_identifier_keys(user)).delete()
    return deleted
