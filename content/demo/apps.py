from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo and synthetic data, above every other app (home included): the demo site's loader
    and its texts (data/), each domain's demo records, the statistics generator and their
    commands (load_demo_data, reset_demo_data, generate_stats_data). It may import every app;
    no app imports it (only tests and bench do). It has no models."""

    name = "content.demo"
    label = "demo"
    verbose_name = "Data demo"
