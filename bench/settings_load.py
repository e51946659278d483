"""Production settings for the load test, served over plain HTTP on 127.0.0.1.

Imports ``config.settings.production`` unchanged and relaxes only what plain HTTP cannot carry: the
HTTPS redirect and the ``Secure`` flag of the session and CSRF cookies (a client never sends a secure
cookie back over ``http://``). In production a TLS proxy sits in front of gunicorn; the load test
measures the application behind it, not TLS.
"""

from config.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
