"""Who reads statistics (applied after every migrate; see content/base/permissions.py):
analysts, who also keep each agency's official headcount. Superusers have every permission."""

from content.base.permissions import GroupPermissions

VIEW_STATISTICS = "stats.view_statistics"

GROUPS = [
    GroupPermissions(
        "Analyst",
        models=(
            VIEW_STATISTICS,
            "stats.add_agencyheadcount",
            "stats.change_agencyheadcount",
            "stats.view_agencyheadcount",
            # The national literacy figures the city's index is shown beside.
            "stats.add_nationalindex",
            "stats.change_nationalindex",
            "stats.view_nationalindex",
        ),
    ),
]
