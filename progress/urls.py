from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("lecons/<int:lesson_id>/terminee/", views.lesson_complete, name="lesson_complete"),
    path("lecons/<int:lesson_id>/ouverte/", views.lesson_visit, name="lesson_visit"),
    path("parcours/<int:path_id>/suivre/", views.path_choose, name="path_choose"),
    path("parcours/<int:path_id>/quitter/", views.path_leave, name="path_leave"),
    path("mes-donnees/", views.personal_data_download, name="personal_data"),
    path("supprimer-mon-compte/", views.account_delete, name="account_delete"),
]
