"""A participant's new NIP: a PTT (honorer) appointed PPPK or PNS keeps their history.

The account stays the same, so attendance, quiz attempts and certificates stay with it; the
group changes from the effective date on. Records of events before that date keep the group
they were made with (apps register how they restamp later ones: regrouping.py), so last year's
statistics do not change. Certificates keep the identity printed on them when issued.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from content.base.errors import NotAllowed
from content.base.spreadsheets import ImportRejected, RowAction
from content.people.identity import (
    ASN_GROUPS,
    IdentityRefused,
    group_for_nip,
    identity_check,
    normalize_number,
)
from content.people.models import ParticipantGroup, User
from content.people.services.identity_control import identity_change_request

NIP_TAKEN_MESSAGE = (
    "NIP ini sudah terdaftar pada akun lain. Bila akun itu juga milik Anda, jangan membuat akun "
    "baru: hubungi penyelenggara dan minta kedua akun digabungkan (sebutkan nama, OPD, dan NIP "
    "Anda). Riwayat kehadiran, kuis, dan sertifikat dari kedua akun akan disatukan."
)
HAS_OTHER_NIP_MESSAGE = (
    "Akun ini sudah memiliki NIP lain. Perbaikan NIP dilakukan oleh penyelenggara."
)
ASN_GROUP_MESSAGE = "Kelompok baru harus PPPK atau PNS."
NOT_A_PARTICIPANT = "NIP hanya ditambahkan pada akun peserta, bukan akun petugas."


def _nip_taken():
    return ValidationError(NIP_TAKEN_MESSAGE, code="nip_taken")


def check_new_nip(nip, *, group=None, effective_date=None, today=None):
    """(nip, group, effective date, gender) for a NIP to add, or a ValidationError listing
    every problem by field ("nip", "participant_group", "effective_date"). Writes nothing."""
    today = today or timezone.localdate()
    errors = {}
    number = normalize_number(nip)
    if group and group not in ASN_GROUPS:
        errors["participant_group"] = [ASN_GROUP_MESSAGE]
    group = group or group_for_nip(number)
    effective_date = effective_date or today
    try:
        checked = identity_check(
            # The NIP is read for the group asked; a group that is no ASN's (refused above) is
            # read as a PPPK's, whose NIP says least.
            participant_group=group if group in ASN_GROUPS else ParticipantGroup.PPPK,
            # A NIP to add is always named: an empty one is refused for its digits ("wajib
            # diisi" is what a form with an empty NIP field says).
            nip=number or " ",
            effective_date=effective_date,
            today=today,
        )
    except IdentityRefused as refusal:
        errors.update(refusal.message_dict)
    if errors:
        raise ValidationError(errors)
    return number, group, effective_date, checked.gender


def participant_add_nip(
    *, participant, nip, by, proof=None, group=None, effective_date=None, today=None
):
    """Give `participant` (a PTT, or anyone without a NIP) the NIP they were appointed with.

    The group becomes `group` (PPPK or PNS; by default what the NIP says, see group_for_nip)
    from `effective_date` (default today; never in the future) on. Refused with a clear
    message, changing nothing, when the NIP is invalid or another account holds it (the unique
    constraint decides under concurrency) or the account already has another NIP.

    A NIP is a login identifier, so control of the account is shown first
    (identity_control.py): the owner's password (`proof`), or a link to the account's email
    that its owner follows (the NIP waits until then), or for an account with neither an
    organizer's in-person check. Returns the identity_control Outcome, or None when the
    account already has this NIP.
    """
    number, group, effective_date, gender = check_new_nip(
        nip, group=group, effective_date=effective_date, today=today
    )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=participant.pk)
        if user.is_staff_account or not user.is_participant:
            raise NotAllowed(NOT_A_PARTICIPANT)
        if user.nip == number:
            return None
        if user.nip:
            raise ValidationError({"nip": [HAS_OTHER_NIP_MESSAGE]})
        if User.objects.filter(nip=number).exclude(pk=user.pk).exists():
            raise ValidationError({"nip": [_nip_taken()]})
        outcome = identity_change_request(
            user=user,
            by=by,
            changes={"nip": number, "participant_group": group, "effective_date": effective_date},
            proof=proof,
        )
    participant.refresh_from_db()
    return outcome


def participants_add_nips(*, preview, by):
    """Apply a checked list of new NIPs (nip_importing.py) in one transaction: every row, or
    (on any refusal, e.g. a NIP registered by someone else since the preview) none. Each NIP
    waits for its owner to follow the link sent to the account's email (proof of control)."""
    preview.require_ok()
    rows = [row for row in preview.rows if row.action == RowAction.UPDATED]
    try:
        with transaction.atomic():
            for row in rows:
                participant_add_nip(
                    participant=row.user,
                    nip=row.nip,
                    group=row.group,
                    effective_date=row.effective_date,
                    by=by,
                )
    except (ValidationError, NotAllowed) as error:
        raise ImportRejected(
            "Data peserta berubah selama impor (NIP yang sama baru saja didaftarkan atau "
            "akunnya berubah). Tidak ada data yang diimpor; silakan ulangi pratinjau."
        ) from error
    return {RowAction.UPDATED: len(rows), RowAction.UNCHANGED: preview.count(RowAction.UNCHANGED)}
