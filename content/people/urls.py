from django.contrib.auth import views as auth_views
from django.urls import path

from content.people import views

app_name = "people"

urlpatterns = [
    path("", views.account, name="account"),
    path("daftar/", views.register, name="register"),
    path("masuk/", views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("email/", views.change_email, name="change_email"),
    path("email/batal/", views.cancel_email_change, name="cancel_email_change"),
    path("konfirmasi/<str:token>/", views.confirm_identity, name="confirm_identity"),
    path("nip-baru/", views.add_nip, name="add_nip"),
    path("nip-baru/minta-gabung/", views.request_merge, name="request_merge"),
    path("data-saya/", views.my_data, name="my_data"),
    path("hapus-data/", views.request_deletion, name="request_deletion"),
    path("sandi/lupa/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "sandi/terkirim/",
        auth_views.PasswordResetDoneView.as_view(template_name="people/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "sandi/atur/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "sandi/selesai/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="people/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
