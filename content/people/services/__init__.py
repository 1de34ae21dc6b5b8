"""Writes for participants: accounts and their identity, imports, erasure."""

from content.people.services.accounts import (
    DUPLICATE_MESSAGE,
    login_lockouts_clear,
    participant_change_email,
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
from content.people.services.identity_control import (
    ControlProof,
    identity_change_cancel,
    identity_change_confirm,
    identity_change_request,
)
from content.people.services.imports import participants_import
from content.people.services.merging import (
    merge_request_confirm,
    merge_request_create,
    merge_request_send_links,
    participants_merge,
)

__all__ = [
    "DUPLICATE_MESSAGE",
    "ControlProof",
    "deletion_request_create",
    "deletion_request_reject",
    "identity_change_cancel",
    "identity_change_confirm",
    "identity_change_request",
    "login_lockouts_clear",
    "merge_request_confirm",
    "merge_request_create",
    "merge_request_send_links",
    "participant_add_nip",
    "participant_change_email",
    "participant_erase",
    "participant_register",
    "participant_save",
    "participant_update_contact",
    "participants_add_nips",
    "participants_import",
    "participants_merge",
]
