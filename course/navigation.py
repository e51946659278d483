"""Site-wide navigation targets, cached because every page's header needs them."""

from django.core.cache import cache

CATALOGUE_URL_CACHE_KEY = "course:catalogue-url"


def catalogue_url_get() -> str:
    """URL of the live catalogue page, or "" when there is none (cached until pages change)."""
    url = cache.get(CATALOGUE_URL_CACHE_KEY)
    if url is None:
        from .models import CourseIndexPage

        catalogue = CourseIndexPage.objects.live().first()
        url = (catalogue.get_url() or "") if catalogue else ""
        cache.set(CATALOGUE_URL_CACHE_KEY, url, timeout=3600)
    return url


def navigation_cache_clear(**kwargs) -> None:
    cache.delete(CATALOGUE_URL_CACHE_KEY)
