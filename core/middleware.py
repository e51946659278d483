"""Content-Security-Policy: strict on the public site, relaxed only where Wagtail's admin needs it."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


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
