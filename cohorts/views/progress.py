"""A cohort's progress report, and one learner's attempts."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from .. import reports, selectors, tables
from ..forms import (
    ProgressFilterSet,
)
from ..models import ExportFile
from .base import (
    ExportButtonsMixin,
    OneCohortMixin,
    StaffReportView,
    StaffTemplateView,
    cohorts_breadcrumb,
    selected_option,
    sized_export_response,
    table_response,
)


class CohortProgressView(OneCohortMixin, ExportButtonsMixin, StaffReportView):
    """Learners × modules of one course: not started / in progress / complete, quiz score, last activity."""

    results_template_name = "cohorts/admin/progress_results.html"
    header_icon = "table"
    filterset_class = ProgressFilterSet
    paginate_by = 50

    @cached_property
    def courses(self):
        return reports.report_courses()

    @cached_property
    def course(self):
        return selected_option(self.request, "course", self.courses, default=self.courses[0] if self.courses else None)

    @cached_property
    def matrix_columns(self):
        return reports.module_columns(course=self.course) if self.course else []

    @cached_property
    def ordering_key(self):
        value = self.request.GET.get("ordering", "name")
        return value if value in reports.ORDERINGS else "name"

    def get_page_title(self):
        return _("Progress of %(cohort)s") % {"cohort": self.cohort.name}

    def get_breadcrumbs_items(self):
        return self.cohort_breadcrumbs(_("Progress"))

    def get_index_url(self):
        return reverse("cohorts_admin:progress", args=[self.cohort.pk])

    def get_index_results_url(self):
        return reverse("cohorts_admin:progress_results", args=[self.cohort.pk])

    def get_queryset(self):
        if self.course is None:
            return self.cohort.memberships.none()
        return reports.progress_memberships(
            cohort=self.cohort, course=self.course, columns=self.matrix_columns, ordering=self.ordering_key
        )

    def decorate_paginated_queryset(self, object_list):
        return reports.progress_rows(memberships=list(object_list), columns=self.matrix_columns)

    def sort_url(self, key: str) -> str:
        params = self.request.GET.copy()
        params["ordering"] = ("-" + key) if self.ordering_key == key else key
        params.pop("p", None)
        return self.request.path + "?" + params.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            courses=self.courses,
            course=self.course,
            matrix_columns=self.matrix_columns,
            module_count=sum(1 for column in self.matrix_columns if not column.is_final_quiz),
            ordering=self.ordering_key,
            sort_urls={key: self.sort_url(key) for key in ("name", "activity", "complete", "joined")},
        )
        return context

    def export_response(self, export_format):
        params = tables.progress_params(
            cohort=self.cohort,
            course_id=self.course.pk if self.course else None,
            ordering=self.ordering_key,
            learner=self.request.GET.get("learner", ""),
        )
        return sized_export_response(self.request, export_format, kind=ExportFile.Kind.PROGRESS, params=params)


# A learner ----------------------------------------------------------------------------------------


class LearnerDetailView(ExportButtonsMixin, StaffTemplateView):
    template_name = "cohorts/admin/learner_detail.html"
    header_icon = "user"

    @cached_property
    def learner(self):
        return selectors.learner_get(user=self.request.user, learner_id=self.kwargs["user_id"])

    def get_page_title(self):
        return self.learner.get_full_name()

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, cohorts_breadcrumb(), {"url": "", "label": self.get_page_title()}]

    def export_response(self, export_format):
        return table_response(export_format, tables.attempts_table(learner=self.learner))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            learner=self.learner,
            attempts=reports.learner_attempts(learner=self.learner),
            cohorts=reports.learner_cohorts(
                learner=self.learner, visible=selectors.cohorts_visible_to(user=self.request.user)
            ),
        )
        return context
