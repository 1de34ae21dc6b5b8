"""Who may join a session: the checks shared by registration and check-in."""

from content.people.models.users import ASN_GROUPS, ParticipantGroup
from content.training.models.pages import TargetGroup


class NotAllowed(Exception):
    """A refusal with the Indonesian message the person sees; nothing was recorded."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def check_eligible(session, participant):
    if not participant.is_participant:
        raise NotAllowed("Akun ini bukan akun peserta. Masuk dengan akun peserta Anda.")
    if session.target_group == TargetGroup.ASN and participant.participant_group not in ASN_GROUPS:
        raise NotAllowed("Sosialisasi ini khusus untuk ASN (PNS dan PPPK).")
    if session.target_group == TargetGroup.PTT and participant.participant_group != (
        ParticipantGroup.PTT
    ):
        raise NotAllowed("Sosialisasi ini khusus untuk PTT / non-ASN.")
    agency_ids = {agency.pk for agency in session.agencies.all()}
    if agency_ids and participant.agency_id not in agency_ids:
        raise NotAllowed("Sosialisasi ini khusus untuk OPD tertentu; OPD Anda tidak termasuk.")
