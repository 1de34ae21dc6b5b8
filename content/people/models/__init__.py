from content.people.models.agencies import Agency, AgencyKind
from content.people.models.changes import IdentityChange
from content.people.models.merges import MergeRecord, MergeRequest
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
    "IdentityChange",
    "MergeRecord",
    "MergeRequest",
    "Participant",
    "ParticipantGroup",
    "Rank",
    "User",
]
