"""Forwarding a case to Bawaslu, and the partner's outcome.

The desk forwards ("Teruskan ke Bawaslu") once: a second forward changes nothing and says so. From
then on the partner sees the case (selectors/partner.py) and records what it did with it; the
desk's screens and the reporter's status page read `case.partner_outcome`. Both writes lock the
case row first, so two officers pressing the button at once forward it once, and both are in
Wagtail's log (`lentera.report.forward`, `lentera.report.partner_outcome`).
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from content.base.errors import NotAllowed
from content.reports import permissions
from content.reports.models import Case, PartnerOutcome, Status

FORWARD_ACTION = "lentera.report.forward"
OUTCOME_ACTION = "lentera.report.partner_outcome"
NOTE_MAX_CHARS = 2000

FORWARD_DENIED = "Anda tidak berwenang meneruskan kasus ke Bawaslu."
FORWARD_REJECTED = "Kasus yang ditolak tidak dapat diteruskan ke Bawaslu."
OUTCOME_DENIED = "Anda tidak berwenang mencatat hasil tindak lanjut Bawaslu."
OUTCOME_NOT_FORWARDED = "Kasus ini belum diteruskan ke Bawaslu."
OUTCOME_UNKNOWN = (
    "Pilih hasil tindak lanjut: ditindaklanjuti, bukan pelanggaran, atau bukan kewenangan."
)


@dataclass(frozen=True)
class Done:
    """What a partner service did: the case as it now is, whether anything changed, and the
    sentence to show the person who asked."""

    case: Case
    changed: bool
    message: str


def case_forward(case, user, note=""):
    """Forward `case` to Bawaslu. Once only: forwarding a forwarded case changes nothing."""
    if not user.has_perm(permissions.FORWARD):
        raise NotAllowed(FORWARD_DENIED)
    note = (note or "").strip()[:NOTE_MAX_CHARS]
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.forwarded_at is not None:
            when = timezone.localtime(locked.forwarded_at).strftime("%d-%m-%Y %H.%M")
            return Done(locked, False, f"Kasus #{locked.pk} sudah diteruskan ke Bawaslu ({when}).")
        if locked.status == Status.REJECTED:
            raise NotAllowed(FORWARD_REJECTED)
        locked.forwarded_at = timezone.now()
        locked.forwarded_by = user
        locked.save(update_fields=["forwarded_at", "forwarded_by"])
        log(instance=locked, action=FORWARD_ACTION, user=user, data={"note": note})
    _refresh(case, locked, ("forwarded_at", "forwarded_by"))
    return Done(locked, True, f"Kasus #{locked.pk} diteruskan ke Bawaslu.")


def case_record_outcome(case, user, outcome, note=""):
    """The partner's outcome for a forwarded case (it may be corrected later: each record is
    logged, the last one stands)."""
    if not user.has_perm(permissions.RECORD_OUTCOME):
        raise NotAllowed(OUTCOME_DENIED)
    if outcome not in PartnerOutcome.values:
        raise NotAllowed(OUTCOME_UNKNOWN)
    note = (note or "").strip()[:NOTE_MAX_CHARS]
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if locked.forwarded_at is None:
            raise NotAllowed(OUTCOME_NOT_FORWARDED)
        if locked.partner_outcome == outcome and locked.partner_note == note:
            return Done(locked, False, "Hasil tindak lanjut ini sudah tercatat.")
        locked.partner_outcome = outcome
        locked.partner_note = note
        locked.partner_outcome_at = timezone.now()
        locked.save(update_fields=["partner_outcome", "partner_note", "partner_outcome_at"])
        log(
            instance=locked,
            action=OUTCOME_ACTION,
            user=user,
            data={"outcome": outcome, "note": note},
        )
    _refresh(case, locked, ("partner_outcome", "partner_note", "partner_outcome_at"))
    label = PartnerOutcome(outcome).label
    return Done(locked, True, f"Hasil tindak lanjut kasus #{locked.pk} dicatat: {label}.")


def _refresh(case, locked, fields):
    # The caller's instance says what the database now says.
    for name in fields:
        setattr(case, name, getattr(locked, name))
