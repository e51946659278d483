"""The site's public address: the one source of every absolute URL (e-mails, PDFs, credentials, sitemap).

Absolute URLs leave the site (printed on certificates, signed into credentials, sent by e-mail), so they
must name the address people actually reach, not the host a test or a development server defaulted to.
The `BASE_URL` setting wins when it is set (production: the proxy's public address); otherwise the
address is the Wagtail default `Site`'s hostname and port, or, while answering a request, the address
that request came in on (which is what the learner sees in the address bar).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from wagtail.models import Site

FALLBACK_BASE_URL = "http://localhost"


def request_origin(request: HttpRequest) -> str:
    """The scheme and host a request came in on, e.g. ``http://127.0.0.1:8401`` (Host checked by ALLOWED_HOSTS)."""
    return f"{request.scheme}://{request.get_host()}"


def public_base_url(*, request: HttpRequest | None = None) -> str:
    """The public base URL without a trailing slash, e.g. ``https://lumiere.example.org``.

    Order: the `BASE_URL` setting; else the address of the request being answered; else the default
    Wagtail Site. URLs that must never change with the visitor (credential ids, the QR code, anything
    stored) are built without a request.
    """
    configured = (getattr(settings, "BASE_URL", "") or "").rstrip("/")
    if configured:
        return configured
    if request is not None:
        return request_origin(request)
    default = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    return default.root_url if default is not None else FALLBACK_BASE_URL


def public_url(path: str = "", *, request: HttpRequest | None = None) -> str:
    """The absolute public URL of a site path (from reverse() or a page's url), e.g. ``/certificats/…``."""
    if path and not path.startswith("/"):
        raise ValueError(f"public_url() takes a path starting with '/', got {path!r}")
    return public_base_url(request=request) + path


def page_public_url(page, *, request: HttpRequest | None = None) -> str:
    """A Wagtail page's absolute public URL, or "" when the page is not routable (outside every Site)."""
    url_parts = page.get_url_parts(request=request)
    if url_parts is None or url_parts[2] is None:
        return ""
    return public_url(url_parts[2], request=request)
