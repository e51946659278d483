"""Item analysis of a quiz: statistics per question and for the whole test, with charts."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from .. import analysis_display, analysis_refresh, reports, tables
from .base import CohortFilterMixin, ExportButtonsMixin, StaffTemplateView, selected_option, table_response


class QuizAnalysisView(CohortFilterMixin, ExportButtonsMixin, StaffTemplateView):
    template_name = "cohorts/admin/quiz_analysis.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Quiz item analysis")

    @cached_property
    def quizzes(self):
        return reports.report_quizzes()

    @cached_property
    def quiz(self):
        return selected_option(self.request, "quiz", self.quizzes)

    @cached_property
    def all_attempts(self):
        return self.request.GET.get("attempts") == "all"

    def get_header_more_buttons(self):
        return super().get_header_more_buttons() if self.quiz else []

    def _shown(self, *, allow_stale: bool) -> analysis_refresh.StoredAnalysis:
        return analysis_refresh.quiz_analysis_shown(
            quiz=self.quiz,
            analysis_scope=analysis_refresh.analysis_scope_get(user=self.request.user, cohort=self.cohort),
            all_attempts=self.all_attempts,
            allow_stale=allow_stale,
        )

    def export_response(self, export_format):
        if self.quiz is None:
            return None
        # A download carries no date: it always holds current figures, computed now if need be.
        analysis = self._shown(allow_stale=False).analysis
        return table_response(export_format, tables.analysis_table(quiz_title=self.quiz.title, analysis=analysis))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quizzes=self.quizzes, cohorts=self.cohorts, selected_cohort=self.cohort, quiz=self.quiz)
        context["all_attempts"] = self.all_attempts
        if self.quiz:
            shown = self._shown(allow_stale=True)
            analysis = shown.analysis
            charts = analysis_display.analysis_charts(analysis)
            context.update(
                analysis=analysis,
                computed_at=shown.computed_at,
                is_updating=shown.is_updating,
                test_rows=analysis_display.test_summary_rows(analysis.test),
                facility_chart=charts.facility,
                efficiency_chart=charts.efficiency,
                option_charts=charts.options,
            )
        return context
