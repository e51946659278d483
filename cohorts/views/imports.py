"""Importing learners into a cohort from a CSV file: upload, preview, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .. import services
from ..forms import (
    ConfirmImportForm,
    ImportForm,
)
from ..services import CohortError
from .base import OneCohortMixin, StaffTemplateView

IMPORT_SALT = "cohorts.import"
IMPORT_MAX_AGE = 60 * 60


class CohortImportView(OneCohortMixin, StaffTemplateView):
    """Upload → preview with one status or error per line → confirm; all or nothing."""

    template_name = "cohorts/admin/cohort_import.html"
    header_icon = "upload"

    def get_page_title(self):
        return _("Import learners")

    def get_page_subtitle(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        return self.cohort_breadcrumbs(self.get_page_title())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohort"] = self.cohort
        context.setdefault("form", ImportForm())
        context["actions"] = services.LineAction
        return context

    def _salt(self):
        return f"{IMPORT_SALT}.{self.cohort.pk}.{self.request.user.pk}"

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self._confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data["file"]
        preview = services.learners_import_preview(cohort=self.cohort, data=data)
        confirm = None
        if preview.is_valid:
            payload = signing.dumps(data.decode("latin-1"), salt=self._salt(), compress=True)
            confirm = ConfirmImportForm(initial={"payload": payload})
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, confirm_form=confirm),
            status=200 if preview.is_valid else 400,
        )

    def _confirm(self, request):
        try:
            data = signing.loads(request.POST["payload"], salt=self._salt(), max_age=IMPORT_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("This preview has expired or was altered; please upload the file again."))
            return redirect("cohorts_admin:import", cohort_id=self.cohort.pk)
        try:
            result = services.learners_import_apply(
                cohort=self.cohort, data=data.encode("latin-1"), invited_by=request.user
            )
        except CohortError as error:
            messages.error(request, str(error))
            return redirect("cohorts_admin:import", cohort_id=self.cohort.pk)
        messages.success(
            request,
            _("%(invited)s invitations sent. Learners join the cohort when they accept theirs.")
            % {"invited": result.invited},
        )
        return redirect("cohorts_admin:detail", cohort_id=self.cohort.pk)
