from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("<int:quiz_id>/commencer/", views.attempt_start, name="start"),
    path("tentative/<int:attempt_id>/", views.attempt, name="attempt"),
    path("tentative/<int:attempt_id>/resultat/", views.review, name="review"),
]
