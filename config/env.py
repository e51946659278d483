"""Read configuration from environment variables.

Kept free of Django imports so the settings modules and their tests can use it directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


class ConfigurationError(RuntimeError):
    """A required or malformed environment variable."""


def env_bool(name: str, default: bool, environ: Mapping[str, str] = os.environ) -> bool:
    """Parse a boolean variable; anything but a known true/false word is an error."""
    raw = environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ConfigurationError(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int, environ: Mapping[str, str] = os.environ) -> int:
    raw = environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: list[str], environ: Mapping[str, str] = os.environ) -> list[str]:
    """A comma-separated list; blank items are dropped."""
    raw = environ.get(name)
    if raw is None:
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def database_config(url: str | None, *, default_sqlite_path: Path) -> dj_database_url.DBConfig:
    """Build a DATABASES["default"] entry from a DATABASE_URL.

    SQLite runs with IMMEDIATE transactions (a writer takes the lock when its transaction
    starts, so concurrent writers wait instead of failing with "database is locked"), WAL and
    a busy timeout. PostgreSQL keeps connections open between requests and checks them first.
    """
    if not url:
        default_sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{default_sqlite_path}"
    try:
        config = dj_database_url.parse(url)
    except (ValueError, KeyError) as exc:
        raise ConfigurationError(f"DATABASE_URL is not a supported database URL: {exc}") from exc
    engine = config["ENGINE"]
    if engine == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    elif engine == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = 600
        config["CONN_HEALTH_CHECKS"] = True
    else:
        raise ConfigurationError(f"DATABASE_URL must point to SQLite or PostgreSQL, got {engine}")
    return config


def cache_config(redis_url: str | None) -> dict[str, Any]:
    """Redis when REDIS_URL is set (shared by all workers), local memory otherwise.

    The Redis backend degrades to "no cache" when Redis is down (core.cache), and short socket
    timeouts keep a hung Redis from holding a worker: the cache is an optimisation, never a dependency.
    """
    if redis_url:
        return {
            "default": {
                "BACKEND": "core.cache.DegradingRedisCache",
                "LOCATION": redis_url,
                "KEY_PREFIX": "lumiere",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
