from django.urls import path

from content.quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("", views.index, name="index"),
    path("percobaan/<uuid:key>/", views.attempt, name="attempt"),
    path("percobaan/<uuid:key>/jawab/", views.answer, name="answer"),
    path("percobaan/<uuid:key>/selesai/", views.submit, name="submit"),
    path("percobaan/<uuid:key>/hasil/", views.result, name="result"),
    path("percobaan/<uuid:key>/gambar/<str:position>/", views.question_image, name="image"),
    path("<slug:slug>/", views.quiz, name="quiz"),
]
