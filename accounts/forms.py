"""Sign-up and profile forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validation import reject_control_characters

from .models import Role, User


def full_name_clean(value: str) -> str:
    """The name as printed on certificates: no control characters, single spaces, never blank.

    Sign-up and the profile form share it, so a name accepted at sign-up is never refused later (or the reverse).
    """
    reject_control_characters(value)
    name = " ".join(value.split())
    if not name:
        raise forms.ValidationError(_("Please enter your name."))
    return name


class SignupForm(forms.Form):
    """Fields allauth adds to its e-mail + password sign-up form."""

    full_name = forms.CharField(
        label=_("Full name"),
        max_length=150,
        help_text=_("As it should appear on your certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    role = forms.ChoiceField(
        label=_("Your role"),
        choices=Role.choices,
        help_text=_("We recommend a learning path for your role."),
    )

    field_order = ["full_name", "email", "role", "password1", "password2"]

    def clean_full_name(self):
        return full_name_clean(self.cleaned_data["full_name"])

    def signup(self, request, user):
        user.full_name = self.cleaned_data["full_name"]
        user.role = self.cleaned_data["role"]
        user.save(update_fields=["full_name", "role"])


class ProfileForm(forms.ModelForm):
    """What a learner may change about themselves (the e-mail has its own allauth page)."""

    class Meta:
        model = User
        fields = ["full_name", "role"]
        widgets = {"full_name": forms.TextInput(attrs={"autocomplete": "name"})}

    def clean_full_name(self):
        return full_name_clean(self.cleaned_data["full_name"])
