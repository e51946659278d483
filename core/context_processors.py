"""Template context shared by every page."""

from django.conf import settings


def navigation(request):
    """Languages for the switcher; the header's links are named URLs resolved in the template."""
    return {"available_languages": settings.LANGUAGES}
