"""Writes for participants: accounts and their identity, imports, erasure."""

from content.people.services.accounts import (
    DUPLICATE_MESSAGE,
    login_lockouts_clear,
    participant_register,
    participant_save,
    participant_update_contact,
)
from content.people.services.erasure import (
    deletion_request_create,
    deletion_request_reject,
    participant_erase,
)
from content.people.services.identity_changes import participant_add_nip, participants_add_nips
from content.people.services.imports import participants_import
from content.people.services.merging import merge_request_create, participants_merge

__all__ = [
    "DUPLICATE_MESSAGE",
    "deletion_request_create",
    "deletion_request_reject",
    "login_lockouts_clear",
    "merge_request_create",
    "participant_add_nip",
    "participant_erase",
    "participant_register",
    "participant_save",
    "participant_update_contact",
    "participants_add_nips",
    "participants_import",
    "participants_merge",
]
