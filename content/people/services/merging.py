"""Merging two accounts of one person into one (an organizer's decision, on proof).

A merge moves one account's records into another, so it needs what any change of a login
identifier needs (identity_control.py), for EACH account: the person showed control of it (its
password when they asked from Akun saya, or a link sent to its email that they followed), or,
for an account with neither a password nor an email, the organizer checked them in person and
recorded it. A stranger who shares the name and OPD has neither. And a merge never gives the
kept account a credential its owner has not confirmed: passwords never move, and the merged
account's email becomes the kept account's only after a link sent to it is followed.

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

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from content.base import task_queue, throttle
from content.base.errors import NotAllowed
from content.people import confirmation_links
from content.people.identity import IdentifierKind, mask, normalize_number
from content.people.merging import merge_handlers
from content.people.models import (
    IdentityChange,
    InPersonCheck,
    MergeRecord,
    MergeRequest,
    ParticipantGroup,
    Proof,
    User,
)
from content.people.models.changes import IDENTITY_FIELDS
from content.people.rules import proof_methods
from content.people.services.identity_control import (
    LINK_INVALID,
    PASSWORD_TRIES,
    TOO_MANY_TRIES,
    WRONG_PASSWORD,
    ControlProof,
    check_password,
    identity_change_after_merge,
    notify_old_address,
    prove_control,
)

MERGE_PERMISSION = "people.add_mergerecord"
SAME_ACCOUNT = "Pilih dua akun yang berbeda."
ALREADY_MERGED = "Akun {} sudah digabungkan ke akun lain sebelumnya; tidak ada yang diubah."
INACTIVE = "Akun {} tidak aktif; aktifkan dulu bila memang akan dipertahankan."
NOT_PARTICIPANTS = "Hanya akun peserta yang dapat digabungkan, bukan akun petugas."
NOT_ALLOWED = "Hanya penyelenggara yang dapat menggabungkan akun peserta."
NOT_PROVEN = (
    "Kendali akun {} belum terbukti: pemiliknya belum mengonfirmasi lewat kata sandi atau "
    "tautan di emailnya. Kirim tautan konfirmasi, atau (hanya untuk akun tanpa email dan kata "
    "sandi) catat pemeriksaan langsung."
)


def _lock(*users):
    locked = User.objects.select_for_update().filter(pk__in=[u.pk for u in users]).order_by("pk")
    by_pk = {user.pk: user for user in locked}
    return [by_pk.get(user.pk) for user in users]


def _masked(user):
    return {field: mask(kind, getattr(user, field) or "") for field, kind in IDENTITY_FIELDS}


def _take_identifiers(survivor, loser, by, note):
    """The NIP and NIK the survivor lacks come from the loser; the loser keeps none, and is
    deactivated with an unusable password. Each change is logged (masked) and told to the
    address its account had. The loser's email is not given to the survivor: returns it when
    the survivor has none, for a confirmation link (identity_change_after_merge)."""
    taken, changes = [], []
    values = {field: getattr(loser, field) or "" for field, _ in IDENTITY_FIELDS}
    loser.nip, loser.nik, loser.email = None, None, ""
    loser.is_active = False
    loser.username = f"digabung-{secrets.token_hex(6)}"
    loser.set_unusable_password()
    loser.save(update_fields=["nip", "nik", "email", "is_active", "username", "password"])
    logged = {"loser": [], "survivor": []}
    for field, kind in IDENTITY_FIELDS:
        value = values[field]
        if not value:
            continue
        proof = {"proof": Proof.MERGE, "proof_note": note[:300], "changed_by": by}
        logged["loser"].append(
            IdentityChange(user=loser, identifier=kind, old_value=mask(kind, value), **proof)
        )
        if getattr(survivor, field) or kind == IdentifierKind.EMAIL:
            continue
        setattr(survivor, field, value)
        taken.append(field)
        change = IdentityChange(
            user=survivor, identifier=kind, new_value=mask(kind, value), **proof
        )
        if field == "nip":
            # A NIP is an ASN's: the survivor takes the group that came with it.
            change.group_before = survivor.participant_group
            change.group_after = loser.participant_group
            change.effective_date = timezone.localdate()
            survivor.participant_group = loser.participant_group
            pns = survivor.participant_group == ParticipantGroup.PNS
            survivor.rank = (survivor.rank or loser.rank) if pns else ""
        logged["survivor"].append(change)
    if taken:
        survivor.save(update_fields=[*taken, "participant_group", "rank"])
    changes = [*logged["loser"], *logged["survivor"]]
    IdentityChange.objects.bulk_create(changes)
    notify_old_address(values["email"], logged["loser"])
    notify_old_address(survivor.email, logged["survivor"])
    email_for_survivor = values["email"] if values["email"] and not survivor.email else ""
    return taken, email_for_survivor


def _pair_request(first, second, *, lock=False):
    """The pending request about this pair of accounts, whichever asked, or None."""
    requests = MergeRequest.objects.filter(
        Q(requester=first, other=second) | Q(requester=second, other=first),
        status=MergeRequest.Status.PENDING,
    ).order_by("pk")
    if lock:
        requests = requests.select_for_update()
    return requests.first()


def merge_proofs(survivor, loser, *, by, in_person=None, request=None):
    """{account pk: description} of how control of each account was shown, or NotAllowed /
    ValidationError naming the account whose control is not. `in_person` maps an account pk
    to the organizer's ControlProof.in_person, accepted only for accounts with neither a
    password nor an email (rules.proof_methods)."""
    shown = {}
    for account in (survivor, loser):
        if request is not None and request.confirmed_at_for(account):
            shown[account.pk] = Proof(request.proof_for(account)).label
            continue
        given = (in_person or {}).get(account.pk)
        if given is None or Proof.IN_PERSON not in proof_methods(account, by=by):
            raise NotAllowed(NOT_PROVEN.format(account))
        try:
            prove_control(account, by=by, proof=given)
        except ValidationError as error:
            raise NotAllowed(f"{account}: {' '.join(error.messages)}") from error
        check = InPersonCheck(given.check).label
        shown[account.pk] = f"{Proof.IN_PERSON.label} oleh {by}: {check}; {given.note}"
    return shown


def participants_merge(*, survivor, loser, by, in_person=None):
    """Merge `loser` into `survivor` and return the MergeRecord; NotAllowed (nothing changed)
    when `by` may not merge, the accounts are the same or not both participants, either has
    already been merged away (a doubled or concurrent request finds it so), or control of
    either account has not been shown (merge_proofs; `in_person` for accounts with neither a
    password nor an email)."""
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
            request = _pair_request(survivor, loser, lock=True)
            shown = merge_proofs(survivor, loser, by=by, in_person=in_person, request=request)
            note = f"dipertahankan: {shown[survivor.pk]}; digabungkan: {shown[loser.pk]}"
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
            taken, email = _take_identifiers(survivor, loser, by, note)
            summary["identitas_diambil"] = taken
            summary["bukti_kendali_akun"] = {
                "dipertahankan": shown[survivor.pk],
                "digabungkan": shown[loser.pk],
            }
            if email:
                identity_change_after_merge(survivor=survivor, email=email, by=by, note=note)
                summary["email_menunggu_konfirmasi"] = mask(IdentifierKind.EMAIL, email)
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


def _send_links(merge_request, sides):
    for side in sides:
        task_queue.enqueue_on_commit("people.send_merge_confirmation", merge_request.pk, side)


def merge_request_create(*, user, nip, password, other_password=""):
    """A participant asks organizers to merge their account with the one holding `nip` (their
    NIP, refused when they tried to add it). Returns the pending request, or None when there is
    nothing to ask for: no other participant holds that NIP, or its account can be shown to be
    theirs only with its password, which was not given. A second click returns the same
    request.

    Control of both accounts is asked for: the requester's own current `password` (an open
    session is not enough), and for the other account its password (`other_password`) or,
    left empty, a link sent to that account's email, which the person follows. An account with
    neither a password nor an email waits for the organizer's in-person check at the merge.
    A ValidationError ("password", "other_password") when a password is wrong.

    Nothing here tells whether the NIP is registered (views.request_merge answers alike): this
    account's password is checked before the NIP is looked up, and a password for the other
    account is refused the same way, tries counted per NIP typed, whether or not an account
    holds it."""
    own = prove_control(user, by=user, proof=ControlProof.by_password(password))
    number = normalize_number(nip)
    other = User.objects.filter(nip=number).exclude(pk=user.pk).first()
    usable = other is not None and user.is_participant and not other.is_staff_account
    other_method = None
    if other_password:
        if not throttle.hit("merge-other-password", number, **PASSWORD_TRIES):
            raise ValidationError({"other_password": [TOO_MANY_TRIES]})
        if not usable:
            raise ValidationError({"other_password": [WRONG_PASSWORD]})
        check_password(other, other_password, field="other_password")
        other_method = Proof.PASSWORD
    elif not usable or proof_methods(other, by=None) == []:
        # No account to ask, or one whose owner can show control only by its password.
        return None
    with transaction.atomic():
        merge_request = _pair_request(user, other, lock=True)
        if merge_request is None:
            try:
                with transaction.atomic():
                    merge_request = MergeRequest.objects.create(
                        requester=user, other=other, requested_by=user
                    )
            except IntegrityError:
                merge_request = _pair_request(user, other, lock=True)
        now = timezone.now()
        mine = "requester" if merge_request.requester_id == user.pk else "other"
        theirs = "other" if mine == "requester" else "requester"
        if own and not getattr(merge_request, f"{mine}_confirmed_at"):
            setattr(merge_request, f"{mine}_proof", Proof.PASSWORD)
            setattr(merge_request, f"{mine}_confirmed_at", now)
        if other_method and not getattr(merge_request, f"{theirs}_confirmed_at"):
            setattr(merge_request, f"{theirs}_proof", other_method)
            setattr(merge_request, f"{theirs}_confirmed_at", now)
        merge_request.save()
        _send_links(merge_request, _sides_waiting_for_links(merge_request))
    return merge_request


def _sides_waiting_for_links(merge_request):
    sides = []
    for side, account, confirmed in (
        (confirmation_links.REQUESTER_SIDE, merge_request.requester, "requester_confirmed_at"),
        (confirmation_links.OTHER_SIDE, merge_request.other, "other_confirmed_at"),
    ):
        if not getattr(merge_request, confirmed) and account.email:
            sides.append(side)
    return sides


def merge_request_send_links(*, first, second, by):
    """An organizer asks the owner of each of two accounts to confirm, by a link sent to each
    account's email, that both are theirs (the merge screen). Returns the pending request;
    accounts already proven, or without an email, get no link."""
    if by is None or not by.has_perm(MERGE_PERMISSION):
        raise NotAllowed(NOT_ALLOWED)
    with transaction.atomic():
        merge_request = _pair_request(first, second, lock=True)
        if merge_request is None:
            merge_request = MergeRequest.objects.create(
                requester=first, other=second, requested_by=by
            )
        _send_links(merge_request, _sides_waiting_for_links(merge_request))
    return merge_request


def merge_request_confirm(*, target, accept=True):
    """Follow a merge link: `accept` records that the owner of that account showed control of
    it (the link reached its email); refusing closes the request, so no merge can use it."""
    with transaction.atomic():
        merge_request = MergeRequest.objects.select_for_update().filter(pk=target.pk).first()
        if merge_request is None or not merge_request.link_open(target.side):
            raise NotAllowed(LINK_INVALID)
        if not accept:
            merge_request.status = MergeRequest.Status.CANCELLED
            merge_request.save(update_fields=["status"])
            return merge_request
        field = "requester" if target.side == confirmation_links.REQUESTER_SIDE else "other"
        setattr(merge_request, f"{field}_proof", Proof.EMAIL_LINK)
        setattr(merge_request, f"{field}_confirmed_at", timezone.now())
        merge_request.save()
    return merge_request
