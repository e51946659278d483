"""The footer's links to the site's information pages, cached because every page renders them."""

from django.core.cache import cache

FOOTER_LINKS_CACHE_KEY = "core:footer-links"


def footer_links_get() -> list[dict[str, str]]:
    """Title and URL of each live information page shown in menus, in the page tree's order."""
    links = cache.get(FOOTER_LINKS_CACHE_KEY)
    if links is None:
        from .models import InfoPage

        pages = InfoPage.objects.live().in_menu().order_by("path")
        links = [{"title": page.title, "url": page.get_url()} for page in pages if page.get_url()]
        cache.set(FOOTER_LINKS_CACHE_KEY, links, timeout=3600)
    return links


def footer_links_cache_clear(**kwargs) -> None:
    cache.delete(FOOTER_LINKS_CACHE_KEY)
