"""Sessions: Django's ``cached_db`` store, whose cache read can share a round trip with other reads.

Every signed-in page reads its session from the cache and the page tree's generation (core.page_cache): two
Redis round trips, each a context switch on a busy machine. :func:`session_prefetched` reads both in one
``get_many`` at the start of the request; the store then takes its data from there instead of asking again.
What it takes is exactly what its own ``cache.get`` would have returned a moment later; a session missing
from the cache is loaded as before (cache, then database).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends import cached_db
from django.core.cache import caches

# Cache entries read ahead for this request (the session's among them), see session_prefetched.
_prefetched: ContextVar[dict[str, Any] | None] = ContextVar("lumiere_prefetched_session", default=None)


class SessionStore(cached_db.SessionStore):
    """``cached_db``, taking its cached data from :func:`session_prefetched` when it was read ahead."""

    def load(self) -> dict[str, Any]:
        prefetched = _prefetched.get()
        if prefetched and self.session_key:
            data = prefetched.pop(self.cache_key_prefix + self.session_key, None)
            if data is not None:
                return data
        return super().load()


def _is_plausible_key(session_key: str | None) -> bool:
    return bool(session_key) and 8 <= len(session_key or "") <= 64 and (session_key or "").isalnum()


@contextmanager
def session_prefetched(session_key: str | None, *, with_keys: Sequence[str]) -> Iterator[dict[str, Any]]:
    """Read ``with_keys`` (of the default cache) and the session ``session_key`` (from the cookie) in one round
    trip.

    Yields what was found among ``with_keys``; the session's data waits for this request's session store.
    Without a plausible session key, or with sessions in another cache, only ``with_keys`` are read.
    """
    cache = caches["default"]
    keys = list(with_keys)
    session_cache_key = None
    same_cache = settings.SESSION_CACHE_ALIAS == "default"
    if _is_plausible_key(session_key) and same_cache and __name__ == settings.SESSION_ENGINE:
        session_cache_key = SessionStore.cache_key_prefix + str(session_key)
        keys.append(session_cache_key)
    found = cache.get_many(keys)
    session: dict[str, Any] = {}
    if session_cache_key is not None and session_cache_key in found:
        session[session_cache_key] = found.pop(session_cache_key)
    token = _prefetched.set(session)
    try:
        yield found
    finally:
        _prefetched.reset(token)
