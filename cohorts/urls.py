"""Public URLs: learners join a cohort with its invitation link, or accept their personal invitation."""

from django.urls import path

from .views import join

app_name = "cohorts"

urlpatterns = [
    path("rejoindre/<str:token>/", join.join, name="join"),
    path("invitation/<str:token>/", join.invitation_accept, name="invitation"),
]
