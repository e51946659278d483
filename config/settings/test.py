"""Tests: fast hashing, in-memory cache and mail; DATABASE_URL selects SQLite or PostgreSQL."""

import os

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("LUMIERE_VAR_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "var", "test"))

from config.env import tasks_config

from .base import *

SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING["root"]["level"] = "WARNING"
# Tasks run inside the call that enqueues them, whatever the environment says.
TASKS = tasks_config("immediate")
# The test database's name, when the default "test_<name>" is not the one to use (e.g. a prefix per team).
if os.environ.get("TEST_DATABASE_NAME"):
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
CERTIFICATE_PDF_PRERENDER = False
