"""The attempt form: reads the learner's answers from a plain POST, checks them against the attempt's questions.

Fields are named ``q-<question id>`` (one value, or several for multiple choice) and
``q-<question id>-<item key>`` for types with one field per item (``QuestionType.field_keys``: ordering's
positions, matching's right-hand keys). Each type reads and checks its own fields (``QuestionType.clean``). Anything
else the browser sends (a score, a "passed" flag…) is ignored; a field naming a question or an item
that is not in the attempt is refused as a whole (``UnknownQuestionError``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .grading import AnswerValue
from .question_types import question_type_get
from .question_types.base import FIELD_PREFIX, field_name

__all__ = ["CHECK_POST_FIELD", "CONFIRM_FIELD", "FIELD_PREFIX", "AttemptForm", "UnknownQuestionError", "field_name"]

CONFIRM_FIELD = "confirm_incomplete"
CHECK_POST_FIELD = "check_post"  # the « Check my post » button: show the checker's list, submit nothing


class UnknownQuestionError(Exception):
    """The POST names a question or an item that the attempt does not have."""


def _check_names(questions: Sequence[Mapping[str, Any]], data) -> None:
    """Refuse any ``q-…`` field that does not belong to a question of the attempt."""
    allowed: set[str] = set()
    for question in questions:
        subs = question_type_get(question["type"]).field_keys(question)
        if subs:
            allowed.update(field_name(question["id"], key) for key in subs)
        else:
            allowed.add(field_name(question["id"]))
    unknown = [name for name in data if name.startswith(FIELD_PREFIX) and name not in allowed]
    if unknown:
        raise UnknownQuestionError(unknown[0][:100])


class AttemptForm:
    """Binds POST data to the attempt's public questions; ``answers`` holds the clean answers when valid."""

    def __init__(self, *, questions: Sequence[Mapping[str, Any]], data=None, allow_incomplete: bool = False):
        self.questions = list(questions)
        self.data = data
        self.allow_incomplete = allow_incomplete
        self.answers: dict[str, AnswerValue] = {}
        self.errors: dict[str, str] = {}
        self.non_field_errors: list[str] = []
        self.raw: dict[str, Any] = {}
        if data is not None:
            _check_names(self.questions, data)
            self._clean()

    @property
    def is_bound(self) -> bool:
        return self.data is not None

    def is_valid(self) -> bool:
        return self.is_bound and not self.errors and not self.non_field_errors

    # -- reading -------------------------------------------------------------------------------------

    def one(self, name: str) -> str:
        """The single value of a field ("" when absent); ``ValueError`` when the browser sent several."""
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name, "")]
        if len(values) > 1:
            raise ValueError(_("Choose only one answer."))
        value = values[0] if values else ""
        if not isinstance(value, str):
            raise ValueError(_("This answer is not valid."))
        return value

    def many(self, name: str) -> list[str]:
        """Every value of a field (checkboxes)."""
        return list(self.data.getlist(name)) if hasattr(self.data, "getlist") else []

    def keep(self, question_id: str, raw: Any) -> None:
        """What the learner sent for a question, shown again when the form is refused."""
        self.raw[question_id] = raw

    def _clean(self) -> None:
        unanswered = []
        for question in self.questions:
            try:
                answer = self._clean_question(question)
            except ValueError as error:
                self.errors[question["id"]] = str(error)
                continue
            except ValidationError as error:
                self.errors[question["id"]] = error.messages[0]
                continue
            if answer is None:
                unanswered.append(question["id"])
            else:
                self.answers[question["id"]] = answer
        if unanswered and not self.allow_incomplete and self.data.get(CONFIRM_FIELD) != "1":
            for question_id in unanswered:
                self.errors[question_id] = _(
                    "Answer this question, or tick “Submit with unanswered questions” at the end of the form."
                )

    def _clean_question(self, question: Mapping[str, Any]) -> AnswerValue:
        """The clean answer, None when unanswered; ``ValueError`` with a message when invalid."""
        return question_type_get(question["type"]).clean(question=question, source=self)

    # -- drawing -------------------------------------------------------------------------------------

    def rows(self) -> list[dict[str, Any]]:
        """One dict per question for the template: names, current values, error, position in the quiz."""
        total = len(self.questions)
        rows = []
        for number, question in enumerate(self.questions, start=1):
            question_id = question["id"]
            raw = self.raw.get(question_id)
            row: dict[str, Any] = {
                "question": question,
                "number": number,
                "total": total,
                "name": field_name(question_id),
                "dom_id": f"question-{question_id}",
                "error": self.errors.get(question_id, ""),
                "value": raw if isinstance(raw, str) else "",
            }
            question_type = question_type_get(question["type"])
            row["form_template"] = question_type.form_template
            inputs = question_type.form_row(question=question, raw=raw)
            row.update(inputs)
            row["input_id"] = f"{question_id}-text"
            # The first input of the question's first list of inputs (options, steps…), else its text field.
            row["first_input_id"] = next(
                (
                    value[0]["input_id"]
                    for value in inputs.values()
                    if isinstance(value, list) and value and isinstance(value[0], dict) and "input_id" in value[0]
                ),
                row["input_id"],
            )
            rows.append(row)
        return rows

    def error_rows(self) -> list[dict[str, Any]]:
        return [row for row in self.rows() if row["error"]]
