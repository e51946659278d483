"""What the three choice types share: options with a right flag and feedback, one field per question."""

from __future__ import annotations

import enum
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
    chosen_keys,
    field_name,
    list_values,
    shuffled,
    text,
)


class OptionsProblem(enum.Enum):
    """Why a choice question cannot be graded; the value is the content loader's message (editors get theirs)."""

    TOO_FEW = "The question needs at least two options."
    NOT_EXACTLY_ONE_RIGHT = "A single-choice question needs exactly one right option."
    NONE_RIGHT = "The question needs at least one right option."


def options_problem(*, option_count: int, right_count: int, exactly_one_right: bool) -> OptionsProblem | None:
    """THE gradability rule of choice questions, for the engine, the content loader and the Wagtail editor."""
    if option_count < 2:
        return OptionsProblem.TOO_FEW
    if exactly_one_right and right_count != 1:
        return OptionsProblem.NOT_EXACTLY_ONE_RIGHT
    if right_count < 1:
        return OptionsProblem.NONE_RIGHT
    return None


def option_label(option: Mapping[str, Any]) -> str:
    """An option as the item analysis names it: its text, or a post's account and text (cut at 80 characters)."""
    if option.get("text"):
        return str(option["text"])
    post = option.get("post") or {}
    post_text = str(post.get("text") or "")
    account = str(post.get("account_name") or post.get("handle") or "")
    label = f"{account} – {post_text}" if account else post_text
    return label if len(label) <= 80 else label[:79] + "…"


def right_keys(spec: QuestionSpec) -> tuple[set[str], set[str]]:
    """Every option key of the spec, and the keys of the right ones."""
    options = spec.get("options", ())
    return {str(option["key"]) for option in options}, {
        str(option["key"]) for option in options if option.get("correct")
    }


class ChoiceQuestionType(QuestionType):
    """Options of which one or more are right; subclasses say what an option shows and how it is scored."""

    review_template = "quizzes/includes/review/choice.html"  # draws ``review`` below, the same for every choice type
    loader_required = ("options",)
    is_choice = True
    exactly_one_right: bool = False

    # An option shows either a text or a social-media post.
    def option_content(self, raw_option: Mapping[str, Any]) -> JSONDict:
        return {"text": text(raw_option.get("text"))}

    def option_public(self, option: Mapping[str, Any]) -> JSONDict:
        return {"key": option["key"], "text": option["text"]}

    def spec_extra(self, value: Mapping[str, Any]) -> JSONDict:
        return {}

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        options = []
        for raw_option in list_values(value.get("options")):
            if not isinstance(raw_option, Mapping):
                continue
            option = {
                "key": context.keys.new("o"),
                "correct": bool(raw_option.get("correct")),
                "feedback": text(raw_option.get("feedback")),
                **self.option_content(raw_option),
            }
            options.append(option)
        problem = options_problem(
            option_count=len(options),
            right_count=sum(1 for option in options if option["correct"]),
            exactly_one_right=self.exactly_one_right,
        )
        if problem is not None:
            raise ValueError(problem.value)
        return {"options": shuffled(options, context.options_rng), **self.spec_extra(value)}

    def public(self, spec: QuestionSpec) -> JSONDict:
        return {"options": [self.option_public(option) for option in spec["options"]]}

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        """One option key (radio buttons); ``MultipleChoice`` reads several."""
        value = source.one(field_name(question["id"]))
        source.keep(question["id"], value)
        if not value:
            return None
        if value not in {option["key"] for option in question["options"]}:
            raise ValueError(_("Choose one of the answers offered."))
        return value

    def form_row(self, *, question: QuestionSpec, raw: Any) -> JSONDict:
        chosen = set(raw) if isinstance(raw, list) else {raw}
        return {
            "options": [
                {**option, "input_id": f"{question['id']}-{option['key']}", "checked": option["key"] in chosen}
                for option in question["options"]
            ]
        }

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """One option chosen; any option marked right earns the points (best_post may have several)."""
        _keys, right = right_keys(spec)
        return Fraction(1) if isinstance(answer, str) and answer in right else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        return next(str(option["key"]) for option in spec.get("options", ()) if option.get("correct"))

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        chosen = chosen_keys(answer)
        options = []
        for option in spec["options"]:
            is_chosen = option["key"] in chosen
            shown: JSONDict = {"chosen": is_chosen, "text": option.get("text", ""), "post": option.get("post")}
            if reveal:
                shown["correct"] = option["correct"]
                shown["feedback"] = option["feedback"] if (is_chosen or option["correct"]) else ""
            options.append(shown)
        return {"options": options}

    # -- content loader -------------------------------------------------------------------------------

    def loader_option(self, *, reader: ContentReader, entry: SourceMapping, path: Path) -> JSONDict:
        return {"text": reader.plain(entry["text"])}

    loader_option_keys: tuple[str, ...] = ("text",)

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        options = []
        for entry in reader.entries(
            data, "options", path, required=self.loader_option_keys, optional=("correct", "feedback")
        ):
            correct = entry.get("correct", False)
            if not isinstance(correct, bool):
                reader.error(path, entry.line_of("correct"), "« correct » must be true or false")
            if not correct and not entry.get("feedback"):
                reader.error(path, entry.line, "a wrong option needs « feedback » explaining why")
            option = {"correct": correct is True, "feedback": reader.plain(entry.get("feedback", ""))}
            option.update(self.loader_option(reader=reader, entry=entry, path=path))
            options.append(option)
        return {"options": options}

    # -- reports ------------------------------------------------------------------------------------------

    def report_options(self, spec: QuestionSpec) -> Sequence[ReportOption]:
        return [
            ReportOption(key=str(option.get("key")), label=option_label(option), is_correct=bool(option.get("correct")))
            for option in spec.get("options", ())
        ]

    def report_chosen(self, answer: Any) -> set[str]:
        if isinstance(answer, str):
            return {answer}
        return set(answer) if isinstance(answer, list | tuple) else set()
