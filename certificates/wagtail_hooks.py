"""Admin wiring: trainers list and inspect certificates and revoke them with a reason."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from .forms import RevokeForm
from .models import Certificate
from .services import certificate_revoke


class CertificatePermissionPolicy(ModelPermissionPolicy):
    """Trainers and administrators view and revoke; certificates are never created or deleted by hand here."""

    ALLOWED = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.ALLOWED and user.is_active and (user.is_superuser or user.is_trainer)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Certificate, CertificatePermissionPolicy(Certificate), exact_class=True)


class RevokeView(EditView):
    """The "edit" view of a certificate only revokes it, through the service."""

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
    menu_order = 250
    add_to_admin_menu = True
    edit_view_class = RevokeView
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
