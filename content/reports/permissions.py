"""Who works on the report desk (applied after every migrate; see content/base/permissions.py).

"Petugas Aduan" (desk officers) triage every case, see reporters' contact details, draft
fact-checks from cases (as editors do: the draft goes through the moderation workflow) and forward
cases to Bawaslu. "Mitra Bawaslu" (the partner) sees forwarded cases only (selectors decide which
rows) and records its outcome; never a reporter's contact. Superusers have every permission.
"""

from content.base.permissions import GroupPermissions

DESK = "Petugas Aduan"
PARTNER = "Mitra Bawaslu"

TRIAGE = "reports.triage_case"
VIEW_CONTACT = "reports.view_reporter_contact"
FORWARD = "reports.forward_case"
RECORD_OUTCOME = "reports.record_partner_outcome"

GROUPS = [
    GroupPermissions(
        DESK,
        models=(
            "reports.view_case",
            "reports.change_case",
            TRIAGE,
            VIEW_CONTACT,
            FORWARD,
            "reports.view_report",
        ),
        collections=("wagtailimages.add_image", "wagtailimages.choose_image"),
        pages={"articles.FactCheckIndexPage": ["add_page", "change_page"]},
    ),
    GroupPermissions(PARTNER, models=("reports.view_case", RECORD_OUTCOME)),
]
