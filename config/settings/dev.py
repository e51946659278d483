"""Local development: DEBUG on, console e-mail, SQLite under var/ unless DATABASE_URL says otherwise."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *

SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
