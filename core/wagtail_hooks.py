"""Mark the requests that serve a Wagtail page, for the anonymous page cache (core.page_cache)."""

from wagtail import hooks

from .page_cache import page_mark_cacheable


@hooks.register("before_serve_page")
def page_cache_before_serve_page(page, request, serve_args, serve_kwargs):
    page_mark_cacheable(request, page)
