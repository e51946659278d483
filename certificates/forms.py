"""Forms: checking an uploaded credential, revoking a certificate in the admin."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import untrusted
from .credentials import CREDENTIAL_CONTEXTS
from .models import Certificate

MAX_CREDENTIAL_BYTES = untrusted.MAX_BYTES


class CredentialUploadForm(forms.Form):
    """A signed Open Badges credential (JSON file) to check."""

    credential = forms.FileField(
        label=_("Credential file (JSON)"),
        help_text=_("The Open Badges file downloaded from a certificate page, 64 KB at most."),
    )

    def clean_credential(self):
        """Parse and shape-check within fixed bounds, before any JSON-LD work (see certificates.untrusted)."""

        upload = self.cleaned_data["credential"]
        if upload.size > MAX_CREDENTIAL_BYTES:
            raise forms.ValidationError(_("The file is too large: a credential is at most 64 KB."))
        try:
            document = untrusted.credential_json_parse(upload.read(MAX_CREDENTIAL_BYTES + 1))
            untrusted.credential_shape_check(document, contexts=CREDENTIAL_CONTEXTS)
        except untrusted.UntrustedInputError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return document


class RevokeForm(WagtailAdminModelForm):
    """Trainers revoke a certificate with a reason the learner and employers will read."""

    class Meta:
        model = Certificate
        fields = ["revocation_reason"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["revocation_reason"]
        field.required = True
        field.help_text = _("Shown to the learner and on the public verification page.")
        if self.instance.is_revoked:
            field.disabled = True
