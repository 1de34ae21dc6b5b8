from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "content.stats"
    label = "stats"
    verbose_name = "Statistik"

    def ready(self):
        from content.base import permissions
        from content.stats import permissions as stats_permissions

        permissions.declare(*stats_permissions.GROUPS)
