"""Admin wiring: trainers list and inspect certificates and revoke them with a reason.

Every view of the viewset reads through ``selectors.certificates_visible_to``: a trainer lists, opens
and revokes only the certificates of the learners in their scope (another cohort's answer 404).
"""

from django.contrib.admin.utils import unquote
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView, HistoryView, IndexView, InspectView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import RevokeForm
from .models import Certificate
from .selectors import certificates_visible_to
from .services import certificate_revoke


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Trainers and administrators view and revoke; certificates are never created or deleted by hand here."""

    ALLOWED = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED and user.is_active and (user.is_superuser or user.is_trainer)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.user_has_any_permission(user, actions)
            and certificates_visible_to(user=user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Certificate.objects.none()
        return certificates_visible_to(user=user)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate), exact_class=True)


class ScopedIndexView(IndexView):
    def get_base_queryset(self):
        return certificates_visible_to(user=self.request.user)


class ScopedInspectView(InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(certificates_visible_to(user=self.request.user), pk=unquote(str(self.pk)))


class ScopedHistoryView(HistoryView):
    def get_base_object_queryset(self):
        return certificates_visible_to(user=self.request.user)


class ScopedUsageView(UsageView):
    def get_base_object_queryset(self):
        return certificates_visible_to(user=self.request.user)


class RevokeView(EditView):
    """The "edit" view of a certificate only revokes it, through the service."""

    def get_queryset(self):
        return certificates_visible_to(user=self.request.user)

    page_title = _("Revoke")
    submit_button_label = _("Revoke the certificate")
    success_message = _("Certificate '%(object)s' revoked.")

    def get_form_class(self):
        return RevokeForm

    def save_instance(self):
        return certificate_revoke(
            certificate=self.object, by=self.request.user, reason=self.form.cleaned_data["revocation_reason"]
        )


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificates")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = ScopedIndexView
    edit_view_class = RevokeView
    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["learner_name", "course_title", "completed_on", "issued_at", "revoked_at"]
    list_filter = ["revoked_at", "completed_on"]
    search_fields = ["learner_name", "course_title", "public_id"]
    inspect_view_fields = [
        "learner_name",
        "course_title",
        "completed_on",
        "hours",
        "issuer_name",
        "issued_at",
        "public_id",
        "revoked_at",
        "revocation_reason",
        "revoked_by",
    ]
    form_fields = ["revocation_reason"]


@hooks.register("register_admin_viewset")
def register_certificate_viewset():
    return CertificateViewSet("certificate_admin", url_prefix="certificats")
