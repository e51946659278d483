"""A crisis scenario as a graph of steps: validation, scoring and paths (pure: no database access).

A scenario is the mapping of ``content/README`` and the issue's format (``start``, ``criteria``, ``steps`` with
``choices``, writing steps and endings). The page stores it whole in a JSON field, as the YAML file gives it: the
graph is validated and scored as one document (every choice points at another step by key), which a StreamField
of separate blocks would not keep consistent while an editor reorders or deletes blocks.

Every path must end: the graph has to be acyclic, because a run records one choice per step (a cycle could
never be played through twice), so « no cycle » is the form « every path ends » takes here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from django.utils.translation import gettext as _

CRITERIA: tuple[str, ...] = ("speed", "accuracy", "tone", "escalation", "transparency")
CARD_KINDS: tuple[str, ...] = ("post", "comment", "dm", "email", "call", "press", "internal")
OUTCOMES: tuple[str, ...] = ("good", "mixed", "bad")
CHOICE, WRITING, ENDING = "choice", "writing", "ending"
MIN_CHOICES, MAX_CHOICES = 2, 4
# A late choice (after the step's real-time limit) still leads where it leads, but earns no positive point on
# this criterion: acting late is what the limit is there to teach.
TIMED_CRITERION = "speed"


def step_kind(step: Mapping[str, Any]) -> str:
    """choice, writing or ending."""
    if step.get("ending"):
        return ENDING
    return WRITING if step.get("kind") == WRITING else CHOICE


def step_successors(step: Mapping[str, Any]) -> list[str]:
    """The keys of the steps a step leads to (in choice order; a writing step has one, an ending none)."""
    kind = step_kind(step)
    if kind == ENDING:
        return []
    if kind == WRITING:
        return [str(step["next"])] if step.get("next") is not None else []
    choices = step.get("choices")
    if not isinstance(choices, list):
        return []
    return [str(choice["next"]) for choice in choices if isinstance(choice, Mapping) and choice.get("next") is not None]


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def steps_by_key(scenario: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The scenario's steps keyed by their key (the first one wins when a key is repeated)."""
    steps = scenario.get("steps")
    result: dict[str, Mapping[str, Any]] = {}
    for step in steps if isinstance(steps, list) else []:
        if isinstance(step, Mapping) and step.get("key") is not None:
            result.setdefault(str(step["key"]), step)
    return result


def scenario_criteria(scenario: Mapping[str, Any]) -> list[str]:
    """The criteria the scenario scores, in the fixed order of ``CRITERIA``."""
    declared = scenario.get("criteria")
    names = {str(name) for name in declared} if isinstance(declared, list) else set()
    return [name for name in CRITERIA if name in names]


def _card_errors(step_key: str, cards: Any, *, required: bool) -> list[str]:
    if cards is None and not required:
        return []
    if not isinstance(cards, list) or not cards:
        return [_("Step “%(step)s”: it needs at least one card (what arrives).") % {"step": step_key}]
    errors = []
    for index, card in enumerate(cards, start=1):
        if not isinstance(card, Mapping) or not card.get("text"):
            errors.append(_("Step “%(step)s”: card %(number)s has no text.") % {"step": step_key, "number": index})
        elif card.get("kind") not in CARD_KINDS:
            errors.append(
                _("Step “%(step)s”: card %(number)s has an unknown kind “%(kind)s” (allowed: %(allowed)s).")
                % {"step": step_key, "number": index, "kind": card.get("kind"), "allowed": ", ".join(CARD_KINDS)}
            )
    return errors


def _score_errors(step_key: str, choice_key: str, scores: Any, criteria: Sequence[str]) -> list[str]:
    if scores is None:
        return []
    if not isinstance(scores, Mapping):
        return [
            _("Step “%(step)s”, choice “%(choice)s”: scores must be a mapping.")
            % {"step": step_key, "choice": choice_key}
        ]
    errors = []
    for name, points in scores.items():
        if name not in criteria:
            errors.append(
                _("Step “%(step)s”, choice “%(choice)s”: the criterion “%(criterion)s” is not one of the scenario’s.")
                % {"step": step_key, "choice": choice_key, "criterion": name}
            )
        elif not _is_int(points):
            errors.append(
                _("Step “%(step)s”, choice “%(choice)s”: the points for “%(criterion)s” must be a whole number.")
                % {"step": step_key, "choice": choice_key, "criterion": name}
            )
    return errors


