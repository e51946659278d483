"""Resolve a page URL with one lookup on ``url_path`` instead of Wagtail's walk down the tree.

Wagtail's ``Page.route`` asks the database for each level of the path (the child by slug, then that child's
specific page): a lesson five levels down took ten queries before its view ran. Every page stores its
``url_path`` (the slugs from the root), so the deepest page matching a prefix of the requested path is found in
one query, and its specific page in a second; both are then kept as a page part until pages change. What remains
of the path goes to that page's own ``route`` as Wagtail would have passed it, so routable pages and the 404 for
an unpublished page behave as before.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import DisallowedHost
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page, PageViewRestriction, Site

from .page_cache import page_part_get


def descendant_route_get(*, root: Page, path_components: Sequence[str]) -> tuple[Page, list[str]] | None:
    """The deepest descendant of ``root`` whose URL is a prefix of the path, with the components left over.

    None when no child of ``root`` matches the first component (Wagtail's walk would answer 404 there too).
    The specific page found is a page part (core.page_cache): kept until pages change, so a warm lookup runs
    no query. Any write to a page bumps the generation, so the copy is never older than the page.
    """
    found = page_part_get(
        f"course:route:{root.pk}:{'/'.join(path_components)}",
        lambda: _descendant_route(root, path_components),
    )
    if found is None:
        return None
    page, length = found
    return page, list(path_components[length:])


def _descendant_route(root: Page, path_components: Sequence[str]) -> tuple[Page, int] | None:
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
    return match.specific, prefixes[match.url_path]


class SiteMiddleware:
    """Hand Wagtail the request's site, with its specific root page, and the site root paths from the page
    parts (core.page_cache) instead of a query and a cache read on every page.

    Wagtail looks them up once per request and keeps them on the request (``_wagtail_site``,
    ``_wagtail_cached_site_root_paths``): setting them first only changes where they come from. Sites, pages
    and locales bump the generation when they change. Only requests routed to Wagtail's page view are
    concerned (not the admin, nor the probes, which must answer without the database); a host outside
    ``ALLOWED_HOSTS`` is left to Django.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        from wagtail import views as wagtail_views  # not at import time: it needs the models loaded

        if view_func is not wagtail_views.serve:
            return None
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        request._wagtail_site = page_part_get(  # type: ignore[attr-defined]  # Wagtail's own cache attribute
            f"core:site:{host}:{request.get_port()}", lambda: _site_with_root(request)
        )
        request._wagtail_cached_site_root_paths = page_part_get(  # type: ignore[attr-defined]  # idem
            "core:site-root-paths", Site.get_site_root_paths
        )
        return None


def _site_with_root(request: HttpRequest) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page.specific  # noqa: B018 -- loaded now, so that it is kept with the site
    return site


class CachedViewRestrictionsMixin:
    """For page models: the view restrictions that apply to the page, read once per generation.

    Wagtail checks them on every view of a page, with two queries (the ancestors, then the restrictions). The
    rows are the same for every reader and change only with a restriction or a page (both bump the
    generation). The answer is still Wagtail's queryset, filled with those rows: whoever iterates it (the
    serving hook) reads no database; whoever refines it (``order_by`` in the admin's privacy dialog) gets a new
    query on the same rows. Whether a restriction lets this request through is still decided per request.
    """

    pk: int

    def get_view_restrictions(self) -> QuerySet[PageViewRestriction]:
        rows: list[PageViewRestriction] = page_part_get(
            f"core:view-restrictions:{self.pk}",
            lambda: list(super(CachedViewRestrictionsMixin, self).get_view_restrictions()),  # type: ignore[misc]
        )
        queryset = PageViewRestriction.objects.filter(pk__in=[row.pk for row in rows])
        queryset._result_cache = rows  # Django's own cache of an evaluated queryset
        return queryset
