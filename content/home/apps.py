from django.apps import AppConfig


class HomeConfig(AppConfig):
    """The top of the product: the home page and robots.txt. It may import every other app;
    no other app imports it but the demo data (content/demo), which sits above it."""

    name = "content.home"
    label = "home"
    verbose_name = "Beranda"