def _choice_step_errors(key: str, step: Mapping[str, Any], keys: set[str], criteria: Sequence[str]) -> list[str]:
    errors = _card_errors(key, step.get("cards"), required=True)
    choices = step.get("choices")
    if not isinstance(choices, list) or not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        count = len(choices) if isinstance(choices, list) else 0
        errors.append(
            _("Step “%(step)s”: a choice step needs 2 to 4 choices (it has %(count)s).") % {"step": key, "count": count}
        )
        choices = choices if isinstance(choices, list) else []
    seen: set[str] = set()
    recommended = 0
    for index, choice in enumerate(choices, start=1):
        if not isinstance(choice, Mapping) or not choice.get("key") or not choice.get("text"):
            errors.append(
                _("Step “%(step)s”: choice %(number)s needs a key and a text.") % {"step": key, "number": index}
            )
            continue
        choice_key = str(choice["key"])
        if choice_key in seen:
            errors.append(
                _("Step “%(step)s”: the choice key “%(choice)s” is used twice.") % {"step": key, "choice": choice_key}
            )
        seen.add(choice_key)
        recommended += 1 if choice.get("recommended") is True else 0
        target = choice.get("next")
        if target is None or str(target) not in keys:
            errors.append(
                _("Step “%(step)s”, choice “%(choice)s”: it leads to “%(next)s”, which is not a step.")
                % {"step": key, "choice": choice_key, "next": target or ""}
            )
        errors += _score_errors(key, choice_key, choice.get("scores"), criteria)
    if choices and recommended != 1:
        errors.append(
            _("Step “%(step)s”: exactly one choice must be recommended (%(count)s are).")
            % {"step": key, "count": recommended}
        )
    return errors


def _writing_step_errors(
    key: str, step: Mapping[str, Any], keys: set[str], criteria: Sequence[str], networks: Sequence[str]
) -> list[str]:
    errors = _card_errors(key, step.get("cards"), required=False)
    if not step.get("prompt"):
        errors.append(_("Step “%(step)s”: a writing step needs a prompt.") % {"step": key})
    if step.get("network") not in networks:
        errors.append(
            _("Step “%(step)s”: the network “%(network)s” is not one of %(allowed)s.")
            % {"step": key, "network": step.get("network") or "", "allowed": ", ".join(networks)}
        )
    if step.get("criterion") not in criteria:
        errors.append(
            _("Step “%(step)s”: the criterion “%(criterion)s” is not one of the scenario’s.")
            % {"step": key, "criterion": step.get("criterion") or ""}
        )
    if not _is_int(step.get("points")) or step["points"] < 0:
        errors.append(_("Step “%(step)s”: the points must be a whole number, 0 or more.") % {"step": key})
    target = step.get("next")
    if target is None or str(target) not in keys:
        errors.append(
            _("Step “%(step)s”: it leads to “%(next)s”, which is not a step.") % {"step": key, "next": target or ""}
        )
    return errors


def _ending_step_errors(key: str, step: Mapping[str, Any]) -> list[str]:
    errors = []
    if step.get("choices"):
        errors.append(_("Step “%(step)s”: an ending has no choices.") % {"step": key})
    if step.get("outcome") not in OUTCOMES:
        errors.append(
            _("Step “%(step)s”: the outcome must be good, mixed or bad (not “%(outcome)s”).")
            % {"step": key, "outcome": step.get("outcome") or ""}
        )
    return errors


def _limit_error(where: str, value: Any) -> list[str]:
    if value is None or (_is_int(value) and value >= 0):
        return []
    return [_("%(where)s: the time limit must be a whole number of seconds, 0 or more.") % {"where": where}]


