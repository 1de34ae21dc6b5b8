"""What the staff groups may do with participants (applied after every migrate; see
content/base/permissions.py).

Organizers manage participants, agencies and erasure requests and import lists; analysts read.
Editors and moderators are given nothing here: they never see a NIP or NIK.
"""

from content.base.permissions import GroupPermissions

GROUPS = [
    GroupPermissions(
        "Organizer",
        models=(
            "people.view_participant",
            "people.add_participant",
            "people.change_participant",
            "people.import_participant",
            "people.view_agency",
            "people.add_agency",
            "people.change_agency",
            "people.view_deletionrequest",
            "people.change_deletionrequest",
            "people.view_identitychange",
            # Merging duplicate accounts (services.participants_merge) and reading the log.
            "people.add_mergerecord",
            "people.view_mergerecord",
        ),
    ),
    GroupPermissions(
        "Analyst",
        models=("people.view_participant", "people.view_agency"),
    ),
]
