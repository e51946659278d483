"""Template context shared by every page."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from .navigation import footer_links_get


def navigation(request):
    """Languages for the switcher, the header's and footer's links to site-wide pages, and the language the
    course content is written in (marked with ``lang`` when the interface speaks another).

    The catalogue link comes from ``course.context_processors`` (core sits below course)."""
    return {
        "available_languages": settings.LANGUAGES,
        "dashboard_url": SimpleLazyObject(lambda: _dashboard_url(request)),
        "footer_links": SimpleLazyObject(footer_links_get),
        "content_language": settings.CONTENT_LANGUAGE,
        # Read once per page (the header's link and the Wagtail user bar both ask): one query, not two.
        "is_trainer": SimpleLazyObject(lambda: _is_trainer(request)),
    }


def _is_trainer(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.is_trainer)


def _dashboard_url(request) -> str:
    """The learner's dashboard ("My learning"), for signed-in users only."""
    user = getattr(request, "user", None)
    return reverse("progress:dashboard") if user is not None and user.is_authenticated else ""
