from django.urls import path

from content.certificates import views

app_name = "certificates"

urlpatterns = [
    path("verifikasi/", views.verify, name="verify"),
    path("verifikasi/<str:code>/", views.verify_code, name="verify_code"),
    path("verifikasi/<str:code>/nip/", views.verify_nip, name="verify_nip"),
    path("unduh/<str:code>/", views.download, name="download"),
    path("ambil/sesi/<int:session_id>/", views.claim, name="claim"),
    path("ambil/kuis/<int:quiz_id>/", views.claim_for_quiz, name="claim_quiz"),
]
