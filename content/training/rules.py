"""Who may join a session, and when attendance can be recorded: the checks shared by
registration, check-in, marking by hand and the attendance import."""

import datetime

from django.utils import formats, timezone

from content.base.errors import NotAllowed
from content.people.models.users import ASN_GROUPS, ParticipantGroup
from content.training.models.choices import TargetGroup

# Doors open before the start: people may be recorded from this long before it.
EARLY_ARRIVAL = datetime.timedelta(hours=1)


def check_participant(person):
    if not person.is_participant:
        raise NotAllowed("Akun ini bukan akun peserta. Masuk dengan akun peserta Anda.")


def check_eligible(session, participant):
    check_participant(participant)
    if session.target_group == TargetGroup.ASN and participant.participant_group not in ASN_GROUPS:
        raise NotAllowed("Sosialisasi ini khusus untuk ASN (PNS dan PPPK).")
    if session.target_group == TargetGroup.PTT and participant.participant_group != (
        ParticipantGroup.PTT
    ):
        raise NotAllowed("Sosialisasi ini khusus untuk PTT / non-ASN.")
    agency_ids = {agency.pk for agency in session.agencies.all()}
    if agency_ids and participant.agency_id not in agency_ids:
        raise NotAllowed("Sosialisasi ini khusus untuk OPD tertentu; OPD Anda tidak termasuk.")


def check_started(session, *, now):
    """Attendance is a fact about a session that has begun (or is about to)."""
    if now < session.starts_at - EARLY_ARRIVAL:
        starts = formats.date_format(timezone.localtime(session.starts_at), "j F Y, H.i")
        raise NotAllowed(
            f"Sosialisasi ini baru dimulai {starts} WIB; kehadiran belum dapat dicatat."
        )
