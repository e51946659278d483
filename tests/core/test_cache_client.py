"""The Redis cache keeps one client per connection pool instead of building one per operation (issue 16)."""

import os
import threading

import pytest

from core.cache import DegradingRedisCache

pytestmark = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a running Redis (REDIS_URL)")


@pytest.fixture
def redis_cache():
    cache = DegradingRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": "test-shared-client"})
    yield cache
    cache.delete_many(["a", "b"])


def test_operations_share_one_redis_client(redis_cache):
    redis_cache.set("a", 1)
    first = redis_cache._cache.get_client(write=True)

    assert redis_cache.get("a") == 1
    assert redis_cache._cache.get_client(write=True) is first
    assert redis_cache._cache.get_client() is first  # a single server: reads use the same pool


def test_the_shared_client_serves_concurrent_threads(redis_cache):
    errors = []

    def work(n):
        try:
            for i in range(50):
                redis_cache.set("b", (n, i))
                assert redis_cache.get("b") is not None
        except Exception as error:  # collected, asserted below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
