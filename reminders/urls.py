from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("desinscription/<str:token>/", views.opt_out, name="opt_out"),
]
