"""Accounts: sign-up, an organizer's edits, the person's own contact details and email.

An email, NIP or NIK changes only through services/identity_control.py: with proof of control
of the account, a new email only once its owner confirmed it, logged, the old address told."""

from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.people.backends import account_identifier_keys
from content.people.models import User
from content.people.models.users import new_participant_username
from content.people.regrouping import group_change_handlers
from content.people.services.identity_control import (
    LOGIN_FIELDS,
    ControlProof,
    identity_change_request,
)

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


def _hold_identifiers(participant, stored, group_since):
    """The login identifiers the edit changes, put back to their stored values on
    `participant`: they change only through identity_change_request. A group that comes with
    a changed NIP waits with it (a PTT with a pending NIP stays PTT until it is confirmed)."""
    wanted = {}
    for name in LOGIN_FIELDS:
        if (getattr(participant, name) or "") != (getattr(stored, name) or ""):
            wanted[name] = getattr(participant, name) or ""
            setattr(participant, name, getattr(stored, name))
    if "nip" in wanted:
        participant.gender = stored.gender  # User.clean read it from the NIP that waits
    if "nip" in wanted and participant.participant_group != stored.participant_group:
        wanted["participant_group"] = participant.participant_group
        wanted["effective_date"] = group_since or timezone.localdate()
        participant.participant_group = stored.participant_group
        participant.rank = stored.rank
    return wanted


def participant_save(*, participant, by, group_since=None, proof=None):
    """Save a participant an organizer created or edited in the admin (the form has already
    applied User.clean). New people log in once they choose a password via "Lupa kata sandi".
    Accounts that work in the admin are never changed here.

    A changed group takes effect from `group_since` (default today): records of events from
    then on take it, earlier ones keep the group they were made with (regrouping.py). A changed
    email, NIP or NIK needs proof of control of the account (`proof`: an in-person check for
    an account with no password and no email; otherwise a link goes to its email and the
    change waits): identity_control.py. Returns the participant; a ValidationError by field
    when the change is refused, with nothing saved."""
    adding = participant._state.adding
    if adding:
        participant.username = participant.username or new_participant_username()
        participant.set_unusable_password()
    try:
        with transaction.atomic():
            wanted = {}
            if not adding:
                stored = User.objects.select_for_update().get(pk=participant.pk)
                if stored.is_staff_account:
                    raise NotAllowed("Akun petugas tidak diubah lewat data peserta.")
                wanted = _hold_identifiers(participant, stored, group_since)
            participant.save()
            if not adding and stored.participant_group != participant.participant_group:
                since = group_since or timezone.localdate()
                for _label, restamp in group_change_handlers():
                    restamp(
                        participant=participant, group=participant.participant_group, since=since
                    )
            if wanted:
                identity_change_request(user=participant, by=by, changes=wanted, proof=proof)
    except IntegrityError as error:
        raise NotAllowed(
            "NIP, NIK, atau email ini baru saja dipakai peserta lain. Periksa lalu simpan lagi."
        ) from error
    return participant


def participant_update_contact(*, user, phone, position):
    """The person's own phone and position (Akun saya). Not the email: participant_change_email."""
    user.phone, user.position = phone, position
    others = [f.name for f in User._meta.fields if f.name not in ("phone", "position")]
    user.clean_fields(exclude=others)
    User.objects.filter(pk=user.pk).update(phone=user.phone, position=user.position)
    return user


def participant_change_email(*, user, email, password):
    """The person's own new login email (Akun saya): their current password now, and the new
    address set only once its owner follows the link sent to it. Returns the Outcome."""
    return identity_change_request(
        user=user,
        by=user,
        changes={"email": email},
        proof=ControlProof.by_password(password),
    )


def login_lockouts_clear(*, user):
    """Forget the failed logins of every identifier of `user`, from every address: called when
    its owner proved control by completing a password reset, so an attacker who locked the
    account (from the venue's shared address, or from many) cannot keep its owner out."""
    deleted, _ = AccessAttempt.objects.filter(username__in=account_identifier_keys(user)).delete()
    return deleted
