from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "content.stats"
    label = "stats"
    verbose_name = "Statistik"

    def ready(self):
        from content.base import page_cache, permissions
        from content.certificates.models import Certificate
        from content.people.models import User
        from content.quizzes.models import Attempt
        from content.stats import cache
        from content.stats import permissions as stats_permissions
        from content.stats.models import AgencyHeadcount
        from content.training.models import Attendance, Registration, SessionPage

        permissions.declare(*stats_permissions.GROUPS)
        # The records behind the figures (people: "registered on the platform" counts them by
        # their current agency): a change makes every cached figure stale.
        behind_the_figures = (
            Attendance,
            Registration,
            Attempt,
            Certificate,
            AgencyHeadcount,
            SessionPage,
            User,
        )
        for model in behind_the_figures:
            page_cache.invalidate_on_change(model, scope=cache.SCOPE)
