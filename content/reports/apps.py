from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "content.reports"
    label = "reports"
    verbose_name = "Aduan"

    def ready(self):
        from content.base import permissions
        from content.reports import permissions as report_permissions
        from content.reports import tasks  # noqa: F401 (registers its background tasks)

        permissions.declare(*report_permissions.GROUPS)
