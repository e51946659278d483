"""Report on a crisis simulation: the choices learners made at each step, averages, common wrong turns."""

from __future__ import annotations

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy

from crisis import selectors as crisis_selectors

from .. import scope
from .base import CohortFilterMixin, StaffTemplateView, selected_option


class CrisisReportView(CohortFilterMixin, StaffTemplateView):
    template_name = "cohorts/admin/crisis_report.html"
    header_icon = "warning"
    page_title = gettext_lazy("Crisis simulations report")

    @cached_property
    def scenarios(self):
        return crisis_selectors.scenario_list()

    @cached_property
    def scenario(self):
        return selected_option(self.request, "scenario", self.scenarios)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(scenarios=self.scenarios, cohorts=self.cohorts, selected_cohort=self.cohort)
        context["scenario"] = self.scenario
        if self.scenario is not None:
            learners = scope.learners_in_report(user=self.request.user, cohort=self.cohort)
            # The scenario's graph is needed: the chooser's list deferred it.
            scenario = type(self.scenario).objects.get(pk=self.scenario.pk)
            context["report"] = crisis_selectors.scenario_report_get(scenario=scenario, learners=learners)
        return context
