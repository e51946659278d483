"""A cohort's progress report, and one learner's attempts."""

from __future__ import annotations

from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from .. import exports, reports, selectors
from ..forms import (
    ProgressFilterSet,
)
from .base import ExportButtonsMixin, StaffMixin, _export_format


class CohortProgressView(StaffMixin, ExportButtonsMixin, ReportView):
    """Learners × modules of one course: not started / in progress / complete, quiz score, last activity."""

    results_template_name = "cohorts/admin/progress_results.html"
    header_icon = "table"
    filterset_class = ProgressFilterSet
    paginate_by = 50

    @cached_property
    def cohort(self):
        return selectors.cohort_get(user=self.request.user, cohort_id=self.kwargs["cohort_id"])

    @cached_property
    def courses(self):
        return reports.report_courses()

    @cached_property
    def course(self):
        wanted = self.request.GET.get("course")
        return next((c for c in self.courses if str(c.pk) == wanted), self.courses[0] if self.courses else None)

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
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")},
            {"url": reverse("cohorts_admin:detail", args=[self.cohort.pk]), "label": self.cohort.name},
            {"url": "", "label": _("Progress")},
        ]

    def get_index_url(self):
        return reverse("cohorts_admin:progress", args=[self.cohort.pk])

    def get_index_results_url(self):
        return reverse("cohorts_admin:progress_results", args=[self.cohort.pk])

    def get_queryset(self):
        return reports.progress_memberships(cohort=self.cohort, columns=self.matrix_columns, ordering=self.ordering_key)

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

    def as_spreadsheet(self, queryset, spreadsheet_format):
        status_labels = {
            reports.CellStatus.NOT_STARTED: _("Not started"),
            reports.CellStatus.IN_PROGRESS: _("In progress"),
            reports.CellStatus.COMPLETE: _("Complete"),
        }
        headings = [_("Full name"), _("E-mail address"), _("Last activity"), _("Modules complete")]
        for column in self.matrix_columns:
            headings += [column.title, _("%(module)s – best quiz score (%%)") % {"module": column.title}]

        def rows():
            for row in reports.progress_rows_iter(memberships=queryset, columns=self.matrix_columns):
                values = [row.user.full_name, row.user.email, row.last_activity, row.modules_complete]
                for cell in row.cells:
                    values += [status_labels[cell.status], cell.quiz_percent]
                yield values

        return exports.export_response(
            export_format=spreadsheet_format,
            filename=f"{self.cohort.name}-progression",
            headings=headings,
            rows=rows(),
            sheet_title=_("Progress"),
        )

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format:
            return self.as_spreadsheet(self.get_filtered_queryset(), export_format)
        return super().get(request, *args, **kwargs)


# A learner ----------------------------------------------------------------------------------------


class LearnerDetailView(StaffMixin, ExportButtonsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/learner_detail.html"
    header_icon = "user"

    @cached_property
    def learner(self):
        return selectors.learner_get(user=self.request.user, learner_id=self.kwargs["user_id"])

    def get_page_title(self):
        return self.learner.get_full_name()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format:
            attempts = reports.learner_attempts(learner=self.learner)
            rows = (
                (
                    attempt.quiz.title,
                    attempt.number,
                    attempt.get_status_display(),
                    attempt.started_at,
                    attempt.submitted_at,
                    attempt.score,
                    attempt.max_score,
                    attempt.percent,
                    _("Waiting for review")
                    if attempt.is_pending_review
                    else (_("Yes") if attempt.is_passed else _("No")),
                )
                for attempt in attempts
            )
            return exports.export_response(
                export_format=export_format,
                filename=f"{self.learner.get_full_name()}-tentatives",
                headings=[
                    _("Quiz"),
                    _("Attempt"),
                    _("Status"),
                    _("Started"),
                    _("Submitted"),
                    _("Score"),
                    _("Maximum"),
                    _("Percent"),
                    _("Passed"),
                ],
                rows=rows,
                sheet_title=_("Attempts"),
            )
        return super().get(request, *args, **kwargs)

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
