"""Playing a crisis simulation: start, one step per page (POST, then redirect to the next), the debrief.

Everything works without JavaScript; the state lives on the server, so the back button shows a past step but
cannot change its decision (``crisis.services.choice_make`` refuses it and the learner is sent back).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from . import rules, selectors, services
from .forms import ChoiceForm, WritingForm
from .models import CrisisRun, CrisisScenarioPage


def _access_refused(request: HttpRequest, scenario: CrisisScenarioPage | None) -> HttpResponse | None:
    """The access rules other apps set on the scenario page (progress: modules unlocked in order)."""
    if scenario is None:
        return None
    for hook in hooks.get_hooks("lumiere_page_access"):
        response = hook(scenario, request)
        if isinstance(response, HttpResponse):
            return response
    return None


def _own_run(request: HttpRequest, run_id: int) -> CrisisRun:
    run = selectors.run_get(user=request.user, run_id=run_id)  # type: ignore[arg-type]  # login_required
    if run is None:
        raise Http404
    return run


@require_POST
@login_required
def run_start(request: HttpRequest, scenario_id: int) -> HttpResponse:
    """Start a new run (or go back to the one in progress)."""
    scenario = get_object_or_404(CrisisScenarioPage.objects.live().public(), pk=scenario_id)
    refused = _access_refused(request, scenario)
    if refused is not None:
        return refused
    run = services.run_start(user=request.user, scenario=scenario)  # type: ignore[arg-type]  # login_required
    return redirect("crisis:step", run_id=run.pk)


@require_http_methods(["GET", "POST"])
@login_required
def step(request: HttpRequest, run_id: int) -> HttpResponse:
    """GET shows the current step; POST records the decision (or checks a draft text) and redirects."""
    run = _own_run(request, run_id)
    refused = _access_refused(request, run.scenario)
    if refused is not None:
        return refused
    if run.is_ended:
        if request.method == "POST":
            messages.warning(request, _("This simulation is over: start a new run to play it again."))
        return redirect("crisis:debrief", run_id=run.pk)
    now = timezone.now()
    view = selectors.run_step_get(run=run, now=now)
    form: ChoiceForm | WritingForm
    report: list[dict[str, str]] | None = None
    status = 200
    if view.kind == rules.WRITING:
        form = WritingForm(request.POST or None)
    else:
        form = ChoiceForm(request.POST or None, choices=view.choices)
    if request.method == "POST":
        posted_step = request.POST.get("step", "")
        if posted_step != run.current_step:
            # The back button or another tab: the decision stands; show where the run is.
            messages.error(
                request, _("You already answered this step: a decision cannot be changed. Here is where you are.")
            )
            return redirect("crisis:step", run_id=run.pk)
        if form.is_valid():
            if view.kind == rules.WRITING and request.POST.get("action") == "check":
                step_data = rules.steps_by_key(run.snapshot)[run.current_step]
                report = services.writing_check(step=step_data, text=form.cleaned_data["text"])
            else:
                try:
                    services.choice_make(
                        run=run,
                        step_key=posted_step,
                        choice_key=form.cleaned_data.get("choice", ""),
                        text=form.cleaned_data.get("text", ""),
                        now=now,
                    )
                except services.CrisisError as error:
                    messages.error(request, error.message)
                return redirect("crisis:step", run_id=run.pk)
        else:
            status = 400
    context = {"run": run, "step": view, "form": form, "report": report, "scenario": run.scenario}
    return render(request, "crisis/step.html", context, status=status)


@login_required
def debrief(request: HttpRequest, run_id: int) -> HttpResponse:
    """The ended run: path taken beside the recommended path, score per criterion, commentary per step."""
    run = _own_run(request, run_id)
    if not run.is_ended:
        return redirect("crisis:step", run_id=run.pk)
    context = {"run": run, "debrief": selectors.debrief_get(run=run), "scenario": run.scenario}
    return render(request, "crisis/debrief.html", context)
