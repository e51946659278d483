"""The post studio's URLs (mounted under /atelier-publication/)."""

from django.urls import path

from . import views

app_name = "studio"

urlpatterns = [
    path("verifier/", views.check, name="check"),
    path("<int:page_id>/<slug:key>/", views.exercise, name="exercise"),
]
