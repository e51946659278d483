"""Question specs: from stored block values to the snapshot an attempt keeps, and what each screen may show.

Pure functions, no database access. A spec is a JSON-safe dict; option, item and pair keys are random
per attempt so that nothing in the page (names, values, order) hints at the right answer. What is particular
to each question type lives in its module under ``quizzes.question_types``; this engine only iterates.
"""

import random
from collections.abc import Mapping, Sequence
from typing import Any

from quizzes.grading import QuestionResult, QuestionSpec, Status
from quizzes.question_types import question_type_get
from quizzes.question_types.base import BuildContext, Keys, positive_points, text


def question_spec_build(
    *,
    question_id: str,
    block_type: str,
    value: Mapping[str, Any],
    rng: random.Random | None = None,
    shuffle_options: bool = False,
    bank_item_id: int | None = None,
) -> dict[str, Any]:
    """Turn one stored question block value into a spec; raise ``ValueError`` if it cannot be graded.

    Without ``rng`` the keys are readable and nothing is shuffled (trainers' answer key). With it,
    keys are random, options are shuffled when ``shuffle_options`` is set, ordering items never
    appear in the right order, and the right-hand sides of a matching question are shuffled.
    """
    question_type = question_type_get(block_type)
    if not isinstance(value, Mapping):
        raise ValueError("A question must be a mapping.")
    spec: dict[str, Any] = {
        "id": str(question_id),
        "type": block_type,
        "prompt": text(value.get("prompt")),
        "explanation": text(value.get("explanation")),
        "points": positive_points(value.get("points", 1)),
    }
    if bank_item_id is not None:
        spec["bank_item_id"] = bank_item_id
    if not spec["prompt"]:
        raise ValueError("The question has no prompt.")
    context = BuildContext(keys=Keys(rng), rng=rng, options_rng=rng if shuffle_options else None)
    spec.update(question_type.spec_build(value=value, context=context))
    return spec


def snapshot_build(
    *,
    entries: Sequence[Mapping[str, Any]],
    rng: random.Random,
    draw_count: int | None = None,
    shuffle_questions: bool = False,
    shuffle_options: bool = False,
) -> list[dict[str, Any]]:
    """The questions of a new attempt, drawn, ordered and keyed; invalid questions are left out.

    ``entries`` are ``{"id", "type", "value", "bank_item_id"}`` mappings in the quiz's order.
    """
    specs = []
    for entry in entries:
        try:
            specs.append(
                question_spec_build(
                    question_id=entry["id"],
                    block_type=entry["type"],
                    value=entry["value"],
                    rng=rng,
                    shuffle_options=shuffle_options,
                    bank_item_id=entry.get("bank_item_id"),
                )
            )
        except ValueError:
            continue
    if draw_count and draw_count < len(specs):
        chosen = sorted(rng.sample(range(len(specs)), draw_count))
        specs = [specs[index] for index in chosen]
    if shuffle_questions:
        rng.shuffle(specs)
    return specs


def question_public(spec: QuestionSpec) -> dict[str, Any]:
    """What the learner may see before submitting: no right answer, feedback or explanation.

    Built by listing what is allowed (never by removing what is not), so a new secret field in a
    spec stays secret.
    """
    public: dict[str, Any] = {
        "id": spec["id"],
        "type": spec["type"],
        "prompt": spec["prompt"],
        "points": spec["points"],
    }
    public.update(question_type_get(spec["type"]).public(spec))
    return public


def question_review_build(
    *, spec: QuestionSpec, answer: Any, result: QuestionResult | None, reveal: bool, number: int
) -> dict[str, Any]:
    """What the review page shows for one question; right answers, feedback and explanations only if ``reveal``."""
    question_type = question_type_get(spec["type"])
    row: dict[str, Any] = {
        "id": spec["id"],
        "number": number,
        "type": question_type.name,
        "prompt": spec["prompt"],
        "points": result.points if result else None,
        "max_points": result.max_points if result else spec["points"],
        "status": result.status if result else Status.UNANSWERED,
        "reveal": reveal,
        "explanation": spec.get("explanation", "") if reveal else "",
        "answered": answer not in (None, "", [], {}),
        "review_template": question_type.review_template,
    }
    row.update(question_type.review(spec=spec, answer=answer, reveal=reveal))
    return row
