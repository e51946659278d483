"""True or false: a statement the learner judges.

Answer: ``"true"`` or ``"false"`` (a boolean is also graded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
    ReportOption,
    SourceMapping,
    field_name,
    text,
)

CHOICES = ("true", "false")


class TrueFalse(QuestionType):
    name = "true_false"
    form_template = "quizzes/includes/question_true_false.html"
    review_template = "quizzes/includes/review/true_false.html"
    loader_required = ("answer",)
    loader_optional = ("feedback_true", "feedback_false")
    is_choice = True

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        answer = value.get("answer")
        if isinstance(answer, str):
            answer = {"true": True, "false": False}.get(answer.strip().lower())
        if not isinstance(answer, bool):
            raise ValueError("A true/false question needs its answer.")
        return {
            "answer": answer,
            "feedback_true": text(value.get("feedback_true")),
            "feedback_false": text(value.get("feedback_false")),
        }

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        value = source.one(field_name(question["id"]))
        source.keep(question["id"], value)
        if not value:
            return None
        if value not in CHOICES:
            raise ValueError(_("Choose one of the answers offered."))
        return value

    def form_row(self, *, question: QuestionSpec, raw: Any) -> JSONDict:
        return {
            "options": [
                {"key": key, "text": label, "input_id": f"{question['id']}-{key}", "checked": raw == key}
                for key, label in (("true", _("True")), ("false", _("False")))
            ]
        }

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        if isinstance(answer, bool):
            chosen = answer
        elif isinstance(answer, str) and answer in CHOICES:
            chosen = answer == "true"
        else:
            return Fraction(0)
        return Fraction(1) if chosen == bool(spec.get("answer")) else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return "true" if spec.get("answer") else "false"

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        chosen_value = {"true": True, "false": False}.get(answer) if isinstance(answer, str) else None
        row: JSONDict = {"chosen": chosen_value}
        if reveal:
            row["right"] = spec["answer"]
            if chosen_value is True:
                row["feedback"] = spec.get("feedback_true", "")
            elif chosen_value is False:
                row["feedback"] = spec.get("feedback_false", "")
        return row

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        if not isinstance(data["answer"], bool):
            reader.error(path, data.line_of("answer"), "« answer » must be true or false")
        return {
            "answer": "true" if data["answer"] is True else "false",
            "feedback_true": reader.plain(data.get("feedback_true", "")),
            "feedback_false": reader.plain(data.get("feedback_false", "")),
        }

    def report_options(self, spec: QuestionSpec) -> Sequence[ReportOption]:
        right = "true" if spec.get("answer") else "false"
        return [ReportOption(key=key, label=key, is_correct=key == right) for key in CHOICES]

    def report_chosen(self, answer: Any) -> set[str]:
        return {answer} if isinstance(answer, str) and answer in CHOICES else set()
