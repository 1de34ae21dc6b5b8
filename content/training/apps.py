from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "content.training"
    label = "training"
    verbose_name = "Sosialisasi dan presensi"

    def ready(self):
        from wagtail.signals import page_published

        from content.base import page_cache, permissions
        from content.training import (
            merging,  # noqa: F401 (registers merge and group-change handlers)
            personal_parts,  # noqa: F401 (registers a session page's parts)
            routes,  # noqa: F401 (registers the session pages' routes and the index's context)
            signals,
            tasks,  # noqa: F401 (registers its background tasks)
        )
        from content.training import permissions as training_permissions
        from content.training.models import Registration, SessionPage, SessionState
        from content.training.selectors import PAGE_CACHE_SCOPE

        # Seats taken and check-in state are shown on /sesi/ and on each session page.
        page_cache.invalidate_on_change(Registration, scope=PAGE_CACHE_SCOPE)
        page_cache.invalidate_on_change(SessionState, scope=PAGE_CACHE_SCOPE)
        permissions.declare(*training_permissions.GROUPS)
        page_published.connect(
            signals.fill_seats_on_publish, sender=SessionPage, dispatch_uid="fill-seats"
        )
