"""The footer's links to the site's information pages, cached because every page renders them."""

from .page_cache import page_part_get

FOOTER_LINKS_CACHE_KEY = "core:footer-links"


def footer_links_get() -> list[dict[str, str]]:
    """Title and URL of each live information page shown in menus, in the page tree's order (cached until
    pages change: any page saved, published, unpublished, moved or deleted bumps the generation)."""
    return page_part_get(FOOTER_LINKS_CACHE_KEY, _footer_links)


def _footer_links() -> list[dict[str, str]]:
    from .models import InfoPage

    pages = InfoPage.objects.live().in_menu().order_by("path")
    return [{"title": page.title, "url": page.get_url()} for page in pages if page.get_url()]
