"""The attempt form: reads the learner's answers from a plain POST, checks them against the attempt's questions.

Fields are named ``q-<question id>`` (one value, or several for multiple choice) and
``q-<question id>-<item key>`` for ordering (a position) and matching (a right-hand key). Anything
else the browser sends (a score, a "passed" flag…) is ignored; a field naming a question or an item
that is not in the attempt is refused as a whole (``UnknownQuestionError``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validation import CONTROL_CHARACTERS, integer_clean, text_clean

from .grading import AnswerValue

FIELD_PREFIX = "q-"
CONFIRM_FIELD = "confirm_incomplete"


class UnknownQuestionError(Exception):
    """The POST names a question or an item that the attempt does not have."""


def field_name(question_id: str, key: str | None = None) -> str:
    return f"{FIELD_PREFIX}{question_id}" + (f"-{key}" if key else "")


def _sub_keys(question: Mapping[str, Any]) -> set[str]:
    if question["type"] == "ordering":
        return {item["key"] for item in question["items"]}
    if question["type"] == "matching":
        return {left["key"] for left in question["lefts"]}
    return set()


def _check_names(questions: Sequence[Mapping[str, Any]], data) -> None:
    """Refuse any ``q-…`` field that does not belong to a question of the attempt."""
    allowed: set[str] = set()
    for question in questions:
        subs = _sub_keys(question)
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

    def _one(self, name: str) -> str:
        values = self.data.getlist(name) if hasattr(self.data, "getlist") else [self.data.get(name, "")]
        if len(values) > 1:
            raise ValueError(_("Choose only one answer."))
        value = values[0] if values else ""
        if not isinstance(value, str):
            raise ValueError(_("This answer is not valid."))
        return value

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
        kind = question["type"]
        question_id = question["id"]
        name = field_name(question_id)
        if kind in ("single", "best_post", "true_false"):
            value = self._one(name)
            self.raw[question_id] = value
            if not value:
                return None
            keys = {"true", "false"} if kind == "true_false" else {option["key"] for option in question["options"]}
            if value not in keys:
                raise ValueError(_("Choose one of the answers offered."))
            return value
        if kind == "multiple":
            values = self.data.getlist(name) if hasattr(self.data, "getlist") else []
            keys = {option["key"] for option in question["options"]}
            self.raw[question_id] = [value for value in values if value in keys]
            if not values:
                return None
            if len(values) > len(keys) or any(value not in keys for value in values):
                raise ValueError(_("Choose among the answers offered."))
            return sorted(set(values))
        if kind == "ordering":
            count = len(question["items"])
            positions: dict[str, int] = {}
            given: dict[str, str] = {}
            for item in question["items"]:
                value = self._one(field_name(question_id, item["key"])).strip()
                given[item["key"]] = value
                if not value:
                    continue
                try:
                    positions[item["key"]] = integer_clean(value, minimum=1, maximum=count)
                except ValidationError:
                    given[item["key"]] = ""
                    self.raw[question_id] = given
                    raise ValueError(_("Choose a position between 1 and %(count)s.") % {"count": count}) from None
            self.raw[question_id] = given
            if not positions:
                return None
            if len(positions) < count:
                raise ValueError(_("Give a position to every step."))
            if len(set(positions.values())) != count:
                raise ValueError(_("Use each position only once."))
            return positions
        if kind == "matching":
            rights = {right["key"] for right in question["rights"]}
            chosen: dict[str, str] = {}
            given = {}
            for left in question["lefts"]:
                value = self._one(field_name(question_id, left["key"]))
                given[left["key"]] = value
                if value and value not in rights:
                    self.raw[question_id] = given
                    raise ValueError(_("Choose among the answers offered."))
                if value:
                    chosen[left["key"]] = value
            self.raw[question_id] = given
            if not chosen:
                return None
            if len(chosen) < len(question["lefts"]):
                raise ValueError(_("Choose a match for every item."))
            return chosen
        if kind in ("short_answer", "writing"):
            value = self._one(name).replace("\r\n", "\n")
            # Re-shown as typed, minus the characters we refuse, so the learner loses nothing else.
            self.raw[question_id] = CONTROL_CHARACTERS.sub("", value)
            value = text_clean(value, max_length=question["max_length"]).strip()
            return value or None
        raise ValueError(_("This answer is not valid."))

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
            kind = question["type"]
            if kind in ("single", "multiple", "best_post"):
                chosen = set(raw) if isinstance(raw, list) else {raw}
                row["options"] = [
                    {**option, "input_id": f"{question_id}-{option['key']}", "checked": option["key"] in chosen}
                    for option in question["options"]
                ]
            elif kind == "true_false":
                row["options"] = [
                    {"key": key, "text": text, "input_id": f"{question_id}-{key}", "checked": raw == key}
                    for key, text in (("true", _("True")), ("false", _("False")))
                ]
            elif kind == "ordering":
                given = raw if isinstance(raw, dict) else {}
                row["positions"] = [str(position) for position in range(1, len(question["items"]) + 1)]
                row["items"] = [
                    {
                        **item,
                        "name": field_name(question_id, item["key"]),
                        "input_id": f"{question_id}-{item['key']}",
                        "value": given.get(item["key"], ""),
                    }
                    for item in question["items"]
                ]
            elif kind == "matching":
                given = raw if isinstance(raw, dict) else {}
                row["rights"] = question["rights"]
                row["lefts"] = [
                    {
                        **left,
                        "name": field_name(question_id, left["key"]),
                        "input_id": f"{question_id}-{left['key']}",
                        "value": given.get(left["key"], ""),
                    }
                    for left in question["lefts"]
                ]
            row["input_id"] = f"{question_id}-text"
            for many in ("options", "items", "lefts"):
                if row.get(many):
                    row["first_input_id"] = row[many][0]["input_id"]
                    break
            else:
                row["first_input_id"] = row["input_id"]
            rows.append(row)
        return rows

    def error_rows(self) -> list[dict[str, Any]]:
        return [row for row in self.rows() if row["error"]]
