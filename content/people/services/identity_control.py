"""Proof of control before a login identifier changes: the one rule, for every path.

An account's email, NIP or NIK (the names it logs in with; the email also receives its password
reset links) changes only when control of that account has been shown, in one of three ways,
chosen by what the account has (rules.proof_methods):

- its current password, typed by its owner now (Akun saya: a new email, a NIP, a merge
  request). Tries are counted per account (PASSWORD_TRIES), so an open session cannot guess it;
- otherwise a link sent to the address already on file, followed by its owner: the change waits
  until then (an organizer's edit, add-NIP screen or import; an owner without a password);
- for an account with neither a usable password nor an email, an organizer's in-person check,
  recorded with who checked, what (InPersonCheck: KTP, SK) and a note.

A new email is never set before its owner follows the link sent to it. Every applied change is
logged (IdentityChange: masked values, who, how control was shown) and told to the address the
account had before. A new request replaces the one pending.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base import task_queue, throttle
from content.base.errors import NotAllowed
from content.base.text_rules import is_visible
from content.people import confirmation_links
from content.people.identity import (
    IdentifierKind,
    IdentityRefused,
    identity_check,
    mask,
    parse_email,
)
from content.people.models import (
    IdentityChange,
    InPersonCheck,
    ParticipantGroup,
    PendingIdentityChange,
    Proof,
    User,
)
from content.people.models.changes import IDENTITY_FIELDS
from content.people.regrouping import group_change_handlers
from content.people.rules import proof_methods

PASSWORD_TRIES = {"limit": 5, "seconds": 15 * 60}
WRONG_PASSWORD = "Kata sandi salah."
TOO_MANY_TRIES = (
    "Terlalu banyak percobaan kata sandi untuk akun ini. Tunggu 15 menit lalu coba lagi."
)
OWNER_ONLY = (
    "Akun ini memiliki kata sandi tetapi tidak memiliki email, jadi hanya pemiliknya yang dapat "
    "mengubah data loginnya: dari Akun saya, dengan kata sandinya."
)
NO_WAY_FOR_OWNER = (
    "Akun ini belum memiliki kata sandi maupun email. Temui penyelenggara dengan KTP atau SK "
    "Anda untuk pemeriksaan langsung."
)
IN_PERSON_NEEDED = (
    "Akun ini tidak memiliki email maupun kata sandi. Periksa KTP atau SK orangnya secara "
    "langsung, lalu pilih yang diperiksa dan tulis catatannya."
)
IN_PERSON_NOT_HERE = (
    "Pemeriksaan langsung hanya untuk akun tanpa email dan kata sandi. Akun ini dikonfirmasi "
    "pemiliknya lewat tautan ke emailnya: kosongkan isian pemeriksaan langsung."
)
IN_PERSON_NOTE_NEEDED = "Tulis catatan pemeriksaan (misalnya nomor SK dan siapa yang datang)."
NOT_FOR_STAFF = "Data login akun petugas tidak diubah lewat data peserta."
TAKEN = "{} ini sudah dipakai akun lain."
LINK_INVALID = (
    "Tautan ini tidak berlaku lagi: sudah dipakai, dibatalkan, diganti permintaan baru, atau "
    "kedaluwarsa. Bila perubahan masih diperlukan, ajukan lagi."
)
NOT_APPLIED = "Perubahan tidak dapat diterapkan: {} Tidak ada yang diubah."
LOGIN_FIELDS = ("email", "nip", "nik")
KIND_OF = dict(IDENTITY_FIELDS)


@dataclass(frozen=True)
class ControlProof:
    """What the person or organizer gave to show control of the account."""

    method: str
    password: str = ""
    check: str = ""
    note: str = ""

    @classmethod
    def by_password(cls, password):
        return cls(Proof.PASSWORD, password=password or "")

    @classmethod
    def in_person(cls, check, note):
        return cls(Proof.IN_PERSON, check=check or "", note=(note or "").strip())


@dataclass
class Outcome:
    """What a request did: the changes applied now, and the change left waiting for links."""

    applied: list = field(default_factory=list)
    pending: PendingIdentityChange | None = None
    # Why a fully confirmed change could not be applied (a value taken in the meantime).
    refused: str = ""


def check_password(user, password, *, field="password"):
    """The account's current password, or a ValidationError on `field`. Every try counts
    against the account (PASSWORD_TRIES), right or wrong, wherever it is asked."""
    if not throttle.hit("identity-password", user.pk, **PASSWORD_TRIES):
        raise ValidationError({field: [TOO_MANY_TRIES]})
    if not password or not user.has_usable_password() or not user.check_password(password):
        raise ValidationError({field: [WRONG_PASSWORD]})


def prove_control(user, *, by, proof=None):
    """Check `proof` against the rule. True when control is shown now (password, in-person
    check), False when the change must wait for the link to the address on file; a
    ValidationError (on "password", "in_person_check" or "proof_note" where it belongs) when
    neither."""
    allowed = proof_methods(user, by=by)
    method = proof.method if proof else None
    if method == Proof.IN_PERSON and Proof.IN_PERSON not in allowed:
        raise ValidationError({"in_person_check": [IN_PERSON_NOT_HERE]})
    if method is None or method not in allowed:
        if Proof.EMAIL_LINK in allowed:
            return False
        if Proof.IN_PERSON in allowed:
            raise ValidationError({"in_person_check": [IN_PERSON_NEEDED]})
        if Proof.PASSWORD in allowed:
            raise ValidationError({"password": [WRONG_PASSWORD]})
        own = by is not None and by.pk == user.pk
        raise ValidationError(NO_WAY_FOR_OWNER if own else OWNER_ONLY)
    if method == Proof.PASSWORD:
        check_password(user, proof.password)
        return True
    if method == Proof.IN_PERSON:
        if proof.check not in InPersonCheck.values:
            raise ValidationError({"in_person_check": [IN_PERSON_NEEDED]})
        # Letters or digits a reader can see: a Hangul filler is a letter that draws nothing.
        if not any(char.isalnum() and is_visible(char) for char in proof.note):
            raise ValidationError({"proof_note": [IN_PERSON_NOTE_NEEDED]})
        return True
    return False


def _clean_changes(user, changes):
    """The requested identifiers in their canonical form, without those already held; a
    ValidationError by field for a bad or taken one."""
    cleaned, errors = {}, {}
    checked, refused = _numbers_checked(user, changes)
    for name in LOGIN_FIELDS:
        if name not in changes:
            continue
        value = changes[name] or ""
        if value and name in refused:
            errors[name] = refused[name]
            continue
        try:
            if value and name == "email":
                value = parse_email(value)
            elif value:
                value = getattr(checked, name)
        except ValidationError as error:
            errors[name] = error.messages
            continue
        if value == (getattr(user, name) or ""):
            continue
        lookup = {"email__iexact" if name == "email" else name: value}
        if value and User.objects.filter(**lookup).exclude(pk=user.pk).exists():
            errors[name] = [TAKEN.format(KIND_OF[name].label)]
            continue
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    if "nip" in cleaned:
        for extra in ("participant_group", "effective_date"):
            if changes.get(extra):
                value = changes[extra]
                cleaned[extra] = value.isoformat() if hasattr(value, "isoformat") else value
    return cleaned


def _numbers_checked(user, changes):
    """The account's NIP and NIK as they would be after `changes`, through the identity rules'
    one door (identity_check), for the group the account would have: (CheckedIdentity,
    {field: messages}). Only the messages of a field the change names count: the others are
    the account's own, checked when they were stored."""
    facts = {name: changes.get(name) or getattr(user, name) for name in ("nip", "nik")}
    try:
        checked = identity_check(
            participant_group=changes.get("participant_group") or user.participant_group,
            stored_nik=user.nik,
            **facts,
        )
    except IdentityRefused as refusal:
        return refusal.checked, refusal.message_dict
    return checked, {}


