"""Settings shared by every environment. Values that differ come from the environment."""

import os
from pathlib import Path
from typing import Any

from config.env import (
    ConfigurationError,
    cache_config,
    database_config,
    env_bool,
    env_int,
    env_list,
    media_origin,
    storages_config,
    tasks_config,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LUMIERE_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [])

INSTALLED_APPS = [
    "core",
    "accounts",
    "course",
    "lessons",
    "quizzes",
    "progress",
    "cohorts",
    "reminders",
    "certificates",
    "guide",
    "studio",
    "crisis",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "allauth_fr",  # before allauth: its French strings with French typography win
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "core.middleware.RequestIdMiddleware",
    "core.middleware.HostileUrlMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.page_cache.AnonymousPageCacheMiddleware",
    "core.routing.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "core.context_processors.navigation",
                "course.context_processors.catalogue",
            ],
        },
    },
]

# Database and cache ---------------------------------------------------------------------------
DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"), default_sqlite_path=VAR_DIR / "db.sqlite3")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = cache_config(REDIS_URL)

# Sessions read from the cache, written through to the database: one query fewer on every signed-in page,
# and nothing lost when Redis restarts (the database still holds them).
# core.sessions is cached_db whose cache read shares the round trip of the page tree's generation.
SESSION_ENGINE = "core.sessions"

# Accounts ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# Argon2id first (OWASP's and Django's recommendation); it also costs about half the CPU of PBKDF2's
# million iterations per sign-in here, which matters when a whole class signs in at once. Older PBKDF2
# hashes still verify and are upgraded at the next sign-in.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Which learners a trainer may see (accounts.scope asks this function; see cohorts/scope.py).
LEARNER_SCOPE = "cohorts.scope.learners_in_scope"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "progress:dashboard"  # learners land on their own learning

ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Lumière] "
ACCOUNT_RATE_LIMITS = {
    # Sized for a class of 60 signing in at once behind one museum NAT (README, Security).
    "login": "90/m/ip",
    # Failed logins: 30 a minute from one address, and 5 per 5 minutes for one account *from one address*
    # (accounts.adapter keys "key" on account + address, so a victim still signs in from her network).
    "login_failed": "30/m/ip,5/300s/key",
    # A class of 30 creating their accounts in the same minute behind one museum NAT (README, Security).
    "signup": "40/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Lumière"
# Accept the code of the previous or next 30-second step too (RFC 6238 §5.2 recommends one step of tolerance): a
# phone's clock drifts, and a code typed as its step ends would otherwise be refused.
MFA_TOTP_TOLERANCE = 1

# Internationalisation ----------------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language the course content (pages, quizzes, certificates) is written in, whatever the interface language.
CONTENT_LANGUAGE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# Certificates ------------------------------------------------------------------------------------
# The Ed25519 key that signs Open Badges credentials (`manage.py create_signing_key`); never in the repository.
CREDENTIAL_SIGNING_KEY_PATH = Path(
    os.environ.get("CREDENTIAL_SIGNING_KEY_PATH", VAR_DIR / "keys" / "credential-signing-key.pem")
)
CERTIFICATE_VERIFY_RATE_LIMIT = "30/m"  # verification page and upload form, per client IP address
STUDIO_CHECK_RATE_LIMIT = 60  # live checks of a post per learner and minute (a debounced script sends ~1 per pause)
# The guide course's source files (`manage.py load_guide_course`), and among them each network's publishing
# figures: the post checker's limits for a network that has no platform-facts snippet yet (studio.platform_figures).
CONTENT_DIR = BASE_DIR / "content"
PLATFORM_FACTS_FILE = CONTENT_DIR / "platforms.yaml"

# Static and media files --------------------------------------------------------------------------
STATIC_URL = "/static/"
# collectstatic's output: part of a release, built once and shipped to every app host (deploy/).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# "default" holds uploaded images and documents; "private" holds what only permission-checked views may hand
# out (certificate PDFs). Local disk unless AWS_STORAGE_BUCKET_NAME names an S3-compatible bucket
# (config.env.storages_config; README, Configuration).
STORAGES = storages_config(os.environ, var_dir=VAR_DIR)
MEDIA_ORIGIN = media_origin(os.environ)  # None on local disk

# Background tasks --------------------------------------------------------------------------------
# django-tasks: immediate (in the request, no extra process) unless TASKS_BACKEND=database, where tasks are rows
# in PostgreSQL run by `manage.py db_worker` (README, Production).
TASKS = tasks_config(os.environ.get("TASKS_BACKEND", "immediate"))
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 5)
# With a worker, certificate PDFs are rendered in the background as soon as issued (or revoked); without one
# (immediate backend) the first download renders them, keeping requests that grade quizzes fast.
CERTIFICATE_PDF_PRERENDER = TASKS["default"]["BACKEND"] != "django_tasks.backends.immediate.ImmediateBackend"

