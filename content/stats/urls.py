"""Public open data, under /data-terbuka/ (site/config/urls.py): the releases, each data set of
a release as JSON and CSV, and the catalog of them all."""

from django.urls import path, register_converter

from content.stats import views


class PeriodConverter:
    """A release's period as in its URL: 2025-q1."""

    regex = r"[0-9]{4}-q[1-4]"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(PeriodConverter, "periode")

app_name = "stats_open_data"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the data sets' pattern, which would otherwise take "metadata" for a slug.
    path("metadata.json", views.metadata, name="metadata"),
    path("<periode:periode>/<slug:slug>.json", views.dataset_json, name="dataset_json"),
    path("<periode:periode>/<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
    # The newest release's file: a stable link for portals that want the latest figures.
    path("<slug:slug>.json", views.latest_json, name="latest_json"),
    path("<slug:slug>.csv", views.latest_csv, name="latest_csv"),
]
