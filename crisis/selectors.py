"""Reads of crisis runs: the start page, the step being played, the debrief, and passed scenarios."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, QuerySet

from core.markdown import markdown_to_plain_text, markdown_to_rich_text
from core.typography import french_typography

from . import rules
from .labels import CARD_LABELS, CRITERION_LABELS, OUTCOME_LABELS
from .models import CrisisChoice, CrisisRun, CrisisScenarioPage

if TYPE_CHECKING:
    from accounts.models import User


def scenarios_passed_ids(*, user: User | AnonymousUser, scenario_ids: Sequence[int]) -> set[int]:
    """The scenarios among ``scenario_ids`` the learner has passed at least once (one query)."""
    if not user.is_authenticated or not scenario_ids:
        return set()
    return set(
        CrisisRun.objects.filter(user=user, scenario_id__in=scenario_ids, passed=True)
        .values_list("scenario_id", flat=True)
        .distinct()
    )


def scenario_start_get(*, scenario: CrisisScenarioPage, user: User | AnonymousUser) -> dict[str, Any]:
    """The start page: the rules, the run in progress (if any) and the learner's past runs."""
    runs: list[CrisisRun] = []
    if user.is_authenticated:
        runs = list(CrisisRun.objects.filter(user=user, scenario=scenario).order_by("-started_at"))
    limit = rules.step_time_limit(scenario.definition, {})
    return {
        "criteria": [CRITERION_LABELS[name] for name in scenario.criteria],
        "run_in_progress": next((run for run in runs if not run.is_ended), None),
        "past_runs": [run for run in runs if run.is_ended],
        "has_passed": any(run.passed for run in runs),
        "has_time_limits": limit > 0
        or any(step.get("time_limit") for step in rules.steps_by_key(scenario.definition).values()),
    }


def run_get(*, user: User, run_id: int) -> CrisisRun | None:
    """The learner's own run (None for anybody else's: a learner never sees another learner's run)."""
    return CrisisRun.objects.filter(pk=run_id, user=user).select_related("scenario").first()


@dataclass(frozen=True)
class Card:
    kind: str
    kind_label: str
    author: str
    initial: str
    meta: str
    text: str


def _cards(step: Mapping[str, Any]) -> list[Card]:
    cards = []
    for card in step.get("cards") or []:
        author = str(card.get("author") or "")
        initial = next((char for char in author if char.isalnum()), "?").upper()
        kind = str(card.get("kind"))
        cards.append(
            Card(
                kind=kind,
                kind_label=str(CARD_LABELS.get(kind, kind)),
                author=author,
                initial=initial,
                meta=french_typography(str(card.get("meta") or "")),
                text=french_typography(str(card.get("text") or "").strip()),
            )
        )
    return cards


@dataclass
class StepView:
    """The step a learner is on, as the step page shows it."""

    run: CrisisRun
    key: str
    kind: str
    number: int
    clock: str
    title: str
    cards: list[Card]
    prompt: str
    choices: list[tuple[str, str]]
    network: str
    consequence: str
    time_limit: int
    seconds_left: int | None


def run_step_get(*, run: CrisisRun, now: datetime) -> StepView:
    """The run's current step: what arrives, the choices, the previous choice's consequence, the time left."""
    steps = rules.steps_by_key(run.snapshot)
    step = steps[run.current_step]
    made = list(run.choices.all())
    consequence = ""
    if made:
        previous = steps.get(made[-1].step_key, {})
        chosen = next((c for c in previous.get("choices") or [] if str(c.get("key")) == made[-1].choice_key), None)
        consequence = french_typography(str(chosen.get("consequence") or "").strip()) if chosen else ""
    limit = rules.step_time_limit(run.snapshot, step)
    shown_at = run.step_shown_at or run.started_at
    seconds_left = max(0, int(limit - (now - shown_at).total_seconds())) if limit else None
    return StepView(
        run=run,
        key=run.current_step,
        kind=rules.step_kind(step),
        number=len(made) + 1,
        clock=french_typography(str(step.get("clock") or "")),
        title=french_typography(str(step.get("title") or "")),
        cards=_cards(step),
        prompt=french_typography(str(step.get("prompt") or "")),
        choices=[(str(c["key"]), markdown_to_plain_text(str(c["text"]))) for c in step.get("choices") or []],
        network=str(step.get("network") or ""),
        consequence=consequence,
        time_limit=limit,
        seconds_left=seconds_left,
    )


@dataclass
class DebriefStep:
    key: str
    title: str
    clock: str
    prompt: str
    taken: str  # the choice's text, or the text written
    recommended: str  # the recommended choice's text ("" when the learner took it, or for a writing step)
    took_recommended: bool
    points: list[tuple[str, int]]
    timed_out: bool
    commentary: str
    findings: list[dict[str, str]] = field(default_factory=list)
    is_writing: bool = False
    reviewed: bool = False
    feedback: str = ""  # the trainer's feedback on a graded writing step


