"""Completion and unlock rules as pure functions (no database access).

A module is complete when all its live lessons are done and its crisis simulations and quiz (if any) are
passed. A course is complete when it has modules, all of them complete, and its final quiz (if any) is
passed. A learning path is complete when all its modules are. With "unlock in order", a module opens once
every module before it is complete.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence


def module_is_complete(
    *,
    lesson_ids: Sequence[int],
    quiz_id: int | None,
    done_lesson_ids: Collection[int],
    passed_quiz_ids: Collection[int],
    scenario_ids: Sequence[int] = (),
    passed_scenario_ids: Collection[int] = (),
) -> bool:
    """All lessons done, every crisis simulation passed and the quiz passed; a module with none is complete."""
    lessons_done = all(lesson_id in done_lesson_ids for lesson_id in lesson_ids)
    scenarios_passed = all(scenario_id in passed_scenario_ids for scenario_id in scenario_ids)
    return lessons_done and scenarios_passed and (quiz_id is None or quiz_id in passed_quiz_ids)


def course_is_complete(
    *, modules_complete: Sequence[bool], final_quiz_id: int | None, passed_quiz_ids: Collection[int]
) -> bool:
    """Every module complete and the final quiz passed; a course without modules is never complete."""
    if not modules_complete or not all(modules_complete):
        return False
    return final_quiz_id is None or final_quiz_id in passed_quiz_ids


def path_is_complete(*, module_ids: Sequence[int], completed_module_ids: Collection[int]) -> bool:
    """Every module of the path complete; an empty path is never complete."""
    return bool(module_ids) and all(module_id in completed_module_ids for module_id in module_ids)


def module_blockers(*, unlock_in_order: bool, modules_complete: Sequence[bool]) -> list[int | None]:
    """For each module, the index of the module to finish first, or None when it is open.

    In order, module i waits for the first incomplete module before it; otherwise every module is open.
    """
    blockers: list[int | None] = []
    first_incomplete: int | None = None
    for index, complete in enumerate(modules_complete):
        blockers.append(first_incomplete if unlock_in_order else None)
        if not complete and first_incomplete is None:
            first_incomplete = index
    return blockers


def final_quiz_blocker(*, unlock_in_order: bool, modules_complete: Sequence[bool]) -> int | None:
    """In order, the final quiz waits for the first incomplete module."""
    if not unlock_in_order:
        return None
    return next((index for index, complete in enumerate(modules_complete) if not complete), None)
