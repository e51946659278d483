"""Resolve a page URL with one lookup on ``url_path`` instead of Wagtail's walk down the tree.

Wagtail's ``Page.route`` asks the database for each level of the path (the child by slug, then that child's
specific page): a lesson five levels down took ten queries before its view ran. Every page stores its
``url_path`` (the slugs from the root), so the deepest page matching a prefix of the requested path is found in
one query, and its specific page in a second. What remains of the path goes to that page's own ``route`` as
Wagtail would have passed it, so routable pages and the 404 for an unpublished page behave as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from wagtail.models import Page

ROUTE_CACHE_SECONDS = 3600


def descendant_route_get(*, root: Page, path_components: Sequence[str]) -> tuple[Page, list[str]] | None:
    """The deepest descendant of ``root`` whose URL is a prefix of the path, with the components left over.

    None when no child of ``root`` matches the first component (Wagtail's walk would answer 404 there too).
    The match (page id, type, length) is cached until pages change (core.page_cache's generation), so a warm
    lookup is one query: the specific page itself.
    """
    from .page_cache import pages_generation

    key = f"course:route:{pages_generation()}:{root.pk}:{'/'.join(path_components)}"
    cached = cache.get(key)
    if cached is not None:
        page_id, content_type_id, length = cached
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        # Every Page model has its ``objects`` PageManager; type[Model] does not declare it.
        page = model.objects.filter(pk=page_id).first() if model is not None else None  # type: ignore[attr-defined]
        if page is not None:
            return page, list(path_components[length:])
    base = root.url_path
    prefixes = {}
    for length in range(1, len(path_components) + 1):
        prefixes[base + "/".join(path_components[:length]) + "/"] = length
    match = (
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth)
        .order_by("-depth")
        .first()
    )
    if match is None:
        return None
    length = prefixes[match.url_path]
    cache.set(key, (match.pk, match.content_type_id, length), ROUTE_CACHE_SECONDS)
    return match.specific, list(path_components[length:])
