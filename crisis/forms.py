"""The scenario editor's form: the graph edited as YAML (the format of the content files) and played as forms."""

from __future__ import annotations

from typing import Any

import yaml
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class YamlField(forms.JSONField):
    """A JSON field typed as YAML: trainers write the same format as the content files, comments aside."""

    widget = forms.Textarea(attrs={"rows": 30, "class": "crisis-yaml", "spellcheck": "false"})
    default_error_messages = {"invalid": _("This is not valid YAML: %(error)s")}

    def to_python(self, value: Any) -> Any:
        if self.disabled or value in self.empty_values:
            return None if value in self.empty_values else value
        if isinstance(value, dict | list):
            return value
        try:
            return yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise forms.ValidationError(
                self.error_messages["invalid"], code="invalid", params={"error": str(exc)}
            ) from exc

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str):  # already text (a bound form shown again with its errors)
            return value
        if value is None:
            return ""
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=100)

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            return self.to_python(data) != initial
        except forms.ValidationError:
            return True

    def bound_data(self, data: Any, initial: Any) -> Any:
        return data


class CrisisScenarioPageForm(WagtailAdminPageForm):
    definition = YamlField(
        label=_("scenario"),
        help_text=_(
            "Start, criteria, pass mark and steps, in the format of the content files (scenario-*.yaml). "
            "The page cannot be saved while the graph has errors."
        ),
    )


class ChoiceForm(forms.Form):
    """A choice step's answer: one of the step's choices."""

    choice = forms.ChoiceField(widget=forms.RadioSelect, label=_("Your decision"))

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["choice"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = choices


class WritingForm(forms.Form):
    """A writing step's answer: the text the learner would publish."""

    text = forms.CharField(label=_("Your text"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000, strip=True)
