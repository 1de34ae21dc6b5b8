from django.apps import AppConfig


class BaseConfig(AppConfig):
    name = "content.base"
    label = "base"
    verbose_name = "Situs"

    def ready(self):
        from content.base import cache

        cache.connect_invalidation_signals()
