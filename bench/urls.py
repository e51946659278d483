"""The site's URLs plus a bare view: the baseline every benchmark compares against."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def baseline_view(request):
    return HttpResponse("<!doctype html><title>baseline</title><p>ok</p>")


urlpatterns = [path("bench/baseline/", baseline_view), *site_urlpatterns]
