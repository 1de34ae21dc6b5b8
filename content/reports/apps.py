from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "content.reports"
    label = "reports"
    verbose_name = "Aduan"

    def ready(self):
        from wagtail.signals import page_published

        from content.articles.models import FactCheckPage
        from content.base import permissions
        from content.reports import (
            erasure,  # noqa: F401 (registers the erasure handler)
            merging,  # noqa: F401 (registers the merge handler)
            tasks,  # noqa: F401 (registers its background tasks)
        )
        from content.reports import permissions as report_permissions
        from content.reports.services import fact_checks

        permissions.declare(*report_permissions.GROUPS)
        # A fact-check drafted from a case links the case and tells its reporters when published.
        page_published.connect(
            fact_checks.on_page_published, sender=FactCheckPage, dispatch_uid="reports-fact-check"
        )
