"""Reads for participants and agencies."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower, Substr
from django.utils import timezone

from content.people import confirmation_links
from content.people.account import account_sections
from content.people.duplicates import find_duplicates
from content.people.identity import (
    Identifier,
    IdentifierKind,
    canonical_identifier,
    known_districts,
)
from content.people.models import (
    Agency,
    DeletionRequest,
    Participant,
    PendingIdentityChange,
    Proof,
    User,
)
from content.people.models.merges import MergeRecord, MergeRequest
from content.people.rules import proof_methods

_LOOKUP_FIELD = {
    IdentifierKind.NIP: "nip",
    IdentifierKind.NIK: "nik",
    IdentifierKind.USERNAME: "username",
}
LOOKUP_CHUNK = 500


def active_agencies():
    return Agency.objects.filter(is_active=True).select_related("parent")


def person_by_identifier(text, *, participants_only=False):
    """The account a typed NIP, NIK, email or username names, or None."""
    identifier = canonical_identifier(text)
    if not identifier.value:
        return None
    return people_by_identifiers([identifier], participants_only=participants_only).get(identifier)


def people_by_identifiers(identifiers, *, participants_only=False):
    """{Identifier: User} for the identifiers that name someone, in one query per kind (and per
    LOOKUP_CHUNK values), however many are asked for."""
    wanted = {}
    for identifier in identifiers:
        wanted.setdefault(identifier.kind, set()).add(identifier.value)
    users = Participant.objects.all() if participants_only else User._default_manager.all()
    roles = User.groups.through.objects.filter(user_id=OuterRef("pk"))
    # Emails compare case-insensitively, as the unique constraint on lower(email) does.
    users = users.annotate(email_lower=Lower("email"), has_staff_role=Exists(roles))
    found = {}
    for kind, values in wanted.items():
        field = "email_lower" if kind == IdentifierKind.EMAIL else _LOOKUP_FIELD[kind]
        values = sorted(values)
        for start in range(0, len(values), LOOKUP_CHUNK):
            for user in users.filter(**{f"{field}__in": values[start : start + LOOKUP_CHUNK]}):
                found[Identifier(kind, getattr(user, field))] = user
    return found


def pending_identity_change(user):
    """The change of `user`'s email, NIP or NIK still waiting for a confirmation link (not
    expired), or None."""
    pending = user.pending_identity_changes.filter(
        status=PendingIdentityChange.Status.PENDING
    ).first()
    return None if pending is None or pending.expired(timezone.now()) else pending


def confirmation_link_subject(token):
    """What a confirmation link (confirmation_links.py) is about, while it may still be
    followed: (LinkTarget, PendingIdentityChange or MergeRequest), or None when the token is
    forged or expired, or its change or request was used, replaced or cancelled."""
    target = confirmation_links.read_token(token)
    if target is None:
        return None
    if target.kind == confirmation_links.CHANGE:
        subject = (
            PendingIdentityChange.objects.filter(pk=target.pk)
            .select_related("user", "requested_by")
            .first()
        )
        is_open = subject is not None and subject.link_open(target.side, timezone.now())
    else:
        subject = (
            MergeRequest.objects.filter(pk=target.pk)
            .select_related("requester__agency", "other__agency")
            .first()
        )
        is_open = subject is not None and subject.link_open(target.side)
    return (target, subject) if is_open else None


def participant_deletion_requests():
    """Erasure requests of participants: requests of accounts that work in the admin are never
    shown or decided on the participant screens."""
    return DeletionRequest.objects.filter(Exists(Participant.objects.filter(pk=OuterRef("user"))))


def pending_deletion_request(user):
    return user.deletion_requests.filter(status=DeletionRequest.Status.PENDING).first()


def participant_data_export(user):
    """Everything the platform holds about `user` and nothing about anyone else (UU 27/2022):
    the profile and account here, then each app's section (see account.py)."""
    data = {
        "dibuat_pada": timezone.now().isoformat(),
        "profil": {
            "nama_lengkap": user.full_name,
            "kelompok": user.get_participant_group_display(),
            "nip": user.nip,
            "nik": user.nik,
            "opd": user.agency.name if user.agency else None,
            "jabatan": user.position,
            "pangkat_golongan": user.rank,
            "jenis_kelamin": user.get_gender_display(),
            "email": user.email,
            "telepon": user.phone,
        },
        "akun": {
            "terdaftar_sejak": user.date_joined.isoformat(),
            "terakhir_masuk": user.last_login.isoformat() if user.last_login else None,
        },
    }
    for section in account_sections():
        data[section.key] = section.export(user)
    data["permohonan_hapus_data"] = [
        {
            "diajukan": request.requested_at.isoformat(),
            "status": request.get_status_display(),
            "alasan": request.reason,
        }
        for request in user.deletion_requests.all()
    ]
    return data


