from content.people.models.agencies import Agency, AgencyKind
from content.people.models.changes import (
    IdentityChange,
    InPersonCheck,
    PendingIdentityChange,
    Proof,
)
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
    "InPersonCheck",
    "MergeRecord",
    "MergeRequest",
    "Participant",
    "PendingIdentityChange",
    "Proof",
    "ParticipantGroup",
    "Rank",
    "User",
]