def _lock(user):
    return User.objects.select_for_update().get(pk=user.pk)


def _cancel_pending(user):
    PendingIdentityChange.objects.filter(
        user=user, status=PendingIdentityChange.Status.PENDING
    ).update(status=PendingIdentityChange.Status.CANCELLED, closed_at=timezone.now())


def identity_change_request(*, user, by, changes, proof=None):
    """Ask for a change of `user`'s email, NIP or NIK (`changes`: field -> new value, "" to
    clear; a NIP may bring "participant_group" and "effective_date"). Returns an Outcome:
    what was applied now, and what waits for confirmation links. A ValidationError (by field,
    in Indonesian) when control is not shown or a value is bad or taken; nothing changes then.
    """
    with transaction.atomic():
        user = _lock(user)
        if user.is_staff_account and (by is None or by.pk != user.pk):
            raise NotAllowed(NOT_FOR_STAFF)
        changes = _clean_changes(user, changes)
        if not changes:
            return Outcome()
        proven_now = prove_control(user, by=by, proof=proof)
        _cancel_pending(user)
        new_email = changes.get("email")
        if proven_now:
            now_part = {k: v for k, v in changes.items() if k != "email" or not v}
            applied = _apply(user, now_part, by=by, proof=proof) if now_part else []
            pending = None
            if new_email:
                pending = _create_pending(user, {"email": new_email}, by=by, proof=proof)
            return Outcome(applied=applied, pending=pending)
        pending = _create_pending(user, changes, by=by, proof=proof, proven=False)
        return Outcome(pending=pending)


def _create_pending(user, changes, *, by, proof, proven=True):
    pending = PendingIdentityChange.objects.create(
        user=user,
        requested_by=by,
        changes=changes,
        proof=proof.method if proven else Proof.EMAIL_LINK,
        in_person_check=proof.check if proven else "",
        proof_note=proof.note if proven else "",
        account_confirmed_at=timezone.now() if proven else None,
    )
    sides = [] if proven else [confirmation_links.ACCOUNT_SIDE]
    if changes.get("email"):
        sides.append(confirmation_links.EMAIL_SIDE)
    for side in sides:
        task_queue.enqueue_on_commit("people.send_identity_confirmation", pending.pk, side)
    return pending


