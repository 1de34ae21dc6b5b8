from content.people.models.agencies import Agency, AgencyKind
from content.people.models.requests import DeletionRequest
from content.people.models.users import (
    Participant,
    ParticipantGroup,
    Rank,
    User,
)

__all__ = [
    "Agency",
    "AgencyKind",
    "DeletionRequest",
    "Participant",
    "ParticipantGroup",
    "Rank",
    "User",
]