@dataclass
class ScoreRow:
    criterion: str
    label: str
    points: int
    max_points: int


@dataclass
class Debrief:
    run: CrisisRun
    steps: list[DebriefStep]
    recommended_path: list[tuple[str, str]]
    taken_path: list[tuple[str, str]]
    scores: list[ScoreRow]
    total: int
    max_total: int
    percent: int
    passed: bool
    awaiting_review: bool  # a writing step waits for a trainer: the score is provisional, nothing is passed yet
    pass_mark: int
    outcome: str
    outcome_label: str
    ending_title: str
    ending_text: str
    ending_commentary: str


def _choice_text(step: Mapping[str, Any], key: str) -> str:
    chosen = next((c for c in step.get("choices") or [] if str(c.get("key")) == key), None)
    return markdown_to_plain_text(str(chosen["text"])) if chosen else ""


def _step_title(step: Mapping[str, Any], key: str) -> str:
    return str(step.get("title") or step.get("prompt") or key)


def debrief_get(*, run: CrisisRun) -> Debrief:
    """The ended run beside the recommended path: choices, points per criterion, the expert's commentary."""
    scenario = run.snapshot
    steps = rules.steps_by_key(scenario)
    made: list[CrisisChoice] = list(run.choices.all())
    score = rules.run_score(
        scenario=scenario,
        moves=[rules.Move(c.step_key, c.choice_key, c.points, c.timed_out) for c in made],
        ending_key=run.current_step,
    )
    rows = []
    for choice in made:
        step = steps[choice.step_key]
        writing = rules.step_kind(step) == rules.WRITING
        recommended_key = rules.recommended_choice(step)
        took = writing or choice.choice_key == recommended_key
        rows.append(
            DebriefStep(
                key=choice.step_key,
                title=_step_title(step, choice.step_key),
                clock=str(step.get("clock") or ""),
                prompt=str(step.get("prompt") or ""),
                taken=choice.text if writing else _choice_text(step, choice.choice_key),
                recommended="" if took else _choice_text(step, recommended_key),
                took_recommended=took,
                points=[
                    (str(CRITERION_LABELS.get(name, name)), value)
                    for name, value in score.per_step.get(choice.step_key, {}).items()
                ],
                timed_out=choice.timed_out,
                commentary=markdown_to_rich_text(str(step.get("commentary") or "")),
                findings=choice.findings if writing else [],
                is_writing=writing,
                reviewed=choice.reviewed_at is not None,
                feedback=choice.feedback if writing else "",
            )
        )
    ending = steps.get(run.current_step, {})
    criteria = rules.scenario_criteria(scenario)
    return Debrief(
        run=run,
        steps=rows,
        recommended_path=[(key, _step_title(steps[key], key)) for key in rules.recommended_path(scenario)],
        taken_path=[(c.step_key, _step_title(steps[c.step_key], c.step_key)) for c in made]
        + ([(run.current_step, _step_title(ending, run.current_step))] if ending else []),
        scores=[
            ScoreRow(
                criterion=name,
                label=str(CRITERION_LABELS[name]),
                points=score.per_criterion.get(name, 0),
                max_points=score.max_per_criterion.get(name, 0),
            )
            for name in criteria
        ],
        total=score.total,
        max_total=score.max_total,
        percent=score.percent,
        passed=bool(run.passed),
        awaiting_review=run.passed is None,
        pass_mark=int(scenario.get("pass_mark", 100)),
        outcome=score.outcome,
        outcome_label=str(OUTCOME_LABELS.get(score.outcome, "")),
        ending_title=str(ending.get("title") or ""),
        ending_text=markdown_to_rich_text(str(ending.get("text") or "")),
        ending_commentary=markdown_to_rich_text(str(ending.get("commentary") or "")),
    )


@dataclass
class ChoiceCount:
    key: str
    text: str
    learners: int
    percent: int
    recommended: bool
    next_title: str


@dataclass
class StepReport:
    key: str
    title: str
    clock: str
    kind: str
    learners: int
    choices: list[ChoiceCount]


@dataclass
class WrongTurn:
    step_title: str
    choice_text: str
    learners: int


@dataclass
class ScenarioReport:
    """What learners did in a scenario: per step, how many took each choice; averages; common wrong turns."""

    learners: int
    runs_ended: int
    passed: int
    steps: list[StepReport]
    averages: list[tuple[str, float, int]]  # criterion label, average points, best path's points
    wrong_turns: list[WrongTurn]


WRONG_TURNS_SHOWN = 5