def identity_change_after_merge(*, survivor, email, by, note):
    """A merge (services/merging.py, which has shown control of both accounts) leaves the
    kept account without an email while the merged one had `email`: the address becomes the
    kept account's only once its owner follows the link sent to it, never by the merge."""
    _cancel_pending(survivor)
    proof = ControlProof(Proof.MERGE, note=note[:300])
    return _create_pending(survivor, {"email": email}, by=by, proof=proof)


def _apply(user, changes, *, by, proof):
    """Set the identifiers of a locked user, restamp a group that came with a NIP, log each
    change and tell the address on file before. A ValidationError when a value was taken in
    the meantime (the unique constraints decide)."""
    before = {name: getattr(user, name) or "" for name in LOGIN_FIELDS}
    group_before = user.participant_group
    for name in LOGIN_FIELDS:
        if name in changes:
            setattr(user, name, changes[name] or ("" if name == "email" else None))
    since = None
    if "nip" in changes:
        user.participant_group = changes.get("participant_group") or user.participant_group
        if user.nip:
            group = user.participant_group
            user.gender = identity_check(participant_group=group, nip=user.nip).gender
        if user.participant_group != ParticipantGroup.PNS:
            user.rank = ""
        since = changes.get("effective_date")
        since = datetime.date.fromisoformat(since) if since else timezone.localdate()
    try:
        with transaction.atomic():
            user.save(update_fields=[*LOGIN_FIELDS, "participant_group", "gender", "rank"])
    except IntegrityError as error:
        taken = [KIND_OF[n].label for n in LOGIN_FIELDS if n in changes and changes[n]]
        raise ValidationError(TAKEN.format("/".join(taken))) from error
    if user.participant_group != group_before:
        for _label, restamp in group_change_handlers():
            restamp(participant=user, group=user.participant_group, since=since)
    logged = []
    for name in LOGIN_FIELDS:
        new = getattr(user, name) or ""
        if before[name] == new:
            continue
        kind = KIND_OF[name]
        change = IdentityChange(
            user=user,
            identifier=kind,
            old_value=mask(kind, before[name]),
            new_value=mask(kind, new),
            changed_by=by,
            proof=proof.method if proof else Proof.EMAIL_LINK,
            in_person_check=proof.check if proof else "",
            proof_note=proof.note if proof else "",
        )
        if kind == IdentifierKind.NIP and user.participant_group != group_before:
            change.group_before, change.group_after = group_before, user.participant_group
            change.effective_date = since
        logged.append(change)
    IdentityChange.objects.bulk_create(logged)
    notify_old_address(before["email"], logged)
    return logged


def notify_old_address(address, changes):
    """Tell `address` (the one on file before) about `changes`, once committed."""
    if address and changes:
        ids = [change.pk for change in changes]
        task_queue.enqueue_on_commit("people.send_identity_change_notice", address, ids)


def identity_change_confirm(*, target, accept=True):
    """Follow a link (a LinkTarget of a pending change): `accept` confirms its side, and the
    change is applied once every side it needs is confirmed; refusing cancels the change.
    Returns the Outcome (a message on `refused` when the change could not be applied); raises
    NotAllowed(LINK_INVALID) for a used, replaced, cancelled or expired link."""
    now = timezone.now()
    with transaction.atomic():
        pending = PendingIdentityChange.objects.select_for_update().filter(pk=target.pk).first()
        if pending is None or not pending.link_open(target.side, now):
            raise NotAllowed(LINK_INVALID)
        if not accept:
            pending.status, pending.closed_at = PendingIdentityChange.Status.CANCELLED, now
            pending.save(update_fields=["status", "closed_at"])
            return Outcome(pending=pending)
        if target.side == confirmation_links.ACCOUNT_SIDE:
            pending.account_confirmed_at = now
        else:
            pending.email_confirmed_at = now
        outcome = Outcome(pending=pending)
        if not (pending.needs_account_link or pending.needs_email_link):
            user = _lock(pending.user)
            proof = ControlProof(
                pending.proof, check=pending.in_person_check, note=pending.proof_note
            )
            try:
                with transaction.atomic():
                    outcome.applied = _apply(
                        user, pending.changes, by=pending.requested_by, proof=proof
                    )
            except ValidationError as error:
                pending.status = PendingIdentityChange.Status.CANCELLED
                outcome.refused = NOT_APPLIED.format(" ".join(error.messages))
            else:
                pending.status = PendingIdentityChange.Status.APPLIED
            pending.closed_at = now
        pending.save()
        return outcome


def identity_change_cancel(*, user):
    """The owner withdraws their pending change (Akun saya). Returns how many were pending."""
    with transaction.atomic():
        return PendingIdentityChange.objects.filter(
            user=user, status=PendingIdentityChange.Status.PENDING
        ).update(status=PendingIdentityChange.Status.CANCELLED, closed_at=timezone.now())
