from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "content.articles"
    label = "articles"
    verbose_name = "Materi dan cek fakta"
