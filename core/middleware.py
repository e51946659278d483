"""Content-Security-Policy: strict on the public site, relaxed only where Wagtail's admin needs it."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.urls import reverse


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Send ``CONTENT_SECURITY_POLICY`` everywhere except under the Wagtail admin.

    The public site allows no inline script at all. Wagtail's admin bundles still rely on
    inline scripts and styles, so its URLs get ``ADMIN_CONTENT_SECURITY_POLICY`` instead.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(self.admin_prefix):
            return PolicyParts(settings.ADMIN_CONTENT_SECURITY_POLICY, parts.update, parts.replace, parts.nonce)
        return parts

    @property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")
