from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "content.articles"
    label = "articles"
    verbose_name = "Materi dan cek fakta"

    def ready(self):
        from content.articles.models import Topic
        from content.base import page_cache

        # Topics appear on many pages: filters, cards, the home page.
        page_cache.invalidate_on_change(Topic)
