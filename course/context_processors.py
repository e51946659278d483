"""Template context from the course app: the catalogue link in every page's header."""

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .navigation import catalogue_url_get


def catalogue(request: HttpRequest) -> dict[str, object]:
    """The live catalogue's URL, looked up (from the cache) only when a template uses it."""
    return {"catalogue_url": SimpleLazyObject(catalogue_url_get)}
