"""Site-wide middleware: hostile URLs refused early; Content-Security-Policy, relaxed only for Wagtail's admin."""

import re
from urllib.parse import unquote_plus

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from core.logging import REQUEST_ID_HEADER, request_id_from, request_id_var
from core.validation import has_control_characters

# A path segment of 20 digits or more cannot be a primary key (BigAutoField stops at 19 digits), yet the
# `<int:…>` converters of our views and Wagtail's admin hand it to the database, which overflows (a 500).
OVERSIZED_ID = re.compile(r"(?:^|/)[0-9]{20,}(?:/|$)")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send ``CONTENT_SECURITY_POLICY`` everywhere except under the Wagtail admin.

    The public site allows no inline script at all. Wagtail's admin bundles still rely on
    inline scripts and styles, so its URLs get ``ADMIN_CONTENT_SECURITY_POLICY`` instead. A page
    previewed in the admin's side panel is rendered through the whole middleware chain on a dummy
    request carrying the page's public path (``request.is_preview``); it keeps the public policy but
    may be framed by the admin (``PREVIEW_CONTENT_SECURITY_POLICY``).
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        if getattr(request, "is_preview", False):
            return PolicyParts(settings.PREVIEW_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        if request.path_info.startswith(self.admin_prefix):
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        return parts

    @property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")


class HostileUrlMiddleware:
    """Refuse URLs no browser sends before any view runs: 400 for control characters, 414 when absurdly long,
    404 for identifiers too large to exist.

    A ``%00`` in a certificate or search URL used to reach the database (PostgreSQL refuses NUL in text
    and the request ended in a 500); no page of the site has a use for control characters in its address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if len(request.path) + len(query) > settings.MAX_URL_LENGTH:
            return HttpResponse(_("This address is too long."), status=414, content_type="text/plain; charset=utf-8")
        if has_control_characters(request.path) or has_control_characters(unquote_plus(query, errors="replace")):
            return HttpResponseBadRequest(
                _("This address contains characters that are not allowed."), content_type="text/plain; charset=utf-8"
            )
        if OVERSIZED_ID.search(request.path):
            raise Http404("No object has an identifier this large.")
        return self.get_response(request)


class RequestIdMiddleware:
    """Give each request an id (the proxy's ``X-Request-ID`` if sane), put it in every log line it writes, and
    send it back in the response's ``X-Request-ID`` so a user's report can be matched with the logs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.META.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response["X-Request-ID"] = request_id
        return response
