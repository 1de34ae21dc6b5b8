from django.urls import path

from content.quizzes import views

app_name = "quizzes"

urlpatterns = [
    path("percobaan/<uuid:key>/", views.attempt, name="attempt"),
    path("percobaan/<uuid:key>/jawab/", views.answer, name="answer"),
    path("percobaan/<uuid:key>/selesai/", views.submit, name="submit"),
    path("percobaan/<uuid:key>/hasil/", views.result, name="result"),
    path("<slug:slug>/", views.quiz, name="quiz"),
]
