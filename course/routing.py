"""Resolve a page URL with one lookup on ``url_path`` instead of Wagtail's walk down the tree.

Wagtail's ``Page.route`` asks the database for each level of the path (the child by slug, then that child's
specific page): a lesson five levels down took ten queries before its view ran. Every page stores its
``url_path`` (the slugs from the root), so the deepest page matching a prefix of the requested path is found in
one query, and its specific page in a second. What remains of the path goes to that page's own ``route`` as
Wagtail would have passed it, so routable pages and the 404 for an unpublished page behave as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from wagtail.models import Page


def descendant_route_get(*, root: Page, path_components: Sequence[str]) -> tuple[Page, list[str]] | None:
    """The deepest descendant of ``root`` whose URL is a prefix of the path, with the components left over.

    None when no child of ``root`` matches the first component (Wagtail's walk would answer 404 there too).
    """
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
    return match.specific, list(path_components[prefixes[match.url_path] :])
