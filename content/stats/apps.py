from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "content.stats"
    label = "stats"
    verbose_name = "Statistik"

    def ready(self):
        from content.base import page_cache, permissions
        from content.certificates.models import Certificate
        from content.quizzes.models import Attempt
        from content.stats import cache
        from content.stats import permissions as stats_permissions
        from content.stats.models import AgencyHeadcount
        from content.training.models import Attendance, Registration, SessionPage

        permissions.declare(*stats_permissions.GROUPS)
        # The records behind the figures: a change makes every cached figure stale.
        for model in (Attendance, Registration, Attempt, Certificate, AgencyHeadcount, SessionPage):
            page_cache.invalidate_on_change(model, scope=cache.SCOPE)
