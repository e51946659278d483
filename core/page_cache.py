"""Full-page cache for anonymous visitors, and the generation number that invalidates cached page parts.

A visitor without a session cookie sees exactly what every other such visitor sees: the same lesson, the same
header with « Se connecter », no progress. :class:`AnonymousPageCacheMiddleware` keeps that response in the
cache and serves it again without running the rest of the stack (no session, no user, no page tree, no
template).

What is never cached, so that no one receives another person's page:

- any request that carries a session cookie (a signed-in learner, or anyone the site has put messages or
  other state in a session for) or a ``messages`` cookie; such requests never read the cache either;
- any response whose rendering asked for a CSRF token (a form with ``{% csrf_token %}``: the token belongs
  to one visitor), that sets a cookie, that is not a 200, or that says ``private`` / ``no-store``;
- anything but a published Wagtail page served to an anonymous user (``before_serve_page`` marks the request);
  previews are never cached.

Invalidation: the cache key carries a generation number that every change to the page tree bumps (publish,
unpublish, move, delete, view restrictions, learning paths, site settings), so a publication is visible on
the next request. Entries also expire after ``PAGE_CACHE_SECONDS``.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation

GENERATION_KEY = "core:pages-generation"
PAGE_CACHE_SECONDS = 600
CACHE_HEADER = "X-Page-Cache"
_CACHEABLE_FLAG = "_lumiere_page_cacheable"
_SKIPPED_HEADERS = {"set-cookie", "content-length", CACHE_HEADER.lower()}
# Page parts kept in this process's memory, per generation (see page_part_get); a bound on their number.
LOCAL_PARTS_MAX = 2000
# How long the shared cache keeps a page part: a bump makes it unreachable before, this only frees the memory.
PART_CACHE_SECONDS = 3600

T = TypeVar("T")

# The generation read during the current request (an empty list until read), see generation_pinned.
_pinned_generation: ContextVar[list[int] | None] = ContextVar("lumiere_pinned_generation", default=None)


def pages_generation() -> int:
    """The current generation of the page tree (changes whenever a page or what pages show changes).

    Inside :func:`generation_pinned` (every request) the shared cache is asked once and the answer reused: a
    signed-in lesson asked it three times, each a Redis round trip.
    """
    pinned = _pinned_generation.get()
    if pinned:
        return pinned[0]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        if not cache.add(GENERATION_KEY, generation, timeout=None):
            generation = cache.get(GENERATION_KEY, generation)
    if pinned is not None:
        pinned.append(generation)
    return generation


def pages_generation_bump(**kwargs) -> None:
    """Forget every cached page and page part (a signal receiver: pages changed)."""
    generation = time.time_ns()
    cache.set(GENERATION_KEY, generation, timeout=None)
    pinned = _pinned_generation.get()
    if pinned is not None:
        # The rest of this request (a publication, say) sees the new generation, as before pinning.
        pinned[:] = [generation]


@contextmanager
def generation_pinned(generation: int | None = None) -> Iterator[None]:
    """Read the generation at most once in this block (one request): what changes during the request is a
    bump by the request itself, which updates the pinned value. ``generation`` when it was read already."""
    token = _pinned_generation.set([] if generation is None else [generation])
    try:
        yield
    finally:
        _pinned_generation.reset(token)


class _LocalParts:
    """Page parts of one generation held in this process; replaced wholesale when the generation changes."""

    def __init__(self) -> None:
        self.generation: int | None = None
        self.values: dict[str, Any] = {}
        self.lock = threading.Lock()


_local_parts = _LocalParts()


def page_part_get(key: str, compute: Callable[[], T], *, timeout: int = PART_CACHE_SECONDS) -> T:
    """``compute()`` for ``key`` in the current generation: from this process's memory, else the shared cache,
    else computed and stored in both.

    For values that are the same for every visitor and change only when the generation does. An entry for a
    generation never changes, so each worker keeps what it read and asks Redis again only after a bump: a
    signed-in page read the cache some ten times per request. Values other than text are kept pickled and
    unpickled on each use, so that a request gets its own objects exactly as it did from Redis.
    """
    generation = pages_generation()
    parts = _local_parts
    if parts.generation != generation:
        with parts.lock:
            if parts.generation != generation:
                parts.values = {}
                parts.generation = generation
    values = parts.values
    stored = values.get(key)
    if stored is not None:
        # Text is kept as is (immutable); anything else was pickled by this function.
        return cast(T, stored if isinstance(stored, str) else pickle.loads(stored))  # noqa: S301
    shared_key = f"{key}:{generation}"
    value: T | None = cache.get(shared_key)
    if value is None:
        value = compute()
        cache.set(shared_key, value, timeout)
    if len(values) >= LOCAL_PARTS_MAX:
        values.clear()
    values[key] = value if isinstance(value, str) else pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    return value


def page_mark_cacheable(request, page) -> None:
    """Called when Wagtail serves ``page``: its response may be cached if the other conditions hold."""
    if not getattr(request, "is_preview", False):
        setattr(request, _CACHEABLE_FLAG, True)


def _is_anonymous_request(request) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and getattr(settings, "MESSAGES_COOKIE_NAME", "messages") not in request.COOKIES
    )


def _cache_key(request) -> str | None:
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    language = translation.get_language_from_request(request)
    digest = hashlib.sha256(f"{host}\n{language}\n{request.get_full_path()}".encode()).hexdigest()
    return f"core:page:{pages_generation()}:{digest}"


def _is_storable(request, response) -> bool:
    if not getattr(request, _CACHEABLE_FLAG, False) or response.status_code != 200 or response.streaming:
        return False
    # A page that asked for a CSRF token always sets the CSRF cookie (Django renews it on every use), so any
    # cookie on the response means the page is someone's own; the flag is checked too, should the order change.
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return False
    user = getattr(request, "user", None)
    return user is None or not user.is_authenticated


class AnonymousPageCacheMiddleware:
    """Serve published pages to visitors without a session from the cache (see the module's docstring).

    Sits after WhiteNoise and before the session middleware: a hit skips sessions, authentication, CSRF and
    the page itself, while the outer middleware (security headers) still runs. The stored response keeps the
    headers the inner middleware set (CSP, Vary, Content-Language, X-Frame-Options), never a cookie. Every
    request, cached or not, reads the page tree's generation at most once (:func:`generation_pinned`).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _is_anonymous_request(request):
            with generation_pinned():
                return self._respond(request)
        # A session cookie: the session and the generation are read together (core.sessions).
        from .sessions import session_prefetched

        session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
        with (
            session_prefetched(session_key, with_keys=[GENERATION_KEY]) as found,
            generation_pinned(found.get(GENERATION_KEY)),
        ):
            return self.get_response(request)

    def _respond(self, request):
        key = _cache_key(request)
        cached = cache.get(key)
        if cached is not None:
            status, headers, content = cached
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response[CACHE_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if _is_storable(request, response):
            headers = [(name, value) for name, value in response.items() if name.lower() not in _SKIPPED_HEADERS]
            cache.set(key, (response.status_code, headers, response.content), PAGE_CACHE_SECONDS)
            response[CACHE_HEADER] = "miss"
        return response
