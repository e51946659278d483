"""A URL configuration with a view that fails, to see the error page a user would get."""

from django.urls import include, path


def explode(request):
    raise RuntimeError("boom")


urlpatterns = [path("boum/", explode), path("", include("config.urls"))]
