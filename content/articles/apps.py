from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "content.articles"
    label = "articles"
    verbose_name = "Materi dan cek fakta"

    def ready(self):
        from content.articles import permissions as article_permissions
        from content.articles import views  # noqa: F401 (registers the page models' views)
        from content.articles.models import Topic
        from content.base import page_cache, permissions

        # Topics appear on many pages: filters, cards, the home page.
        page_cache.invalidate_on_change(Topic)
        permissions.declare(*article_permissions.GROUPS)