def scenario_report_get(*, scenario: CrisisScenarioPage, learners: QuerySet[User]) -> ScenarioReport:
    """The report on ``scenario`` for the runs of ``learners`` (the caller's scope): three queries, whatever the
    number of learners. Counts are learners (a learner who played twice and chose the same counts once)."""
    data = scenario.definition
    steps = rules.steps_by_key(data)
    runs = CrisisRun.objects.filter(scenario=scenario, user__in=learners)
    counts = {
        (row["step_key"], row["choice_key"]): row["learners"]
        for row in CrisisChoice.objects.filter(run__in=runs)
        .values("step_key", "choice_key")
        .annotate(learners=Count("run__user", distinct=True))
    }
    step_learners = {
        row["step_key"]: row["learners"]
        for row in CrisisChoice.objects.filter(run__in=runs)
        .values("step_key")
        .annotate(learners=Count("run__user", distinct=True))
    }
    ended = list(runs.filter(ended_at__isnull=False).values_list("user_id", "scores", "passed"))
    step_reports: list[StepReport] = []
    wrong: list[WrongTurn] = []
    for key, step in steps.items():
        kind = rules.step_kind(step)
        if kind == rules.ENDING:
            continue
        total = step_learners.get(key, 0)
        title = _step_title(step, key)
        choices = []
        if kind == rules.CHOICE:
            for choice in step.get("choices") or []:
                choice_key = str(choice["key"])
                count = counts.get((key, choice_key), 0)
                target = steps.get(str(choice.get("next")), {})
                choices.append(
                    ChoiceCount(
                        key=choice_key,
                        text=markdown_to_plain_text(str(choice["text"])),
                        learners=count,
                        percent=round(count * 100 / total) if total else 0,
                        recommended=choice.get("recommended") is True,
                        next_title=_step_title(target, str(choice.get("next"))),
                    )
                )
                if count and choice.get("recommended") is not True:
                    wrong.append(WrongTurn(step_title=title, choice_text=choices[-1].text, learners=count))
        step_reports.append(
            StepReport(
                key=key, title=title, clock=str(step.get("clock") or ""), kind=kind, learners=total, choices=choices
            )
        )
    max_per_criterion = rules.run_score(scenario=data, moves=[]).max_per_criterion
    averages = []
    for name in rules.scenario_criteria(data):
        values = [int(scores.get(name, 0)) for _user, scores, _passed in ended]
        average = round(sum(values) / len(values), 1) if values else 0.0
        averages.append((str(CRITERION_LABELS[name]), average, max_per_criterion.get(name, 0)))
    wrong.sort(key=lambda turn: -turn.learners)
    return ScenarioReport(
        learners=len({user_id for user_id, _scores, _passed in ended}),
        runs_ended=len(ended),
        passed=len({user_id for user_id, _scores, passed in ended if passed}),
        steps=step_reports,
        averages=averages,
        wrong_turns=wrong[:WRONG_TURNS_SHOWN],
    )


def scenario_list() -> list[CrisisScenarioPage]:
    """Every scenario, for the report's chooser (titles only)."""
    return list(CrisisScenarioPage.objects.order_by("path").defer("definition"))


def writing_choices_to_review(*, learners: QuerySet[User]) -> QuerySet[CrisisChoice]:
    """Writing steps of ``learners``' runs (the caller's scope) that no trainer has graded yet, oldest first."""
    return (
        CrisisChoice.objects.filter(run__user__in=learners, reviewed_at__isnull=True, choice_key="")
        .exclude(text="")
        .select_related("run", "run__user", "run__scenario")
        .defer("run__snapshot", "run__scenario__definition")
        .order_by("chosen_at", "pk")
    )


@dataclass(frozen=True)
class WritingChoiceReview:
    """What a trainer needs to grade one writing step: the prompt, the text, the checker's findings, the max."""

    choice: CrisisChoice
    step_title: str
    prompt: str
    criterion: str
    max_points: int
    findings: list[dict[str, str]]


def writing_choice_review_get(*, learners: QuerySet[User], choice_id: int) -> WritingChoiceReview | None:
    """The writing choice ``choice_id`` if it belongs to one of ``learners`` (the caller's scope), else None."""
    choice = (
        CrisisChoice.objects.filter(pk=choice_id, run__user__in=learners, choice_key="")
        .exclude(text="")
        .select_related("run", "run__user")
        .first()
    )
    if choice is None:
        return None
    step = rules.steps_by_key(choice.run.snapshot).get(choice.step_key)
    if step is None or rules.step_kind(step) != rules.WRITING:
        return None
    criterion = str(step.get("criterion", ""))
    return WritingChoiceReview(
        choice=choice,
        step_title=_step_title(step, choice.step_key),
        prompt=str(step.get("prompt", "")),
        criterion=str(CRITERION_LABELS.get(criterion, criterion)),
        max_points=int(step.get("points", 0)),
        findings=list(choice.findings or []),
    )
