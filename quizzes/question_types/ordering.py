"""Ordering: steps the learner puts in order, with partial credit for each pair in the right order.

Answer: ``{item_key: position}`` with positions from 1.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validation import integer_clean

from .base import (
    AnswerSource,
    AnswerValue,
    BuildContext,
    ContentReader,
    JSONDict,
    QuestionSpec,
    QuestionType,
    SourceMapping,
    field_name,
    item_inputs,
    list_values,
    shuffled,
    text,
)


def _position(value: Any, count: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        position = value
    elif isinstance(value, str) and value.strip().isdigit():
        position = int(value.strip())
    else:
        return None
    return position if 1 <= position <= count else None


class Ordering(QuestionType):
    name = "ordering"
    form_template = "quizzes/includes/question_ordering.html"
    review_template = "quizzes/includes/review/ordering.html"
    loader_required = ("items",)

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        items = [{"key": context.keys.new("i"), "text": text(item)} for item in list_values(value.get("items"))]
        if len(items) < 2:
            raise ValueError("An ordering question needs at least two items.")
        # Never shown in the right order, even when the quiz does not shuffle answers.
        return {
            "correct_order": [item["key"] for item in items],
            "items": shuffled(items, context.rng, avoid_same_order=True),
        }

    def public(self, spec: QuestionSpec) -> JSONDict:
        return {"items": [{"key": item["key"], "text": item["text"]} for item in spec["items"]]}

    def field_keys(self, question: QuestionSpec) -> tuple[str, ...]:
        return tuple(item["key"] for item in question["items"])

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        question_id = question["id"]
        count = len(question["items"])
        positions: dict[str, int] = {}
        given: dict[str, str] = {}
        for item in question["items"]:
            value = source.one(field_name(question_id, item["key"])).strip()
            given[item["key"]] = value
            if not value:
                continue
            try:
                positions[item["key"]] = integer_clean(value, minimum=1, maximum=count)
            except ValidationError:
                given[item["key"]] = ""
                source.keep(question_id, given)
                raise ValueError(_("Choose a position between 1 and %(count)s.") % {"count": count}) from None
        source.keep(question_id, given)
        if not positions:
            return None
        if len(positions) < count:
            raise ValueError(_("Give a position to every step."))
        if len(set(positions.values())) != count:
            raise ValueError(_("Use each position only once."))
        return positions

    def form_row(self, *, question: QuestionSpec, raw: Any) -> JSONDict:
        return {
            "positions": [str(position) for position in range(1, len(question["items"]) + 1)],
            "items": item_inputs(question["id"], question["items"], raw),
        }

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """Partial credit by pairs: each pair of steps placed in the right relative order counts."""
        order = [str(key) for key in spec.get("correct_order", ())]
        if not isinstance(answer, Mapping) or not order:
            return Fraction(0)
        positions = {key: _position(answer.get(key), len(order)) for key in order}
        if len(order) == 1:
            return Fraction(1) if positions[order[0]] is not None else Fraction(0)
        pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
        in_order = 0
        for a, b in pairs:
            first, second = positions[a], positions[b]
            if first is not None and second is not None and first < second:
                in_order += 1
        return Fraction(in_order, len(pairs))

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return {str(key): position for position, key in enumerate(spec.get("correct_order", ()), start=1)}

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        texts = {item["key"]: item["text"] for item in spec["items"]}
        given = answer if isinstance(answer, Mapping) else {}
        placed = []
        for item in spec["items"]:
            try:
                position: int | None = int(given.get(item["key"]))  # type: ignore[arg-type]
            except (TypeError, ValueError):
                position = None
            placed.append((position if position is not None else len(texts) + 1, item["text"], position))
        row: JSONDict = {
            "given_order": [{"text": step, "position": position} for _sort, step, position in sorted(placed)]
        }
        if reveal:
            row["right_order"] = [texts[key] for key in spec["correct_order"]]
        return row

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        return {"items": reader.text_list(data, "items", path)}
