"""What the staff groups may do with certificates (applied after every migrate; see
content/base/permissions.py). Organizers design templates, issue and revoke, and may download any
certificate's PDF; analysts read the list, never the files (rules.py)."""

from content.base.permissions import GroupPermissions

GROUPS = [
    GroupPermissions(
        "Organizer",
        models=(
            "certificates.add_certificatetemplate",
            "certificates.change_certificatetemplate",
            "certificates.view_certificatetemplate",
            "certificates.view_certificate",
            "certificates.change_certificate",
            "certificates.issue_certificate",
            "certificates.download_certificate",
            "certificates.view_verificationlookup",
        ),
        collections=("wagtailimages.choose_image", "wagtailimages.add_image"),
    ),
    GroupPermissions("Analyst", models=("certificates.view_certificate",)),
]
