"""The stored per-question results that the item analysis reads (quizzes.models.AnsweredQuestion).

:func:`answered_questions_rows` is pure (it also serves the backfill migration); :func:`answered_questions_record`
is called by ``quizzes.services`` whenever an attempt's grade is set; ``cohorts.reports`` reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .grading import Status
from .models import AnsweredQuestion, Attempt
from .question_types import question_type_get, question_type_is_choice
from .rules import GRADED


def chosen_labels(*, spec: Mapping[str, Any], answer: Any) -> list[str] | None:
    """The labels of the options ``answer`` picked (choice questions; None for the others), as the item
    analysis counts them: options are matched by label because their keys are shuffled per attempt."""
    if not question_type_is_choice(spec.get("type")):
        return None
    question_type = question_type_get(spec.get("type"))
    chosen = question_type.report_chosen(answer)
    return [option.label for option in question_type.report_options(spec) if option.key in chosen]


def answered_questions_rows(
    *, snapshot: Sequence[Mapping[str, Any]] | None, answers: Mapping[str, Any] | None, results: Iterable[Mapping]
) -> list[dict[str, Any]]:
    """(question_id, points, max_points, chosen) for each graded question of one attempt.

    ``chosen`` holds the labels of the options picked, as ``statistics.option_frequencies`` counts them.
    """
    specs = {str(spec.get("id")): spec for spec in snapshot or ()}
    rows = []
    for result in results or ():
        if result.get("status") == Status.PENDING_REVIEW:
            continue
        question_id = str(result.get("question_id"))
        spec = specs.get(question_id, {})
        chosen = chosen_labels(spec=spec, answer=(answers or {}).get(question_id))
        rows.append(
            {
                "question_id": question_id,
                "points": float(result.get("points", 0)),
                "max_points": float(result.get("max_points", 0)),
                "chosen": chosen,
            }
        )
    return rows


def answered_questions_record(*, attempt: Attempt) -> None:
    """Replace the attempt's stored question results: kept for graded attempts only."""
    AnsweredQuestion.objects.filter(attempt_id=attempt.pk).delete()
    if attempt.status != GRADED:
        return
    rows = answered_questions_rows(snapshot=attempt.snapshot, answers=attempt.answers, results=attempt.results)
    AnsweredQuestion.objects.bulk_create([AnsweredQuestion(attempt_id=attempt.pk, **row) for row in rows])
