"""What a question type is: one class per type gathers every rule the engine needs about it.

The engine (``quizzes.questions``, ``quizzes.forms``, ``quizzes.grading``, the content loader and the cohort
reports) knows nothing about any particular type: it looks the type up in the registry
(``quizzes.question_types``) and calls these methods. A new type is one module with one subclass of
:class:`QuestionType`, registered with ``question_type_register``; no engine code changes.

Everything here is pure: no database access, JSON-safe dicts in and out.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any, ClassVar, Protocol

QuestionSpec = Mapping[str, Any]
"""A question as stored in an attempt's snapshot: ``{"id", "type", "prompt", "explanation", "points", …}``."""

AnswerValue = str | bool | Sequence[str] | Mapping[str, Any] | None
"""What the learner sent for one question, already shaped by the form (each type documents its shape)."""

JSONDict = dict[str, Any]

FIELD_PREFIX = "q-"


def field_name(question_id: str, key: str | None = None) -> str:
    """The POST field of a question (``q-<id>``) or of one of its items (``q-<id>-<key>``)."""
    return f"{FIELD_PREFIX}{question_id}" + (f"-{key}" if key else "")


def item_inputs(question_id: str, items: Iterable[Mapping[str, Any]], raw: Any) -> list[JSONDict]:
    """The inputs of a question with one field per item (``field_keys``), as its form template draws them.

    Each item gets its field name, its HTML id and what the learner gave for it when the form was refused
    (``raw``: ``{item key: value}``).
    """
    given = raw if isinstance(raw, dict) else {}
    return [
        {
            **item,
            "name": field_name(question_id, item["key"]),
            "input_id": f"{question_id}-{item['key']}",
            "value": given.get(item["key"], ""),
        }
        for item in items
    ]


# -- small pure helpers shared by the types ------------------------------------------------------


def list_values(raw: Any) -> list[Any]:
    """ListBlock raw data in either format: ``[{"type": "item", "value": …, "id": …}]`` or plain values."""
    if not isinstance(raw, list):
        return []
    values = []
    for item in raw:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            values.append(item["value"])
        else:
            values.append(item)
    return values


def text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def json_safe(value: Any) -> Any:
    """Dates become ISO strings so that a spec can be stored as JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def positive_points(value: Any) -> int:
    """Whole points of at least one (an unreadable or non-positive value counts as one)."""
    try:
        points = int(value)
    except (TypeError, ValueError):
        return 1
    return points if points > 0 else 1


def shuffled(items: list[Any], rng: random.Random | None, *, avoid_same_order: bool = False) -> list[Any]:
    if rng is None or len(items) < 2:
        return list(items)
    result = list(items)
    rng.shuffle(result)
    if avoid_same_order:
        while result == items:
            rng.shuffle(result)
    return result


def chosen_keys(answer: Any) -> set[str]:
    """The option keys an answer names: one key, or a list of them."""
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, list | tuple | set):
        return {str(item) for item in answer}
    return set()


def answer_normalize(value: str) -> str:
    """Compare short answers without case, accents, typographic variants or surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", str(value))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    unified = without_accents.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return " ".join(unified.casefold().split())


class Keys:
    """Opaque keys: random for attempts, readable (``o1``, ``i2``…) for trainers' answer keys."""

    def __init__(self, rng: random.Random | None):
        self.rng = rng
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def new(self, prefix: str) -> str:
        if self.rng is None:
            self.counters[prefix] = self.counters.get(prefix, 0) + 1
            return f"{prefix}{self.counters[prefix]}"
        while True:
            key = f"{self.rng.getrandbits(48):012x}"
            if key not in self.used:
                self.used.add(key)
                return key


@dataclass(frozen=True)
class BuildContext:
    """Randomness for building one spec.

    ``rng`` is ``None`` for the trainers' answer key (readable keys, nothing shuffled); ``options_rng`` is the
    same generator when the quiz shuffles answers, else ``None``.
    """

    keys: Keys
    rng: random.Random | None
    options_rng: random.Random | None


@dataclass(frozen=True)
class ReportOption:
    """One answer a choice question offered, as the item analysis counts it (matched by label across attempts)."""

    key: str
    label: str
    is_correct: bool