def agency_subtree_ids(agency):
    """The agency's id and those of every agency under it (a kecamatan and its kelurahan)."""
    ids, level = {agency.pk}, {agency.pk}
    while level:
        level = set(Agency.objects.filter(parent_id__in=level).values_list("pk", flat=True)) - ids
        ids |= level
    return ids


# Account merges (services/merging.py) ------------------------------------------------------

DUPLICATES_SHOWN = 200


def likely_duplicates(*, limit=DUPLICATES_SHOWN):
    """Pairs of active participants that are probably one person, strongest first, with the
    rules they meet (see duplicates.py): one query, however many people."""
    people = (
        Participant.objects.filter(is_active=True)
        .select_related("agency")
        .only("full_name", "nip", "nik", "email", "agency__name", "participant_group")
    )
    return find_duplicates(people)[:limit]


def merge_candidates():
    """The accounts an organizer may merge: active participants."""
    return participant_accounts().filter(is_active=True)


def participant_accounts():
    """Every participant account, active or not (a merged one is inactive)."""
    return Participant.objects.select_related("agency")


def pending_merge_requests():
    """Participants' requests to merge their account with the one holding their NIP, oldest
    first, both accounts still active."""
    return MergeRequest.objects.filter(
        status=MergeRequest.Status.PENDING, requester__is_active=True, other__is_active=True
    ).select_related("requester__agency", "other__agency")


@dataclass(frozen=True)
class MergeControl:
    """How far control of one account of a pair to merge has been shown, for the screen."""

    text: str
    when: object = None
    proven: bool = False
    needs_in_person: bool = False
    can_send_link: bool = False


def pending_merge_request(first, second):
    return (
        MergeRequest.objects.filter(
            Q(requester=first, other=second) | Q(requester=second, other=first),
            status=MergeRequest.Status.PENDING,
        )
        .order_by("pk")
        .first()
    )


def merge_control(first, second, *, by):
    """{account pk: MergeControl} for the two accounts of a merge (rules.proof_methods)."""
    request = pending_merge_request(first, second)
    states = {}
    for account in (first, second):
        confirmed = request.confirmed_at_for(account) if request else None
        if confirmed:
            proof = Proof(request.proof_for(account)).label.lower()
            states[account.pk] = MergeControl(f"Terbukti: {proof}", when=confirmed, proven=True)
            continue
        methods = proof_methods(account, by=by)
        if Proof.EMAIL_LINK in methods:
            sent = request is not None
            text = (
                "Menunggu pemiliknya membuka tautan yang dikirim ke emailnya."
                if sent
                else "Belum terbukti: kirim tautan konfirmasi ke email akun ini."
            )
            states[account.pk] = MergeControl(text, can_send_link=True)
        elif Proof.IN_PERSON in methods:
            states[account.pk] = MergeControl(
                "Tanpa email dan kata sandi: periksa KTP/SK orangnya langsung dan catat di bawah.",
                needs_in_person=True,
            )
        else:
            states[account.pk] = MergeControl(
                "Akun ini memiliki kata sandi tetapi tanpa email: pemiliknya mengonfirmasi "
                "dengan kata sandinya, lewat Akun saya (Tambah NIP, lalu Minta penggabungan)."
            )
    return states


def merge_records():
    return MergeRecord.objects.select_related("survivor", "loser", "changed_by")


def participants_with_unknown_nik_region():
    """Participants whose stored NIK names a district Kemendagri's list does not have
    (identity.region_exists), by name: stored before the list was asked, or accepted as a
    possibly retired code. They keep working; organizers check them with the person.

    One query: the list's district codes (about 7,300) go into it."""
    return (
        Participant.objects.exclude(nik=None)
        .annotate(nik_region=Substr("nik", 1, 6))
        .exclude(nik_region__in=sorted(known_districts()))
        .select_related("agency")
        .order_by("full_name", "pk")
    )
