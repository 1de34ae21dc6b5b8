"""Public open data, under /data-terbuka/ (site/config/urls.py)."""

from django.urls import path

from content.stats import views

app_name = "stats_open_data"

urlpatterns = [
    path("", views.index, name="index"),
    # Before the data sets' pattern, which would otherwise take "metadata" for a slug.
    path("metadata.json", views.metadata, name="metadata"),
    path("<slug:slug>.json", views.dataset_json, name="dataset_json"),
    path("<slug:slug>.csv", views.dataset_csv, name="dataset_csv"),
]