def _graph_errors(start: str, steps: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Unreachable steps and cycles (a path that never ends), found by one depth-first walk from the start."""
    errors = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycle_steps: list[str] = []

    def visit(key: str) -> None:
        state[key] = 1
        for target in step_successors(steps[key]):
            if target not in steps:
                continue
            if state.get(target) == 1:
                if key not in cycle_steps:
                    cycle_steps.append(key)
            elif target not in state:
                visit(target)
        state[key] = 2

    visit(start)
    for key in cycle_steps:
        errors.append(
            _("Step “%(step)s”: a choice leads back to an earlier step, so this path never ends.") % {"step": key}
        )
    for key in steps:
        if key not in state:
            errors.append(_("Step “%(step)s”: no path from the start leads to it.") % {"step": key})
    return errors


def scenario_validate(scenario: Any, *, networks: Sequence[str]) -> list[str]:
    """Every problem that would make the scenario unplayable or unfair, as sentences for the editor ([] = valid).

    ``networks`` are the studio's network codes a writing step may name.
    """
    if not isinstance(scenario, Mapping):
        return [_("The scenario must be a mapping of fields (start, criteria, steps…).")]
    errors: list[str] = []
    criteria = scenario.get("criteria")
    if not isinstance(criteria, list) or not criteria:
        errors.append(
            _("The scenario needs a list of criteria (among %(allowed)s).") % {"allowed": ", ".join(CRITERIA)}
        )
    else:
        for name in criteria:
            if name not in CRITERIA:
                errors.append(
                    _("Unknown criterion “%(criterion)s” (allowed: %(allowed)s).")
                    % {"criterion": name, "allowed": ", ".join(CRITERIA)}
                )
    known_criteria = scenario_criteria(scenario)
    pass_mark = scenario.get("pass_mark")
    if not _is_int(pass_mark) or not 0 < pass_mark <= 100:
        errors.append(_("The pass mark must be a percentage between 1 and 100."))
    errors += _limit_error(_("The scenario"), scenario.get("step_time_limit"))
    raw_steps = scenario.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        return [*errors, _("The scenario has no steps.")]
    keys: set[str] = set()
    for index, step in enumerate(raw_steps, start=1):
        if not isinstance(step, Mapping) or step.get("key") in (None, ""):
            errors.append(_("Step %(number)s has no key.") % {"number": index})
            continue
        key = str(step["key"])
        if key in keys:
            errors.append(_("The step key “%(step)s” is used twice.") % {"step": key})
        keys.add(key)
    steps = steps_by_key(scenario)
    for key, step in steps.items():
        kind = step_kind(step)
        errors += _limit_error(_("Step “%(step)s”") % {"step": key}, step.get("time_limit"))
        if kind == CHOICE:
            errors += _choice_step_errors(key, step, keys, known_criteria)
        elif kind == WRITING:
            errors += _writing_step_errors(key, step, keys, known_criteria, networks)
        else:
            errors += _ending_step_errors(key, step)
    if not any(step_kind(step) == ENDING for step in steps.values()):
        errors.append(_("The scenario has no ending step."))
    start = scenario.get("start")
    if start is None or str(start) not in steps:
        errors.append(_("The start “%(start)s” is not a step.") % {"start": start or ""})
    else:
        errors += _graph_errors(str(start), steps)
    return errors


# -- scoring ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Move:
    """One step as played: the choice made (or the writing step's points) and whether it came too late."""

    step_key: str
    choice_key: str = ""
    points: int | None = None  # a writing step's points (provisional or the trainer's)
    timed_out: bool = False


@dataclass(frozen=True)
class Score:
    """A run's score: points per criterion, the best reachable, and the verdict."""

    per_criterion: dict[str, int]
    max_per_criterion: dict[str, int]
    total: int
    max_total: int
    percent: int
    passed: bool
    outcome: str = ""
    per_step: dict[str, dict[str, int]] = field(default_factory=dict)


def _choice(step: Mapping[str, Any], choice_key: str) -> Mapping[str, Any] | None:
    for choice in step.get("choices") or []:
        if isinstance(choice, Mapping) and str(choice.get("key")) == choice_key:
            return choice
    return None


def step_points(
    step: Mapping[str, Any], *, choice_key: str = "", points: int | None = None, timed_out: bool = False
) -> dict[str, int]:
    """The points one move earns per criterion (``TIMED_CRITERION`` loses its positive points when late)."""
    kind = step_kind(step)
    if kind == WRITING:
        awarded = int(step.get("points", 0)) if points is None else points
        return {str(step["criterion"]): awarded}
    if kind == ENDING:
        return {}
    choice = _choice(step, choice_key)
    scores = dict(choice.get("scores") or {}) if choice else {}
    if timed_out and scores.get(TIMED_CRITERION, 0) > 0:
        scores[TIMED_CRITERION] = 0
    return {str(name): int(value) for name, value in scores.items()}


def _best_paths(scenario: Mapping[str, Any]) -> tuple[dict[str, int], int]:
    """The most points each criterion can reach, and the most points a whole path can reach (valid graphs)."""
    steps = steps_by_key(scenario)
    criteria = scenario_criteria(scenario)
    best_total: dict[str, int] = {}
    best_criterion: dict[tuple[str, str], int] = {}

    def options(key: str) -> list[tuple[dict[str, int], str]]:
        step = steps[key]
        kind = step_kind(step)
        if kind == WRITING:
            return [(step_points(step), str(step["next"]))]
        if kind == ENDING:
            return []
        return [
            (step_points(step, choice_key=str(choice["key"])), str(choice["next"]))
            for choice in step.get("choices") or []
        ]

    def total(key: str) -> int:
        if key not in best_total:
            moves = options(key)
            best_total[key] = max((sum(points.values()) + total(target) for points, target in moves), default=0)
        return best_total[key]

    def on(key: str, criterion: str) -> int:
        if (key, criterion) not in best_criterion:
            moves = options(key)
            best_criterion[key, criterion] = max(
                (points.get(criterion, 0) + on(target, criterion) for points, target in moves), default=0
            )
        return best_criterion[key, criterion]

    start = str(scenario["start"])
    return {name: on(start, name) for name in criteria}, total(start)


def recommended_path(scenario: Mapping[str, Any]) -> list[str]:
    """The step keys of the recommended path, from the start to an ending (valid graphs)."""
    steps = steps_by_key(scenario)
    path: list[str] = []
    key: str | None = str(scenario["start"])
    while key is not None and key in steps and key not in path:
        path.append(key)
        step = steps[key]
        kind = step_kind(step)
        if kind == ENDING:
            break
        if kind == WRITING:
            target = step.get("next")
        else:
            choices = [c for c in step.get("choices") or [] if isinstance(c, Mapping)]
            chosen = next((c for c in choices if c.get("recommended") is True), None)
            target = chosen.get("next") if chosen else None
        key = str(target) if target is not None else None
    return path


def recommended_choice(step: Mapping[str, Any]) -> str:
    """The key of the step's recommended choice ("" for writing steps and endings)."""
    chosen = next((c for c in step.get("choices") or [] if c.get("recommended") is True), None)
    return str(chosen["key"]) if chosen else ""


def next_step_key(step: Mapping[str, Any], *, choice_key: str = "") -> str | None:
    """Where a move leads (None for an ending or an unknown choice)."""
    kind = step_kind(step)
    if kind == WRITING:
        return str(step["next"])
    if kind == ENDING:
        return None
    choice = _choice(step, choice_key)
    return str(choice["next"]) if choice else None


def run_score(*, scenario: Mapping[str, Any], moves: Sequence[Move], ending_key: str = "") -> Score:
    """Sum the moves' points per criterion and compare the total with the best path's (the pass mark's base).

    The percentage is the run's total (never below 0) over the most points one path can reach; a scenario whose
    best path is worth nothing is passed by reaching any ending.
    """
    steps = steps_by_key(scenario)
    criteria = scenario_criteria(scenario)
    per_criterion = dict.fromkeys(criteria, 0)
    per_step: dict[str, dict[str, int]] = {}
    for move in moves:
        step = steps.get(move.step_key)
        if step is None:
            continue
        points = step_points(step, choice_key=move.choice_key, points=move.points, timed_out=move.timed_out)
        per_step[move.step_key] = points
        for name, value in points.items():
            if name in per_criterion:
                per_criterion[name] += value
    max_per_criterion, max_total = _best_paths(scenario)
    total = sum(per_criterion.values())
    percent = 100 if max_total <= 0 else min(100, max(0, total) * 100 // max_total)
    ending = steps.get(ending_key)
    return Score(
        per_criterion=per_criterion,
        max_per_criterion=max_per_criterion,
        total=total,
        max_total=max_total,
        percent=percent,
        passed=percent >= int(scenario.get("pass_mark", 100)),
        outcome=str(ending.get("outcome", "")) if ending else "",
        per_step=per_step,
    )


def step_time_limit(scenario: Mapping[str, Any], step: Mapping[str, Any]) -> int:
    """The step's real-time limit in seconds (0: none): its own, else the scenario's default."""
    own = step.get("time_limit")
    value = own if own is not None else scenario.get("step_time_limit")
    return int(value) if _is_int(value) and value > 0 else 0


def move_is_late(*, limit_seconds: int, elapsed_seconds: float) -> bool:
    """A move made after the step's limit (never when the step has none)."""
    return limit_seconds > 0 and elapsed_seconds > limit_seconds
