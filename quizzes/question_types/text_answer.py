"""What the two typed-answer types share: one text field, cleaned of refused characters, within a length."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from core.validation import CONTROL_CHARACTERS, text_clean

from .base import AnswerSource, AnswerValue, JSONDict, QuestionSpec, QuestionType, field_name


class TextAnswerType(QuestionType):
    """A typed answer up to the spec's ``max_length``."""

    def public(self, spec: QuestionSpec) -> JSONDict:
        return {"max_length": spec["max_length"]}

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        value = source.one(field_name(question["id"])).replace("\r\n", "\n")
        # Re-shown as typed, minus the characters we refuse, so the learner loses nothing else.
        source.keep(question["id"], CONTROL_CHARACTERS.sub("", value))
        try:
            value = text_clean(value, max_length=question["max_length"]).strip()
        except ValidationError as error:
            raise ValueError(error.messages[0]) from None
        return value or None
