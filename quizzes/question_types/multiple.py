"""Multiple choice: one or more right answers, scored all or nothing or with partial credit.

Answer: the sorted list of the chosen option keys.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from .base import AnswerSource, AnswerValue, ContentReader, JSONDict, QuestionSpec, SourceMapping, field_name
from .choice import ChoiceQuestionType, right_keys

SCORING_CHOICES = ("all_or_nothing", "partial")


def _as_key_set(answer: AnswerValue) -> set[str]:
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, Mapping) or not isinstance(answer, Iterable):
        return set()
    return {str(item) for item in answer if isinstance(item, str)}


class MultipleChoice(ChoiceQuestionType):
    name = "multiple"
    form_template = "quizzes/includes/question_multiple.html"
    loader_optional = ("scoring",)

    def spec_extra(self, value: Mapping[str, Any]) -> JSONDict:
        scoring = value.get("scoring") or "all_or_nothing"
        return {"scoring": scoring if scoring in SCORING_CHOICES else "all_or_nothing"}

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        values = source.many(field_name(question["id"]))
        keys = {option["key"] for option in question["options"]}
        source.keep(question["id"], [value for value in values if value in keys])
        if not values:
            return None
        if len(values) > len(keys) or any(value not in keys for value in values):
            raise ValueError(_("Choose among the answers offered."))
        return sorted(set(values))

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """All or nothing, or partial: (right chosen - wrong chosen) / right, never below zero."""
        keys, right = right_keys(spec)
        chosen = _as_key_set(answer) & keys
        if not right:
            return Fraction(0)
        if spec.get("scoring") == "partial":
            earned = len(chosen & right) - len(chosen - right)
            return max(Fraction(0), Fraction(earned, len(right)))
        return Fraction(1) if chosen == right else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return [str(option["key"]) for option in spec.get("options", ()) if option.get("correct")]

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        value = super().loader_value(reader=reader, data=data, path=path)
        value["scoring"] = data.get("scoring", "all_or_nothing")
        return value
