"""Merging two accounts of one person into one (an organizer's decision).

One transaction: the two accounts are locked (in id order, so two merges of the same pair wait
for each other instead of deadlocking), every app above people moves its records through its
registered handler (merging.py), identifiers the survivor lacks move to it, the loser is
deactivated, and a MergeRecord says who did what. If anything fails, nothing has changed.

The loser is deactivated, not deleted: deleting would cascade to anything a handler left on it
(revoked duplicate certificates that must still verify) and to its logs, and the MergeRecord
points at it. It keeps its name for the record but no NIP, NIK or email, so those identify the
survivor (when it lacked them) or are free again for whoever really owns them.
"""

import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.people.identity import mask, normalize_number
from content.people.merging import merge_handlers
from content.people.models import (
    IdentityChange,
    MergeRecord,
    MergeRequest,
    ParticipantGroup,
    User,
)
from content.people.models.changes import IDENTITY_FIELDS

MERGE_PERMISSION = "people.add_mergerecord"
SAME_ACCOUNT = "Pilih dua akun yang berbeda."
ALREADY_MERGED = "Akun {} sudah digabungkan ke akun lain sebelumnya; tidak ada yang diubah."
INACTIVE = "Akun {} tidak aktif; aktifkan dulu bila memang akan dipertahankan."
NOT_PARTICIPANTS = "Hanya akun peserta yang dapat digabungkan, bukan akun petugas."
NOT_ALLOWED = "Hanya penyelenggara yang dapat menggabungkan akun peserta."


def _lock(*users):
    locked = User.objects.select_for_update().filter(pk__in=[u.pk for u in users]).order_by("pk")
    by_pk = {user.pk: user for user in locked}
    return [by_pk.get(user.pk) for user in users]


def _masked(user):
    return {field: mask(kind, getattr(user, field) or "") for field, kind in IDENTITY_FIELDS}


def _take_identifiers(survivor, loser, by):
    """Identifiers the survivor lacks come from the loser; the loser keeps none, and is
    deactivated. Each change is logged (masked). Returns the fields the survivor took."""
    taken, changes = [], []
    values = {field: getattr(loser, field) or "" for field, _ in IDENTITY_FIELDS}
    loser.nip, loser.nik, loser.email = None, None, ""
    loser.is_active = False
    loser.username = f"digabung-{secrets.token_hex(6)}"
    loser.set_unusable_password()
    loser.save(update_fields=["nip", "nik", "email", "is_active", "username", "password"])
    for field, kind in IDENTITY_FIELDS:
        value = values[field]
        if not value:
            continue
        changes.append(
            IdentityChange(user=loser, identifier=kind, old_value=mask(kind, value), changed_by=by)
        )
        if getattr(survivor, field):
            continue
        setattr(survivor, field, value)
        taken.append(field)
        change = IdentityChange(
            user=survivor, identifier=kind, new_value=mask(kind, value), changed_by=by
        )
        if field == "nip":
            # A NIP is an ASN's: the survivor takes the group that came with it.
            change.group_before = survivor.participant_group
            change.group_after = loser.participant_group
            change.effective_date = timezone.localdate()
            survivor.participant_group = loser.participant_group
            pns = survivor.participant_group == ParticipantGroup.PNS
            survivor.rank = (survivor.rank or loser.rank) if pns else ""
        changes.append(change)
    if taken:
        survivor.save(update_fields=[*taken, "participant_group", "rank"])
    IdentityChange.objects.bulk_create(changes)
    return taken


def participants_merge(*, survivor, loser, by):
    """Merge `loser` into `survivor` and return the MergeRecord; NotAllowed (nothing changed)
    when `by` may not merge, the accounts are the same or not both participants, or either
    has already been merged away (a doubled or concurrent request finds it so)."""
    if by is None or not by.has_perm(MERGE_PERMISSION):
        raise NotAllowed(NOT_ALLOWED)
    if survivor.pk == loser.pk:
        raise NotAllowed(SAME_ACCOUNT)
    try:
        with transaction.atomic():
            survivor, loser = _lock(survivor, loser)
            for user in (survivor, loser):
                if user is None or user.is_staff_account or not user.is_participant:
                    raise NotAllowed(NOT_PARTICIPANTS)
                if MergeRecord.objects.filter(loser=user).exists():
                    raise NotAllowed(ALREADY_MERGED.format(user))
                if not user.is_active:
                    raise NotAllowed(INACTIVE.format(user))
            record = MergeRecord.objects.create(
                survivor=survivor,
                loser=loser,
                survivor_label=str(survivor),
                loser_label=str(loser),
                changed_by=by,
            )
            summary = {
                "dipertahankan": {"id": survivor.pk, **_masked(survivor)},
                "digabungkan": {"id": loser.pk, **_masked(loser)},
            }
            for label, handler in merge_handlers():
                summary[label] = handler(survivor=survivor, loser=loser, by=by)
            summary["identitas_diambil"] = _take_identifiers(survivor, loser, by)
            record.summary = summary
            record.save(update_fields=["summary"])
            # The participants' own requests about this pair are answered.
            MergeRequest.objects.filter(
                requester__in=[survivor, loser], other__in=[survivor, loser]
            ).update(status=MergeRequest.Status.DONE)
    except IntegrityError as error:
        # The same loser merged by another request a moment ago (one MergeRecord per loser).
        raise NotAllowed(ALREADY_MERGED.format(loser)) from error
    return record


def merge_request_create(*, user, nip):
    """A participant asks organizers to merge their account with the one holding `nip` (their
    NIP, refused when they tried to add it). Returns the pending request, or None when no
    other participant holds that NIP. A second click returns the same request."""
    other = User.objects.filter(nip=normalize_number(nip)).exclude(pk=user.pk).first()
    if other is None or not user.is_participant or other.is_staff_account:
        return None
    try:
        with transaction.atomic():
            return MergeRequest.objects.create(requester=user, other=other)
    except IntegrityError:
        return MergeRequest.objects.get(
            requester=user, other=other, status=MergeRequest.Status.PENDING
        )
