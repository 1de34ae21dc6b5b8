"""Which status a case may take next, and why not. Pure functions: the service
(services/triage.py) asks them while it holds the case's row locked.

The desk's path is one step at a time:

    baru -> diverifikasi -> ditindaklanjuti -> selesai

and any open case may be rejected (ditolak), always with a reason, which the reporter's status
page shows. Skipping a step (baru -> selesai) is refused: the figures count how long each step
took, and a skipped verification is exactly what the log is meant to make visible.

Reopening: a closed case (selesai or ditolak) may be reopened, to diverifikasi, with a reason.
The same post keeps being reported into its case (one case per normalised link), so a hoax that
comes back after its case was closed, or a case rejected by mistake, must be workable again
without opening a second case for the same post. Reopening is a status change like any other:
logged with its reason, closed_at is cleared (time to close is then measured to the next close;
retention of the reporters' contacts counts from that close too), the first response stays.
"""

from dataclasses import dataclass

from content.base.text_rules import has_visible_text
from content.reports.models.choices import Status

OPEN = frozenset({Status.NEW, Status.VERIFIED, Status.IN_PROGRESS})
CLOSED = frozenset({Status.DONE, Status.REJECTED})

# The next step forward of each open status.
_FORWARD = {
    Status.NEW: Status.VERIFIED,
    Status.VERIFIED: Status.IN_PROGRESS,
    Status.IN_PROGRESS: Status.DONE,
}
# Where a reopened case goes.
REOPEN_TO = Status.VERIFIED

REASON_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Decision:
    allowed: bool
    message: str = ""

    def __bool__(self):
        return self.allowed


def label(status):
    try:
        return Status(status).label
    except ValueError:
        return str(status)


def is_open(status):
    return status in OPEN


def is_closing(status):
    """Setting this status closes the case (closed_at is set)."""
    return status in CLOSED


def is_reopening(current, new):
    return current in CLOSED and new == REOPEN_TO


def next_statuses(current):
    """The statuses a case in `current` may move to, in the order the desk's form offers them."""
    if current in _FORWARD:
        return [_FORWARD[current], Status.REJECTED]
    if current in CLOSED:
        return [REOPEN_TO]
    return []


def needs_reason(current, new):
    """A rejection and a reopening must say why."""
    return new == Status.REJECTED or is_reopening(current, new)


def may_change(current, new, reason=""):
    """May a case in status `current` move to `new` (with this reason)?"""
    if new not in Status.values:
        return Decision(False, "Status itu tidak dikenal.")
    if new == current:
        return Decision(False, f"Kasus ini sudah berstatus {label(current)}.")
    allowed = next_statuses(current)
    if new not in allowed:
        if current in CLOSED:
            return Decision(
                False,
                f"Kasus ini sudah ditutup ({label(current)}). Buka kembali dulu ke status "
                f"{label(REOPEN_TO)} dengan alasannya.",
            )
        return Decision(
            False,
            f"Status tidak dapat diubah dari {label(current)} ke {label(new)}. "
            f"Langkah berikutnya: {' atau '.join(label(s) for s in allowed)}.",
        )
    # A reason of invisible characters only (a zero-width space) is no reason.
    if needs_reason(current, new) and not has_visible_text((reason or "").strip()):
        if new == Status.REJECTED:
            return Decision(False, "Tuliskan alasan penolakan: pelapor akan membacanya.")
        return Decision(False, "Tuliskan alasan membuka kembali kasus ini.")
    if len(reason or "") > REASON_MAX_LENGTH:
        return Decision(False, f"Alasan paling panjang {REASON_MAX_LENGTH} karakter.")
    return Decision(True)
