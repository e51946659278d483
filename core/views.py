"""Views that belong to no feature: liveness and readiness checks."""

import logging

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)

READY_PROBE_KEY = "core:readyz"


@never_cache
@require_GET
def healthz(request):
    """Liveness: 200 whenever Django answers, whatever the database or cache (restart me only if this fails)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """Readiness: 503 without the database (pages cannot work); the cache is optional, reported as degraded."""
    cache_state = "ok" if _cache_answers() else "degraded"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Readiness check: database unreachable")
        return JsonResponse({"status": "error", "database": "unreachable", "cache": cache_state}, status=503)
    return JsonResponse({"status": "ok", "database": "ok", "cache": cache_state})


def _cache_answers() -> bool:
    """True when the cache stores and returns a value now (Redis backends are pinged directly)."""
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    try:
        cache.set(READY_PROBE_KEY, 1, timeout=5)
        return cache.get(READY_PROBE_KEY) == 1
    except Exception:  # any backend error means the cache cannot be relied on
        logger.warning("Readiness check: cache unavailable", exc_info=True)
        return False
