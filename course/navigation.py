"""Site-wide navigation targets, cached because every page's header needs them."""

from core.page_cache import page_part_get

CATALOGUE_URL_CACHE_KEY = "course:catalogue-url"


def catalogue_url_get() -> str:
    """URL of the live catalogue page, or "" when there is none (cached until pages change: a page part of
    core.page_cache, kept per generation)."""
    return page_part_get(CATALOGUE_URL_CACHE_KEY, _catalogue_url)


def _catalogue_url() -> str:
    from .models import CourseIndexPage

    catalogue = CourseIndexPage.objects.live().first()
    return (catalogue.get_url() or "") if catalogue else ""
