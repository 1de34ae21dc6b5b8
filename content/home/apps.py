from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top of the stack: the home page, robots.txt and the demo data. It may import every
    other app; no other app imports it."""

    name = "content.home"
    label = "home"
    verbose_name = "Beranda"
