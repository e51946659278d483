"""Forms of the trainer workspace."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, cast

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput

from .imports import MAX_FILE_BYTES
from .models import Cohort, Membership
from .selectors import trainer_candidates

if TYPE_CHECKING:
    from accounts.models import User


class CohortForm(forms.ModelForm):
    trainers: forms.ModelMultipleChoiceField[User] = forms.ModelMultipleChoiceField(
        label=_("Trainers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("They see the learners of this cohort and their results."),
    )

    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "invitation_active", "trainers"]
        widgets = {"starts_on": AdminDateInput, "ends_on": AdminDateInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["trainers"]).queryset = trainer_candidates()

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = self.cleaned_data.get("starts_on"), self.cleaned_data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date must be on or after the start date."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One learner per line: an e-mail address, optionally followed by a full name "
            "(comma or semicolon separated). 1 MB at most."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB."))
        return upload.read()


class ConfirmImportForm(forms.Form):
    payload = forms.CharField(widget=forms.HiddenInput)


class WritingReviewForm(forms.Form):
    """A trainer's grade and feedback for one writing question."""

    points = forms.DecimalField(label=_("Points"), min_value=Decimal(0), decimal_places=2, max_digits=6)
    feedback = forms.CharField(
        label=_("Feedback to the learner"), widget=forms.Textarea(attrs={"rows": 6}), max_length=5000
    )
    ask_retry = forms.BooleanField(label=_("Ask the learner for a new attempt"), required=False)
    confirm_revocation = forms.BooleanField(
        label=_("I confirm: revoke the certificate(s) listed above, with the reason shown to the learner"),
        required=False,
    )

    def __init__(self, *args, max_points: Decimal, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_points = Decimal(str(max_points))
        self.fields["points"].widget.attrs["max"] = str(self.max_points)
        self.fields["points"].help_text = _("Between 0 and %(max)s.") % {"max": self.max_points}

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points > self.max_points:
            raise forms.ValidationError(_("At most %(max)s points.") % {"max": self.max_points})
        return points


class CrisisWritingReviewForm(forms.Form):
    """A trainer's grade and feedback for a writing step of a crisis simulation (the service checks the range)."""

    points = forms.IntegerField(label=_("Points"))
    feedback = forms.CharField(
        label=_("Feedback to the learner"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args, max_points: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"].widget.attrs.update(min="0", max=str(max_points))
        self.fields["points"].help_text = _("Between 0 and %(max)s.") % {"max": max_points}


class ProgressFilterSet(WagtailFilterSet):
    learner = django_filters.CharFilter(label=_("Learner name or e-mail"), method="filter_learner")

    class Meta:
        model = Membership
        fields: list[str] = []

    def filter_learner(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(Q(user__full_name__icontains=value) | Q(user__email__icontains=value))


class CohortIndexFilterSet(WagtailFilterSet):
    name = django_filters.CharFilter(label=_("Name"), lookup_expr="icontains")

    class Meta:
        model = Cohort
        fields: list[str] = []
