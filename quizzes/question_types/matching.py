"""Matching: pair each item with its match, with partial credit for each right pair.

Answer: ``{left_key: right_key}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

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


class Matching(QuestionType):
    name = "matching"
    form_template = "quizzes/includes/question_matching.html"
    review_template = "quizzes/includes/review/matching.html"
    loader_required = ("pairs",)

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        pairs = [pair for pair in list_values(value.get("pairs")) if isinstance(pair, Mapping)]
        if len(pairs) < 2:
            raise ValueError("A matching question needs at least two pairs.")
        rights: dict[str, dict[str, str]] = {}
        lefts = []
        for pair in pairs:
            right_text = text(pair.get("right"))
            # Two items may share a right-hand side (two messages suit the same network).
            if right_text not in rights:
                rights[right_text] = {"key": context.keys.new("r"), "text": right_text}
            lefts.append(
                {"key": context.keys.new("l"), "text": text(pair.get("left")), "answer": rights[right_text]["key"]}
            )
        return {
            "lefts": shuffled(lefts, context.options_rng),
            "rights": shuffled(list(rights.values()), context.rng),
        }

    def public(self, spec: QuestionSpec) -> JSONDict:
        return {
            "lefts": [{"key": left["key"], "text": left["text"]} for left in spec["lefts"]],
            "rights": [{"key": right["key"], "text": right["text"]} for right in spec["rights"]],
        }

    def field_keys(self, question: QuestionSpec) -> tuple[str, ...]:
        return tuple(left["key"] for left in question["lefts"])

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        question_id = question["id"]
        rights = {right["key"] for right in question["rights"]}
        chosen: dict[str, str] = {}
        given: dict[str, str] = {}
        for left in question["lefts"]:
            value = source.one(field_name(question_id, left["key"]))
            given[left["key"]] = value
            if value and value not in rights:
                source.keep(question_id, given)
                raise ValueError(_("Choose among the answers offered."))
            if value:
                chosen[left["key"]] = value
        source.keep(question_id, given)
        if not chosen:
            return None
        if len(chosen) < len(question["lefts"]):
            raise ValueError(_("Choose a match for every item."))
        return chosen

    def form_row(self, *, question: QuestionSpec, raw: Any) -> JSONDict:
        return {"rights": question["rights"], "lefts": item_inputs(question["id"], question["lefts"], raw)}

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """Partial credit: the share of left-hand items paired with their right-hand side."""
        lefts = list(spec.get("lefts", ()))
        if not isinstance(answer, Mapping) or not lefts:
            return Fraction(0)
        matched = sum(1 for left in lefts if answer.get(str(left["key"])) == str(left["answer"]))
        return Fraction(matched, len(lefts))

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return {str(left["key"]): str(left["answer"]) for left in spec.get("lefts", ())}

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        rights = {right["key"]: right["text"] for right in spec["rights"]}
        given = answer if isinstance(answer, Mapping) else {}
        pairs = []
        for left in spec["lefts"]:
            chosen_key = given.get(left["key"])
            pair = {"left": left["text"], "chosen": rights.get(chosen_key, "")}
            if reveal:
                pair["right"] = rights.get(left["answer"], "")
                pair["is_right"] = chosen_key == left["answer"]
            pairs.append(pair)
        return {"pairs": pairs}

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        return {
            "pairs": [
                {"left": reader.plain(pair["left"]), "right": reader.plain(pair["right"])}
                for pair in reader.entries(data, "pairs", path, required=("left", "right"))
            ]
        }
