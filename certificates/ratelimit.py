"""A per-IP request budget kept in the default cache (Redis in production, so shared by every worker)."""

from __future__ import annotations

import time

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.core.cache import cache

PERIODS = {"s": 1, "m": 60, "h": 3600}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/m" → (30 requests, 60 seconds)."""
    amount, _, period = rate.partition("/")
    return int(amount), PERIODS[period]


def client_ip(request) -> str:
    """The client's address, trusting as many X-Forwarded-For hops as TRUSTED_PROXY_COUNT says (as allauth)."""
    try:
        return get_adapter(request).get_client_ip(request)
    except Exception:
        return "unknown"


def rate_limit_hit(request, *, scope: str, rate: str | None = None) -> bool:
    """Count one request; True when the client went over its budget for the current window."""
    amount, period = parse_rate(rate or settings.CERTIFICATE_VERIFY_RATE_LIMIT)
    window = int(time.time() // period)
    key = f"certificates:rl:{scope}:{client_ip(request)}:{window}"
    cache.add(key, 0, timeout=period + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=period + 1)
        count = 1
    return count > amount
