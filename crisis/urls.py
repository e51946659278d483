from django.urls import path

from . import views

app_name = "crisis"

urlpatterns = [
    path("<int:scenario_id>/commencer/", views.run_start, name="start"),
    path("partie/<int:run_id>/", views.step, name="step"),
    path("partie/<int:run_id>/bilan/", views.debrief, name="debrief"),
]
