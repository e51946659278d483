"""Crisis simulations: branching scenarios authored in Wagtail, and the learners' runs through them."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from core.markdown import markdown_to_rich_text
from studio.networks import NETWORKS

from . import rules
from .forms import CrisisScenarioPageForm
from .panels import ScenarioGraphPanel


def _empty_scenario() -> dict[str, Any]:
    return {}


class CrisisScenarioPage(Page):
    """A crisis to rehearse: its graph of steps lives in ``definition`` (see ``crisis.rules`` for why JSON)."""

    definition: models.JSONField[Any, Any] = models.JSONField(_("scenario"), default=_empty_scenario)

    base_form_class = CrisisScenarioPageForm
    content_panels = Page.content_panels + [
        FieldPanel("definition"),
        ScenarioGraphPanel(heading=_("Graph of the steps")),
    ]
    parent_page_types = ["course.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("crisis simulation")
        verbose_name_plural = _("crisis simulations")

    def clean(self) -> None:
        super().clean()
        errors = rules.scenario_validate(self.definition, networks=tuple(NETWORKS))
        if errors:
            raise ValidationError({"definition": errors})

    @property
    def intro_html(self) -> str:
        """The starting situation (Markdown in the file) as HTML."""
        return markdown_to_rich_text(str(self.definition.get("intro", "")))

    @property
    def pass_mark(self) -> int:
        return int(self.definition.get("pass_mark", 100))

    @cached_property
    def criteria(self) -> list[str]:
        return rules.scenario_criteria(self.definition)

    @property
    def step_count(self) -> int:
        return len(rules.steps_by_key(self.definition))

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.scenario_start_get(scenario=self, user=request.user))
        return context


class CrisisRun(models.Model):
    """One learner's run through a scenario, on the scenario as it was when the run started (``snapshot``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="crisis_runs", verbose_name=_("learner")
    )
    # Deleting the scenario keeps the learner's runs (history, reports): the title stays.
    scenario = models.ForeignKey(
        CrisisScenarioPage, on_delete=models.SET_NULL, null=True, related_name="runs", verbose_name=_("scenario")
    )
    scenario_title = models.CharField(_("scenario title"), max_length=255, blank=True)
    snapshot = models.JSONField(_("scenario as played"), default=dict)
    current_step = models.CharField(_("current step"), max_length=100)
    step_shown_at = models.DateTimeField(_("current step shown at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    scores = models.JSONField(_("score per criterion"), default=dict, blank=True)
    percent = models.PositiveSmallIntegerField(_("percent"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)

    class Meta:
        verbose_name = _("crisis run")
        verbose_name_plural = _("crisis runs")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scenario"], condition=Q(ended_at__isnull=True), name="crisis_run_one_in_progress"
            )
        ]
        indexes = [models.Index(fields=["scenario", "ended_at"], name="crisis_run_scenario_ended")]

    def __str__(self):
        return f"{self.scenario_title} ({self.user_id})"

    @property
    def is_ended(self) -> bool:
        return self.ended_at is not None

    @property
    def scenario_display_title(self) -> str:
        return self.scenario.title if self.scenario is not None else self.scenario_title


class CrisisChoice(models.Model):
    """One step of a run as played: the choice made, or the text written; one per step, never changed."""

    run = models.ForeignKey(CrisisRun, on_delete=models.CASCADE, related_name="choices", verbose_name=_("run"))
    step_key = models.CharField(_("step"), max_length=100)
    choice_key = models.CharField(_("choice"), max_length=100, blank=True)
    text = models.TextField(_("text written"), blank=True)
    findings = models.JSONField(_("checker findings"), default=list, blank=True)
    points = models.IntegerField(
        _("points"), null=True, blank=True, help_text=_("Writing steps: provisional points, or the trainer's grade.")
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    feedback = models.TextField(_("trainer's feedback"), blank=True)
    chosen_at = models.DateTimeField(_("chosen at"), default=timezone.now)
    elapsed_seconds = models.FloatField(_("seconds taken"), default=0)
    timed_out = models.BooleanField(_("after the time limit"), default=False)

    class Meta:
        verbose_name = _("crisis choice")
        verbose_name_plural = _("crisis choices")
        ordering = ["chosen_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["run", "step_key"], name="crisis_choice_one_per_step")]

    def __str__(self):
        return f"{self.run_id}/{self.step_key}: {self.choice_key}"
