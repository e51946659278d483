"""Public URLs: learners join a cohort with its invitation link."""

from django.urls import path

from . import views

app_name = "cohorts"

urlpatterns = [path("rejoindre/<str:token>/", views.join, name="join")]
