from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "content.reports"
    label = "reports"
    verbose_name = "Aduan"

    def ready(self):
        from content.base import permissions
        from content.reports import (
            erasure,  # noqa: F401 (registers the erasure handler)
            merging,  # noqa: F401 (registers the merge handler)
            tasks,  # noqa: F401 (registers its background tasks)
        )
        from content.reports import permissions as report_permissions

        permissions.declare(*report_permissions.GROUPS)
