"""The learner's draft: the post's text, and its alternative text and credit line when the brief asks."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from core.validation import text_clean

from .exercises import Exercise


class PostDraftForm(forms.Form):
    text = forms.CharField(label=_("Your post"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    alt_text = forms.CharField(
        label=_("Alternative text of the image"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the image shows, for people who cannot see it."),
    )
    credit = forms.CharField(
        label=_("Credit line"),
        max_length=500,
        required=False,
        help_text=_("Artist, title, date, © or « domaine public », photographer."),
    )

    def __init__(self, *args: Any, exercise: Exercise, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not exercise.brief.has_image:
            del self.fields["alt_text"]
        if not exercise.brief.shows_artwork:
            del self.fields["credit"]
        for name, field in self.fields.items():
            field.widget.attrs["data-post-field"] = name  # read by the live check (static/js/post-check.js)

    def clean_text(self) -> str:
        return text_clean(self.cleaned_data["text"], max_length=5000)

    def clean_alt_text(self) -> str:
        return text_clean(self.cleaned_data.get("alt_text", ""), max_length=1000)

    def clean_credit(self) -> str:
        return text_clean(self.cleaned_data.get("credit", ""), max_length=500)
