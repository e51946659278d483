"""Item analysis of a quiz: statistics per question and for the whole test, with charts."""

from __future__ import annotations

from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import charts, exports, reports, selectors
from .base import ExportButtonsMixin, StaffMixin, _export_format, _percent


class QuizAnalysisView(StaffMixin, ExportButtonsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/quiz_analysis.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Quiz item analysis")

    @cached_property
    def quizzes(self):
        return reports.report_quizzes()

    @cached_property
    def cohorts(self):
        return list(selectors.cohorts_visible_to(user=self.request.user).order_by("name"))

    @cached_property
    def quiz(self):
        wanted = self.request.GET.get("quiz")
        return next((quiz for quiz in self.quizzes if str(quiz.pk) == wanted), None)

    @cached_property
    def cohort(self):
        wanted = self.request.GET.get("cohort")
        if not wanted:
            return None
        cohort = next((cohort for cohort in self.cohorts if str(cohort.pk) == wanted), None)
        if cohort is None:
            raise Http404("No such cohort.")
        return cohort

    @cached_property
    def all_attempts(self):
        return self.request.GET.get("attempts") == "all"

    def get_header_more_buttons(self):
        return super().get_header_more_buttons() if self.quiz else []

    def _analysis(self):
        learners = selectors.learners_visible_to(user=self.request.user)
        if self.cohort is not None:
            learners = learners.filter(cohort_memberships__cohort=self.cohort)
        return reports.quiz_analysis_cached(quiz=self.quiz, learners=learners, all_attempts=self.all_attempts)

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format and self.quiz:
            analysis = self._analysis()
            return exports.export_response(
                export_format=export_format,
                filename=f"{self.quiz.title}-analyse",
                headings=[
                    _("Question"),
                    _("Prompt"),
                    _("Attempts"),
                    _("Facility index (%)"),
                    _("Standard deviation (%)"),
                    _("Discrimination index (%)"),
                    _("Discriminative efficiency (%)"),
                    _("Flagged"),
                ],
                rows=(
                    (
                        q.number,
                        q.prompt,
                        q.stats.attempt_count,
                        _round(q.stats.facility, 100),
                        _round(q.stats.standard_deviation, 100 / q.stats.max_mark if q.stats.max_mark else None),
                        _round(q.stats.discrimination_index, 100),
                        _round(q.stats.discriminative_efficiency, 100),
                        _("Yes") if q.stats.is_dubious else "",
                    )
                    for q in analysis.questions
                ),
                sheet_title=_("Item analysis"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quizzes=self.quizzes, cohorts=self.cohorts, selected_cohort=self.cohort, quiz=self.quiz)
        context["all_attempts"] = self.all_attempts
        if self.quiz:
            analysis = self._analysis()
            context["analysis"] = analysis
            context["test_rows"] = _test_rows(analysis.test)
            context["facility_chart"] = charts.bar_chart_svg(
                chart_id="facility",
                title=_("Facility index per question"),
                description=_(
                    "Mean mark as a percentage of the maximum, for each question; the figures are in the table below."
                ),
                bars=[
                    charts.Bar(
                        label=_("Q%(n)s") % {"n": q.number}, value=q.stats.facility, text=_percent(q.stats.facility)
                    )
                    for q in analysis.questions
                ],
            )
            context["efficiency_chart"] = charts.bar_chart_svg(
                chart_id="efficiency",
                title=_("Discriminative efficiency per question"),
                description=_(
                    "Questions under %(threshold)s are flagged and hatched; the figures are in the table below."
                )
                % {"threshold": "15\u00a0%"},
                bars=[
                    charts.Bar(
                        label=_("Q%(n)s") % {"n": q.number},
                        value=q.stats.discriminative_efficiency,
                        text=_percent(q.stats.discriminative_efficiency) or _("n/a"),
                        flagged=q.stats.is_dubious,
                    )
                    for q in analysis.questions
                ],
                threshold=0.15,
                threshold_label="15\u00a0%",
            )
            context["option_charts"] = {
                q.question_id: charts.bar_chart_svg(
                    chart_id=f"options-{q.number}",
                    title=_("Answers chosen for question %(n)s") % {"n": q.number},
                    description=_("Share of the attempts that chose each option; right options are marked ✓."),
                    bars=[
                        charts.Bar(
                            label=("✓ " if option.is_correct else "") + _option_label(option.label),
                            value=option.share,
                            text=f"{option.count} ({_percent(option.share)})",
                        )
                        for option in q.options
                    ],
                )
                for q in analysis.questions
                if q.options
            }
        return context


def _round(value, factor):
    if value is None or factor is None:
        return None
    return round(value * factor, 2)


def _option_label(label: str) -> str:
    return {"true": _("True"), "false": _("False")}.get(label, label)


def _test_rows(test) -> list[tuple[str, str]]:
    def number(value, digits=2):
        return "" if value is None else f"{value:.{digits}f}".replace(".", ",")

    return [
        (_("Attempts included"), str(test.attempt_count)),
        (_("Average grade"), _percent(test.percent(test.mean))),
        (_("Median grade"), _percent(test.percent(test.median))),
        (_("Standard deviation"), _percent(test.percent(test.standard_deviation))),
        (_("Skewness"), number(test.skewness, 4)),
        (_("Kurtosis"), number(test.kurtosis, 4)),
        (_("Coefficient of internal consistency (Cronbach's alpha)"), _percent(test.cronbach_alpha)),
        (_("Error ratio"), _percent(test.error_ratio)),
        (_("Standard error"), _percent(test.percent(test.standard_error))),
    ]