# Trainer exports (cohorts.export_files): a report with more rows than this is written by the task worker to
# private storage and listed in « Mes exports »; smaller ones are streamed at once. Files expire after N days.
EXPORT_BACKGROUND_ROWS = env_int("EXPORT_BACKGROUND_ROWS", 2000)
EXPORT_FILE_DAYS = env_int("EXPORT_FILE_DAYS", 7)

# Reminders (reminders app): a learner with an unfinished course and no activity for this many days gets one
# e-mail per inactivity period (`manage.py send_reminders`, daily timer).
REMINDER_INACTIVE_DAYS = env_int("REMINDER_INACTIVE_DAYS", 14)
# The weekly digest of content past its review date (`manage.py send_stale_content_digest`): each entry is the
# dotted path of a function ``(*, today) -> list[reminders.digest.StaleItem]``. Platform facts plug in here.
STALE_CONTENT_SOURCES = [
    "reminders.digest.stale_lessons",
    "reminders.digest.stale_platform_facts",
]

# E-mail ------------------------------------------------------------------------------------------
# The backend that really delivers. With EMAIL_QUEUED (default with the database task backend) requests only
# queue their e-mails and the task worker delivers them with it (core.mail).
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_QUEUED = env_bool("EMAIL_QUEUED", TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend")
EMAIL_BACKEND = "core.mail.QueuedEmailBackend" if EMAIL_QUEUED else EMAIL_DELIVERY_BACKEND
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
if os.environ.get("EMAIL_FILE_PATH"):  # django.core.mail.backends.filebased.EmailBackend (bin/fleet, tests)
    EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lumière <no-reply@lumiere.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security ----------------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views opt in to SAMEORIGIN themselves.
# Longest path + query string accepted (core.middleware.HostileUrlMiddleware answers 414 beyond it).
MAX_URL_LENGTH = 8192
_proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (_proxy_header, "https")

VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "font-src": ["'self'"],
        "frame-src": ["'self'", *VIDEO_EMBED_ORIGINS],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# The Wagtail admin is ours only in part: its bundled scripts and styles still need inline code.
ADMIN_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
    "frame-ancestors": ["'self'"],  # the preview panel frames the page being edited
}
# A page previewed in the admin's side panel: the public policy, framed by the admin only.
PREVIEW_CONTENT_SECURITY_POLICY = {**CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": ["'self'"]}

# Wagtail -----------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Lumière"
# The public address of the site, for every absolute URL (core.urls.public_base_url). Unset, the default
# Wagtail Site's hostname and port are used (bin/run sets both to the address it serves).
BASE_URL = os.environ.get("BASE_URL", "").rstrip("/")
# Wagtail reads its own copy once (its notification e-mails): it cannot follow the Site, hence BASE_URL.
WAGTAILADMIN_BASE_URL = BASE_URL or "http://localhost:8000"
WAGTAILADMIN_LOGIN_URL = "wagtailadmin_login"  # config.urls.AdminLoginRedirectView, then allauth
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False  # allauth manages passwords.
# No third-party avatar: Gravatar leaks trainers' e-mail hashes and the CSP blocks it (broken images).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Logs: one JSON object per line with the request id (LOG_FORMAT=json, the production default), or plain text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
if LOG_FORMAT not in {"text", "json"}:
    raise ConfigurationError(f"LOG_FORMAT must be text or json, got {LOG_FORMAT!r}")
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logging.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(asctime)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(request_id)s %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["request_id"], "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # One line per background task run (Wagtail's reference index after every page save) is noise.
    "loggers": {"django_tasks": {"level": "WARNING"}, "django_tasks_db": {"level": "WARNING"}},
}
