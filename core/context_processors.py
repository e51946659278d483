"""Template context shared by every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from course.navigation import catalogue_url_get


def navigation(request):
    """Languages for the switcher and the header's links to site-wide pages."""
    return {
        "available_languages": settings.LANGUAGES,
        "catalogue_url": SimpleLazyObject(catalogue_url_get),
    }
