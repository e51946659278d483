"""Read configuration from environment variables.

Kept free of Django imports so the settings modules and their tests can use it directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
    a busy timeout. Both keep connections open between requests (PostgreSQL checks them first):
    opening a SQLite connection (its pragmas, Django's functions) and closing it cost a signed-in
    page about as much as its three queries (issue 16).
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
        config["CONN_MAX_AGE"] = 600
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


def storages_config(environ: Mapping[str, str], *, var_dir: Path) -> dict[str, Any]:
    """STORAGES: local disk under var/ by default; an S3-compatible bucket when AWS_STORAGE_BUCKET_NAME is set.

    In the bucket, uploads (Wagtail images and documents) live under ``media/`` and private files (certificate
    PDFs) under ``private/``, optionally in their own bucket (AWS_PRIVATE_STORAGE_BUCKET_NAME). Objects are
    never given a public ACL: links to private files are signed and expire after AWS_PRIVATE_URL_EXPIRE
    seconds; media links are signed too unless AWS_QUERYSTRING_AUTH=false (a bucket policy or CDN makes
    ``media/`` readable). Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or the machine's
    role), read by boto3.
    """
    staticfiles = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return {
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            # base_url None: Django's MEDIA_URL, which never serves this directory (it is outside MEDIA_ROOT).
            "private": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(var_dir / "private")},
            },
            "staticfiles": staticfiles,
        }
    common = {
        "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
        "region_name": environ.get("AWS_S3_REGION_NAME") or None,
        "signature_version": "s3v4",
        "addressing_style": environ.get("AWS_S3_ADDRESSING_STYLE") or None,
        "default_acl": None,
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": bucket,
                "location": "media",
                "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
                "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True, environ),
                "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 3600, environ),
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "bucket_name": environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "").strip() or bucket,
                "location": "private",
                "custom_domain": None,  # a custom domain would turn signing off
                "querystring_auth": True,
                "querystring_expire": env_int("AWS_PRIVATE_URL_EXPIRE", 300, environ),
            },
        },
        "staticfiles": staticfiles,
    }


def media_origin(environ: Mapping[str, str]) -> str | None:
    """The origin media are served from when they live in a bucket (for the Content-Security-Policy's img-src)."""
    if not environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
        return None
    if domain := environ.get("AWS_S3_CUSTOM_DOMAIN"):
        return f"https://{domain}"
    if endpoint := environ.get("AWS_S3_ENDPOINT_URL"):
        parts = urlsplit(endpoint)
        return f"{parts.scheme}://{parts.netloc}"
    return "https://*.amazonaws.com"


TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}


def tasks_config(name: str) -> dict[str, Any]:
    """TASKS for django-tasks: "immediate" runs a task inside the call that enqueues it (bin/run, tests);
    "database" stores it in the database for `manage.py db_worker` (production)."""
    try:
        backend = TASK_BACKENDS[name.strip().lower()]
    except KeyError as exc:
        raise ConfigurationError(f"TASKS_BACKEND must be immediate or database, got {name!r}") from exc
    return {"default": {"BACKEND": backend, "QUEUES": ["default"]}}
