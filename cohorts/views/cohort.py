"""Cohorts: the list, the form, one cohort with its members, and its invitation actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets.button import Button, HeaderButton

from .. import selectors, services
from ..forms import (
    CohortForm,
    CohortIndexFilterSet,
)
from ..models import ExportFile
from .base import (
    ExportButtonsMixin,
    OneCohortMixin,
    StaffReportView,
    StaffTemplateView,
    cohorts_breadcrumb,
    require_staff,
    sized_export_response,
)


class CohortIndexView(StaffReportView):
    page_title = gettext_lazy("Cohorts")
    header_icon = "group"
    results_template_name = "cohorts/admin/cohort_index_results.html"
    index_url_name = "cohorts_admin:index"
    index_results_url_name = "cohorts_admin:index_results"
    filterset_class = CohortIndexFilterSet
    paginate_by = 50

    def get_queryset(self):
        return selectors.cohort_list(user=self.request.user).order_by("-starts_on", "name", "pk")

    def get_header_buttons(self):
        return [
            HeaderButton(_("Add a cohort"), url=reverse("cohorts_admin:create"), icon_name="plus", priority=10),
        ]


class CohortFormView(StaffTemplateView):
    template_name = "cohorts/admin/cohort_form.html"
    header_icon = "group"

    @cached_property
    def cohort(self):
        cohort_id = self.kwargs.get("cohort_id")
        return None if cohort_id is None else selectors.cohort_get(user=self.request.user, cohort_id=cohort_id)

    def get_page_title(self):
        return _("Edit cohort") if self.cohort else _("Add a cohort")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, cohorts_breadcrumb(), {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or CohortForm(
            instance=self.cohort, initial=None if self.cohort else {"trainers": [self.request.user.pk]}
        )
        context["cohort"] = self.cohort
        return context

    def post(self, request, *args, **kwargs):
        form = CohortForm(request.POST, instance=self.cohort)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        if self.cohort is None:
            cohort = services.cohort_create(
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                trainers=data["trainers"],
                created_by=request.user,
            )
            messages.success(request, _("Cohort « %(name)s » created.") % {"name": cohort.name})
        else:
            trainers = list(data["trainers"])
            if not request.user.is_superuser and request.user not in trainers:
                trainers.append(request.user)  # a trainer cannot lock themselves out of their cohort
            cohort = services.cohort_update(
                cohort=self.cohort,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                invitation_active=data["invitation_active"],
                trainers=trainers,
            )
            messages.success(request, _("Cohort « %(name)s » saved.") % {"name": cohort.name})
        return redirect("cohorts_admin:detail", cohort_id=cohort.pk)


class CohortDetailView(OneCohortMixin, ExportButtonsMixin, StaffTemplateView):
    template_name = "cohorts/admin/cohort_detail.html"
    header_icon = "group"

    def get_page_title(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        return self.cohort_breadcrumbs()

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Progress report"),
                url=reverse("cohorts_admin:progress", args=[self.cohort.pk]),
                icon_name="table",
                priority=10,
            ),
            *super().get_header_buttons(),
        ]

    def get_header_more_buttons(self):
        return [
            Button(_("Edit"), url=reverse("cohorts_admin:edit", args=[self.cohort.pk]), icon_name="edit", priority=10),
            Button(
                _("Import learners"),
                url=reverse("cohorts_admin:import", args=[self.cohort.pk]),
                icon_name="upload",
                priority=20,
            ),
            *self.export_buttons(),
        ]

    def export_response(self, export_format):
        return sized_export_response(
            self.request, export_format, kind=ExportFile.Kind.MEMBERS, params={"cohort_id": self.cohort.pk}
        )

    def get_context_data(self, **kwargs):

        context = super().get_context_data(**kwargs)
        paginator = Paginator(selectors.cohort_members(cohort=self.cohort), 100)
        context.update(
            cohort=self.cohort,
            members=paginator.get_page(self.request.GET.get("p")),
            trainers=list(self.cohort.trainers.order_by("full_name")),
            pending=list(selectors.cohort_pending_invitations(cohort=self.cohort)[:500]),
            now=timezone.now(),
            invitation_url=services.invitation_url(cohort=self.cohort),
        )
        return context


def _staff_cohort(request, cohort_id):
    """The cohort a POST action acts on: trainers and administrators only (403), their own cohorts only (404)."""
    require_staff(request)
    return selectors.cohort_get(user=request.user, cohort_id=cohort_id)


def _back_to_cohort(request, cohort, message):
    messages.success(request, message)
    return redirect("cohorts_admin:detail", cohort_id=cohort.pk)


@require_POST
def invitation_rotate(request, cohort_id):
    cohort = _staff_cohort(request, cohort_id)
    services.invitation_token_rotate(cohort=cohort)
    return _back_to_cohort(request, cohort, _("A new invitation link was created; the previous one no longer works."))


@require_POST
def membership_remove(request, cohort_id, user_id):
    cohort = _staff_cohort(request, cohort_id)
    if not services.membership_remove(cohort=cohort, user_id=user_id):
        raise Http404("Not a member of this cohort.")
    return _back_to_cohort(request, cohort, _("The learner was removed from the cohort. Their progress is kept."))


@require_POST
def pending_invitation_cancel(request, cohort_id, invitation_id):
    cohort = _staff_cohort(request, cohort_id)
    if not services.pending_invitation_cancel(cohort=cohort, invitation_id=invitation_id):
        raise Http404("No such invitation.")
    return _back_to_cohort(request, cohort, _("The invitation was cancelled."))
