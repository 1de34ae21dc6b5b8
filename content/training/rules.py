"""Who may join a session, and when attendance can be recorded: the checks shared by
registration, check-in, marking by hand and the attendance import."""

import datetime

from content.base import times
from content.base.errors import NotAllowed
from content.people.models.users import ASN_GROUPS, ParticipantGroup
from content.training.models.choices import TargetGroup

# Doors open before the start: people may be recorded from this long before it.
EARLY_ARRIVAL = datetime.timedelta(hours=1)


def check_participant(person):
    if not person.is_participant:
        raise NotAllowed("Akun ini bukan akun peserta. Masuk dengan akun peserta Anda.")


def admits_agency(session, participant):
    """Whether the session admits the participant's agency: it names none, or names theirs."""
    agency_ids = {agency.pk for agency in session.agencies.all()}
    return not agency_ids or participant.agency_id in agency_ids


def check_eligible(session, participant, *, agency_admitted=None):
    """Refuse someone outside the session's target group or agencies. `agency_admitted` is
    admits_agency() when the caller already read it with the session (the check-in views read
    it in the same query); None reads it here."""
    check_participant(participant)
    if session.target_group == TargetGroup.ASN and participant.participant_group not in ASN_GROUPS:
        raise NotAllowed("Sosialisasi ini khusus untuk ASN (PNS dan PPPK).")
    if session.target_group == TargetGroup.PTT and participant.participant_group != (
        ParticipantGroup.PTT
    ):
        raise NotAllowed("Sosialisasi ini khusus untuk PTT / non-ASN.")
    if agency_admitted is None:
        agency_admitted = admits_agency(session, participant)
    if not agency_admitted:
        raise NotAllowed("Sosialisasi ini khusus untuk OPD tertentu; OPD Anda tidak termasuk.")


def check_started(session, *, now):
    """Attendance is a fact about a session that has begun (or is about to)."""
    if now < session.starts_at - EARLY_ARRIVAL:
        starts = times.wib(session.starts_at, "j F Y, H.i")
        raise NotAllowed(f"Sosialisasi ini baru dimulai {starts}; kehadiran belum dapat dicatat.")


def over_at(session, closed_at=None):
    """When the session is over: its planned end, or earlier when the organizer closed it
    ("Tutup sesi", SessionState.closed_at)."""
    if closed_at is not None and closed_at < session.ends_at:
        return closed_at
    return session.ends_at


def is_over(session, closed_at=None, *, now):
    return now >= over_at(session, closed_at)


def check_may_close(session, *, now):
    """A session can be closed once it has begun: closing one that has not would end it before
    anyone could attend."""
    if now < session.starts_at:
        starts = times.wib(session.starts_at, "j F Y, H.i")
        raise NotAllowed(f"Sosialisasi ini baru dimulai {starts}; belum dapat ditutup.")
