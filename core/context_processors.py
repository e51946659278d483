"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from course.navigation import catalogue_url_get


def navigation(request):
    """Languages for the switcher and the header's links to site-wide pages."""
    return {
        "available_languages": settings.LANGUAGES,
        "catalogue_url": SimpleLazyObject(catalogue_url_get),
        "dashboard_url": SimpleLazyObject(lambda: _dashboard_url(request)),
    }


def _dashboard_url(request) -> str:
    """The learner's dashboard ("My learning"), for signed-in users only."""
    user = getattr(request, "user", None)
    return reverse("progress:dashboard") if user is not None and user.is_authenticated else ""
