"""Short answer: a word or a short phrase, compared without case, accents or surrounding spaces.

Answer: the text typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from .base import (
    AnswerValue,
    BuildContext,
    ContentReader,
    JSONDict,
    QuestionSpec,
    SourceMapping,
    answer_normalize,
    list_values,
    text,
)
from .text_answer import TextAnswerType

SHORT_ANSWER_MAX_LENGTH = 300


class ShortAnswer(TextAnswerType):
    name = "short_answer"
    form_template = "quizzes/includes/question_short_answer.html"
    review_template = "quizzes/includes/review/short_answer.html"
    loader_required = ("accepted",)

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        accepted = [text(item) for item in list_values(value.get("accepted"))]
        accepted = [item for item in accepted if item]
        if not accepted:
            raise ValueError("A short-answer question needs at least one accepted answer.")
        return {"accepted": accepted, "max_length": SHORT_ANSWER_MAX_LENGTH}

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        if not isinstance(answer, str):
            return Fraction(0)
        accepted = {answer_normalize(item) for item in spec.get("accepted", ())}
        accepted.discard("")
        return Fraction(1) if answer_normalize(answer) in accepted else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return str(spec["accepted"][0])

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        row: JSONDict = {"text": answer if isinstance(answer, str) else ""}
        if reveal:
            row["accepted"] = list(spec["accepted"])
        return row

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        # Accepted answers are compared with what learners type: no typographic changes.
        return {"accepted": [str(answer).strip() for answer in data["accepted"] or []]}
