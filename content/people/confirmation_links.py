"""Links that confirm a change of a login identifier or a merge (sent by email, followed once).

A token names what it confirms (a pending identity change or a merge request), its row and the
side it speaks for ("akun": the address on file, proving control of the account; "email": the
new address; "pemohon"/"lain": one of the two accounts of a merge). It is signed with the
project's SECRET_KEY (django.core.signing, with its own salt) and carries its time, so it is
refused after IDENTITY_CONFIRMATION_TIMEOUT. Single use is the row's business: a side already
confirmed, or a row no longer pending, refuses the link (services/identity_control.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.urls import reverse

from content.base import site_address
from content.people.identity import IdentifierKind, mask

_SALT = "lentera.people.identity-confirmation"
CHANGE = "ubah"
MERGE = "gabung"
ACCOUNT_SIDE = "akun"
EMAIL_SIDE = "email"
REQUESTER_SIDE = "pemohon"
OTHER_SIDE = "lain"
_SIDES = {CHANGE: (ACCOUNT_SIDE, EMAIL_SIDE), MERGE: (REQUESTER_SIDE, OTHER_SIDE)}


@dataclass(frozen=True)
class LinkTarget:
    kind: str
    pk: int
    side: str


def make_token(kind, pk, side):
    return signing.dumps([kind, pk, side], salt=_SALT, compress=False)


def read_token(token):
    """The LinkTarget a token names, or None when it is forged, malformed or too old."""
    try:
        kind, pk, side = signing.loads(
            token, salt=_SALT, max_age=settings.IDENTITY_CONFIRMATION_TIMEOUT
        )
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if side not in _SIDES.get(kind, ()) or not isinstance(pk, int):
        return None
    return LinkTarget(kind, pk, side)


def absolute_url(kind, pk, side):
    """The link as sent by email: on the site's public address (the default Site), never on
    whatever Host a request happened to carry."""
    return site_address.absolute_url(
        reverse("people:confirm_identity", args=[make_token(kind, pk, side)])
    )


def hours_valid():
    return settings.IDENTITY_CONFIRMATION_TIMEOUT // 3600


KINDS = {"email": IdentifierKind.EMAIL, "nip": IdentifierKind.NIP, "nik": IdentifierKind.NIK}


def masked_changes(pending):
    """[(label, masked new value)] of a pending change, for its confirmation email and page."""
    shown = []
    for field, kind in KINDS.items():
        if field in pending.changes:
            shown.append((kind.label, mask(kind, pending.changes[field] or "") or "(dihapus)"))
    return shown
