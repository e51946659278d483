"""Writing exercise: free text reviewed by a trainer; the learner then sees the model answer and the rubric.

Answer: the text typed. Graded ``pending_review`` until a trainer gives the points.
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
    list_values,
    positive_points,
    text,
)
from .text_answer import TextAnswerType

WRITING_MAX_LENGTH = 3000
WRITING_MAX_LENGTH_LIMIT = 10000


class Writing(TextAnswerType):
    name = "writing"
    form_template = "quizzes/includes/question_writing.html"
    review_template = "quizzes/includes/review/writing.html"
    loader_required = ("model_answer", "rubric")
    loader_optional = ("max_length",)
    is_reviewed = True

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        rubric = [
            {"criterion": text(row.get("criterion")), "points": positive_points(row.get("points"))}
            for row in list_values(value.get("rubric"))
            if isinstance(row, Mapping)
        ]
        max_length = value.get("max_length") or WRITING_MAX_LENGTH
        try:
            max_length = int(max_length)
        except (TypeError, ValueError):
            max_length = WRITING_MAX_LENGTH
        return {
            "model_answer": text(value.get("model_answer")),
            "rubric": rubric,
            "max_length": max(1, min(max_length, WRITING_MAX_LENGTH_LIMIT)),
        }

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """Text waits for a trainer's review; anything else earns nothing."""
        return None if isinstance(answer, str) else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return str(spec.get("model_answer", ""))

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        # Once submitted, the learner always sees the model answer and the rubric the trainer will use.
        return {
            "text": answer if isinstance(answer, str) else "",
            "model_answer": spec.get("model_answer", ""),
            "rubric": list(spec.get("rubric", ())),
        }

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        value: JSONDict = {
            "model_answer": reader.plain(data["model_answer"]),
            "rubric": [
                {"criterion": reader.plain(row["criterion"]), "points": row.get("points", 1)}
                for row in reader.entries(data, "rubric", path, required=("criterion",), optional=("points",))
            ],
        }
        if data.get("max_length"):
            value["max_length"] = data["max_length"]
        return value
