from django.urls import path

from content.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_form, name="form"),
    path("terkirim/", views.report_sent, name="sent"),
    path("status/", views.status_lookup, name="status_lookup"),
    path("status/<str:code>/", views.status, name="status"),
]
