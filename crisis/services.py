"""Writes of a crisis run: start, one choice per step under a row lock, the ending and the completion it brings.

The real-time clock of a step starts when the server sends the learner to it: at the start of the run for the
first step, at the previous choice for the others (the answer redirects straight to the next step). A choice
that arrives after the step's limit is recorded as late (``crisis.rules.TIMED_CRITERION``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from progress.services import scenario_progress_refresh
from studio import checklist
from studio.checker import Brief, Draft, Status, post_check

from . import rules
from .models import CrisisChoice, CrisisRun, CrisisScenarioPage

if TYPE_CHECKING:
    from accounts.models import User


class CrisisError(Exception):
    """A move the run refuses (already answered, unknown choice, run over); nothing was written."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@transaction.atomic
def run_start(*, user: User, scenario: CrisisScenarioPage, now: datetime | None = None) -> CrisisRun:
    """The learner's run in progress on this scenario, or a new one on the scenario as published now."""
    now = now or timezone.now()
    existing = CrisisRun.objects.filter(user=user, scenario=scenario, ended_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            return CrisisRun.objects.create(
                user=user,
                scenario=scenario,
                scenario_title=scenario.title,
                snapshot=scenario.definition,
                current_step=str(scenario.definition["start"]),
                step_shown_at=now,
                started_at=now,
            )
    except IntegrityError:  # another tab started it at the same moment: use that one
        return CrisisRun.objects.get(user=user, scenario=scenario, ended_at__isnull=True)


def writing_check(*, step: Mapping[str, Any], text: str) -> list[dict[str, str]]:
    """The studio checker's findings on a writing step's text, as JSON-ready dicts."""
    brief_data = step.get("brief") or {}
    needs_credit = bool(brief_data.get("needs_credit"))
    brief = Brief(has_image=bool(brief_data.get("needs_alt")) or needs_credit, shows_artwork=needs_credit)
    # The rules the post studio applies: the network's platform-facts snippet and the site's editorial charter.
    network = checklist.network_rules(str(step["network"]))
    if network is None:  # crisis.rules refuses a scenario naming a network the studio does not know
        raise KeyError(step["network"])
    report = post_check(draft=Draft(text=text), network=network, charter=checklist.charter(), brief=brief)
    return [{key: str(value) for key, value in asdict(finding).items()} for finding in report.findings]


def writing_points(*, step: Mapping[str, Any], findings: list[dict[str, str]]) -> int:
    """Provisional points of a writing step: all of them unless the checker found an error."""
    failed = any(finding["status"] == Status.ERROR for finding in findings)
    return 0 if failed else int(step.get("points", 0))


def _moves(run: CrisisRun) -> list[rules.Move]:
    return [
        rules.Move(step_key=c.step_key, choice_key=c.choice_key, points=c.points, timed_out=c.timed_out)
        for c in run.choices.all()
    ]


def run_awaits_review(*, run: CrisisRun) -> bool:
    """Whether a writing step of ``run`` still waits for a trainer's grade (its points are only the checker's)."""
    steps = rules.steps_by_key(run.snapshot)
    return any(
        choice.reviewed_at is None and rules.step_kind(steps.get(choice.step_key, {})) == rules.WRITING
        for choice in run.choices.all()
    )


def run_score_refresh(*, run: CrisisRun) -> rules.Score:
    """Recompute and store the run's score from its choices (at the ending, and after a trainer's grade).

    While a writing step waits for a trainer, ``passed`` stays None (« en attente de correction »): the
    checker's provisional points never complete a module or certify anything, as with quiz writing answers.
    """
    score = rules.run_score(scenario=run.snapshot, moves=_moves(run), ending_key=run.current_step)
    run.scores = score.per_criterion
    run.percent = score.percent
    run.outcome = score.outcome
    run.passed = None if run_awaits_review(run=run) else score.passed
    run.save(update_fields=["scores", "percent", "outcome", "passed"])
    return score


@transaction.atomic
def choice_make(
    *,
    run: CrisisRun,
    step_key: str,
    choice_key: str = "",
    text: str = "",
    now: datetime | None = None,
) -> CrisisChoice:
    """Record the learner's move on ``step_key`` and advance the run; refuse any second move on a step.

    The run's row lock makes two tabs (or a double click, or the back button) answer one after the other: the
    second finds the step already answered and raises ``CrisisError``, changing nothing. The unique constraint
    (run, step) backs this up on databases without row locks.
    """
    now = now or timezone.now()
    locked = CrisisRun.objects.select_for_update().get(pk=run.pk)
    if locked.is_ended:
        raise CrisisError(_("This simulation is over: start a new run to play it again."))
    if step_key != locked.current_step or locked.choices.filter(step_key=step_key).exists():
        raise CrisisError(_("You already answered this step: a decision cannot be changed. Here is where you are."))
    steps = rules.steps_by_key(locked.snapshot)
    step = steps[step_key]
    kind = rules.step_kind(step)
    findings: list[dict[str, str]] = []
    points = None
    if kind == rules.CHOICE:
        if rules.next_step_key(step, choice_key=choice_key) is None:
            raise CrisisError(_("Choose one of the decisions offered."))
    elif kind == rules.WRITING:
        text = text.strip()
        if not text:
            raise CrisisError(_("Write your text before publishing it."))
        choice_key = ""
        findings = writing_check(step=step, text=text)
        points = writing_points(step=step, findings=findings)
    else:
        raise CrisisError(_("This simulation is over: start a new run to play it again."))
    shown_at = locked.step_shown_at or locked.started_at
    elapsed = max(0.0, (now - shown_at).total_seconds())
    limit = rules.step_time_limit(locked.snapshot, step)
    try:
        with transaction.atomic():
            choice = CrisisChoice.objects.create(
                run=locked,
                step_key=step_key,
                choice_key=choice_key,
                text=text if kind == rules.WRITING else "",
                findings=findings,
                points=points,
                chosen_at=now,
                elapsed_seconds=elapsed,
                timed_out=rules.move_is_late(limit_seconds=limit, elapsed_seconds=elapsed),
            )
    except IntegrityError as exc:
        raise CrisisError(
            _("You already answered this step: a decision cannot be changed. Here is where you are.")
        ) from exc
    target = rules.next_step_key(step, choice_key=choice_key)
    assert target is not None  # a valid graph: every choice and writing step leads somewhere
    locked.current_step = target
    locked.step_shown_at = now
    if rules.step_kind(steps[target]) == rules.ENDING:
        locked.ended_at = now
        locked.save(update_fields=["current_step", "step_shown_at", "ended_at"])
        run_score_refresh(run=locked)
        if locked.passed and locked.scenario is not None:
            scenario_progress_refresh(user=locked.user, scenario=locked.scenario, now=now)
    else:
        locked.save(update_fields=["current_step", "step_shown_at"])
    run.refresh_from_db()
    return choice


@transaction.atomic
def writing_choice_review(
    *, choice: CrisisChoice, reviewer: User, points: int, feedback: str, now: datetime | None = None
) -> CrisisChoice:
    """Record a trainer's grade on a writing step of a run, then recompute the run's score.

    The run's row lock orders the grade after any move still in flight. Points outside 0..the step's points
    raise ``CrisisError`` and change nothing, as does grading a text a second time. Until every writing step of
    the run is graded the run's ``passed`` stays None, so no completion rests on provisional points; once the
    last grade makes the ended run pass, its completion is recorded as at the ending.
    """
    now = now or timezone.now()
    run = CrisisRun.objects.select_for_update().get(pk=choice.run_id)
    locked = CrisisChoice.objects.select_for_update().get(pk=choice.pk, run=run)
    step = rules.steps_by_key(run.snapshot).get(locked.step_key)
    if step is None or rules.step_kind(step) != rules.WRITING:
        raise CrisisError(_("Only a writing step can be graded."))
    if locked.reviewed_at is not None:
        raise CrisisError(_("This text has already been graded."))
    max_points = int(step.get("points", 0))
    if not 0 <= points <= max_points:
        raise CrisisError(_("The points must be between 0 and %(max)s.") % {"max": max_points})
    locked.points = points
    locked.feedback = feedback.strip()
    locked.reviewed_at = now
    locked.reviewed_by = reviewer
    locked.save(update_fields=["points", "feedback", "reviewed_at", "reviewed_by"])
    if run.is_ended:
        run_score_refresh(run=run)
        if run.passed and run.scenario is not None:
            scenario_progress_refresh(user=run.user, scenario=run.scenario, now=now)
    choice.refresh_from_db()
    return locked
