"""What the staff groups may do with sessions (applied after every migrate; see
content/base/permissions.py).

Organizers run sessions: they create and publish session pages under /sesi/, and handle
registrations, check-in, attendance and its corrections. Analysts read attendance and
registrations for the statistics.
"""

from content.base.permissions import GroupPermissions

GROUPS = [
    GroupPermissions(
        "Organizer",
        models=(
            "training.view_attendance",
            "training.add_attendance",
            "training.change_attendance",
            "training.import_attendance",
            "training.view_registration",
            "training.change_registration",
            "training.view_attendancecorrection",
        ),
        collections=(
            "wagtailimages.choose_image",
            "wagtailimages.add_image",
            "wagtaildocs.choose_document",
        ),
        pages={"training.SessionIndexPage": ("add_page", "change_page", "publish_page")},
    ),
    GroupPermissions(
        "Analyst",
        models=("training.view_attendance", "training.view_registration"),
    ),
]