class AnswerSource(Protocol):
    """The submitted form as a type reads it (``quizzes.forms.AttemptForm``)."""

    def one(self, name: str) -> str:
        """The single value of a field, "" when absent; ``ValueError`` when several were sent."""
        ...

    def many(self, name: str) -> list[str]:
        """Every value of a field (checkboxes)."""
        ...

    def keep(self, question_id: str, raw: Any) -> None:
        """Remember what the learner typed or chose, to show it again if the form is refused."""
        ...


class SourceMapping(Protocol):
    """A mapping read from a YAML content file, which knows the line of each of its keys."""

    line: int

    def line_of(self, key: str) -> int: ...

    def get(self, key: str, default: Any = None) -> Any: ...

    def __getitem__(self, key: str) -> Any: ...

    def __contains__(self, key: object) -> bool: ...


class ContentReader(Protocol):
    """The content loader (``guide/parsing.py``) as a type uses it to read its YAML fields."""

    def error(self, path: Path, line: int | None, message: str) -> None: ...

    def plain(self, value: Any) -> str:
        """A text field that is not rich text, with French typography applied."""
        ...

    def text_list(self, data: SourceMapping, key: str, path: Path) -> list[str]: ...

    def entries(
        self, data: SourceMapping, key: str, path: Path, *, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> list[SourceMapping]: ...

    def mapping(self, data: Any, path: Path, line: int, what: str) -> SourceMapping | None: ...

    def post_content(self, data: SourceMapping, path: Path) -> JSONDict | None: ...


class QuestionType:
    """Base class of a question type; subclasses set ``name`` and the templates, and override the methods.

    The methods and what the engine does with them:

    - ``spec_build``: the type's fields of a spec, from the stored block value (``ValueError`` if it cannot be
      graded). Secrets (right answers, feedback) go in the spec; ``public`` picks what the learner may see.
    - ``field_keys``, ``clean``, ``form_row``: the attempt form (names, reading and checking, drawing).
    - ``grade``: the fraction of the points earned, or ``None`` when a trainer must review the answer.
    - ``right_answer``: a fully right answer (answer key, previews, tests).
    - ``review``: what the result page shows; secrets only when ``reveal``.
    - ``loader_required``, ``loader_optional``, ``loader_value``: the YAML fields of the content loader.
    - ``report_options``, ``report_chosen``: the answers counted by the item analysis (choice types only).
    """

    name: ClassVar[str]
    form_template: ClassVar[str]
    """Template drawing the question's inputs in the attempt form (context: ``row``, ``question``)."""
    review_template: ClassVar[str]
    """Template drawing the answer in the review and the answer key (context: ``row``, ``answer_key``)."""
    loader_required: ClassVar[tuple[str, ...]] = ()
    loader_optional: ClassVar[tuple[str, ...]] = ()
    is_choice: ClassVar[bool] = False
    """The learner picks among answers offered: the item analysis counts how often each was chosen."""
    is_reviewed: ClassVar[bool] = False
    """A trainer gives the points (``grade`` returns ``None`` for a text to review)."""

    # -- spec and what the learner may see ---------------------------------------------------------

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        raise NotImplementedError

    def public(self, spec: QuestionSpec) -> JSONDict:
        """Listed, never filtered: a new secret field in a spec stays secret."""
        return {}

    # -- the attempt form ---------------------------------------------------------------------------

    def field_keys(self, question: QuestionSpec) -> tuple[str, ...]:
        """Item keys of one field each (``q-<id>-<key>``); empty for a single field ``q-<id>``."""
        return ()

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        """The clean answer, ``None`` when unanswered; ``ValueError`` with a translated message when invalid."""
        raise NotImplementedError

    def form_row(self, *, question: QuestionSpec, raw: Any) -> JSONDict:
        """Extra entries of the form row (options, items…); each input listed has an ``input_id``."""
        return {}

    # -- grading and review ----------------------------------------------------------------------------

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """Share of the points earned by a non-blank answer (0 to 1), ``None`` when a trainer must review it."""
        raise NotImplementedError

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        raise NotImplementedError

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        return {}

    # -- content loader -------------------------------------------------------------------------------

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        """The block value of the type's own YAML fields (prompt, explanation and points are read by the loader)."""
        return {}

    # -- reports ------------------------------------------------------------------------------------------

    def report_options(self, spec: QuestionSpec) -> Sequence[ReportOption]:
        return ()

    def report_chosen(self, answer: Any) -> set[str]:
        return set()


def keys_of(items: Iterable[Mapping[str, Any]]) -> set[str]:
    return {str(item["key"]) for item in items}
