"""Public URLs: learners join a cohort with its invitation link, or accept their personal invitation."""

from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [
    path("rejoindre/<str:token>/", views.join, name="join"),
    path("invitation/<str:token>/", views.invitation_accept, name="invitation"),
]
