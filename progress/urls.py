from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lecons/<int:lesson_id>/terminee/", views.lesson_complete, name="lesson_complete"),
    path("mes-donnees/", views.personal_data_download, name="personal_data"),
    path("supprimer-mon-compte/", views.account_delete, name="account_delete"),
]
