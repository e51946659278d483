"""A Redis cache that degrades instead of breaking pages when Redis is gone.

Every page reads the cache (the header's catalogue link), and with Django's RedisCache a stopped Redis
turned each of them into a 500. Here a Redis error makes the cache behave as an empty one: reads miss,
writes are dropped, ``add`` succeeds, so pages render from the database and rate limits (allauth's,
the verification page's) let requests through: they fail open, with a log line, rather than lock
everyone out. After an error the cache stops asking Redis for ``RETRY_AFTER_SECONDS`` so that requests
do not each wait for a timeout; the first call after that tries again.
"""

from __future__ import annotations

import functools
import logging
import threading
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0


def _degrades_to(fallback):
    """Run the RedisCache method; on a Redis or socket error return ``fallback(*args)`` instead."""

    def decorator(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if self.is_degraded():
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except (RedisError, OSError) as error:
                self._mark_down(error)
                return fallback(*args, **kwargs)
            self._mark_up()
            return result

        return wrapper

    return decorator


def _none(*args, **kwargs):
    return None


def _default(key, default=None, version=None):
    return default


def _empty(*args, **kwargs):
    return {}


def _no_failures(*args, **kwargs):
    return []


def _true(*args, **kwargs):
    return True


def _false(*args, **kwargs):
    return False


def _delta(key, delta=1, version=None):
    return delta


class SharedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis cache client, keeping one ``redis.Redis`` per connection pool instead of one per call.

    Django builds a new ``redis.Redis`` for every cache operation, and its constructor (a dictionary of
    about 170 response callbacks) cost as much CPU as the GET itself: a signed-in page reads the cache some
    ten times (issue 16). A ``redis.Redis`` is safe to share between threads; the pool is shared already.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]  # undeclared in django-stubs
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))  # type: ignore[attr-defined]
        return client


class DegradingRedisCache(RedisCache):
    """Django's RedisCache that acts as an empty cache (and logs once) while Redis cannot be reached."""

    # RedisCache's client, a cached_property that django-stubs does not declare.
    _cache: RedisCacheClient

    def __init__(self, server: str | list[str], params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = SharedClientRedisCacheClient
        self._down_until = 0.0
        self._lock = threading.Lock()

    def is_degraded(self) -> bool:
        """True while Redis failed less than ``RETRY_AFTER_SECONDS`` ago."""
        return time.monotonic() < self._down_until

    def _mark_down(self, error: Exception) -> None:
        with self._lock:
            was_up = self._down_until == 0.0
            self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
        if was_up:
            logger.warning("Cache unavailable, serving without it (rate limits fail open): %s", error)

    def _mark_up(self) -> None:
        if self._down_until:
            with self._lock:
                self._down_until = 0.0
            logger.warning("Cache available again")

    def ping(self) -> bool:
        """True when Redis answers now (for the readiness check); never raises."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except (RedisError, OSError) as error:
            self._mark_down(error)
            return False

    get = _degrades_to(_default)(RedisCache.get)
    set = _degrades_to(_none)(RedisCache.set)
    add = _degrades_to(_true)(RedisCache.add)
    touch = _degrades_to(_false)(RedisCache.touch)
    delete = _degrades_to(_false)(RedisCache.delete)
    get_many = _degrades_to(_empty)(RedisCache.get_many)
    set_many = _degrades_to(_no_failures)(RedisCache.set_many)
    delete_many = _degrades_to(_none)(RedisCache.delete_many)
    has_key = _degrades_to(_false)(RedisCache.has_key)
    incr = _degrades_to(_delta)(RedisCache.incr)
    clear = _degrades_to(_false)(RedisCache.clear)
