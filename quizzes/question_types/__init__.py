"""The question-type registry: every type the quiz engine knows, by name, in the order authors see them.

A type is one module with one :class:`~quizzes.question_types.base.QuestionType` subclass; it plugs in with
``question_type_register(MyType())``, and the form, grading, review, content loader and reports handle it
without any change. Block names in ``quizzes.blocks`` are these names.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .base import QuestionType
from .best_post import BestPost
from .matching import Matching
from .multiple import MultipleChoice
from .ordering import Ordering
from .post import Post
from .short_answer import ShortAnswer
from .single import SingleChoice
from .true_false import TrueFalse
from .writing import Writing

_REGISTRY: dict[str, QuestionType] = {}


class UnknownQuestionType(ValueError):
    """No question type of that name is registered."""


def question_type_register(question_type: QuestionType) -> QuestionType:
    """Add a type; a second type of the same name is refused (``ValueError``)."""
    if question_type.name in _REGISTRY:
        raise ValueError(f"A question type named {question_type.name!r} is already registered.")
    _REGISTRY[question_type.name] = question_type
    return question_type


def question_type_unregister(name: str) -> None:
    _REGISTRY.pop(name, None)


@contextmanager
def question_type_registered(question_type: QuestionType) -> Iterator[QuestionType]:
    """Register a type for the duration of a block (tests, experiments)."""
    question_type_register(question_type)
    try:
        yield question_type
    finally:
        question_type_unregister(question_type.name)


def question_type_get(name: object) -> QuestionType:
    """The type of that name; ``UnknownQuestionType`` (a ``ValueError``) otherwise."""
    question_type = _REGISTRY.get(name) if isinstance(name, str) else None
    if question_type is None:
        raise UnknownQuestionType(f"Unknown question type: {name!r}")
    return question_type


def question_type_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def question_type_is_reviewed(name: object) -> bool:
    """Whether a trainer gives the points of questions of this type."""
    question_type = _REGISTRY.get(name) if isinstance(name, str) else None
    return question_type is not None and question_type.is_reviewed


def question_type_is_choice(name: object) -> bool:
    """Whether the item analysis counts the answers chosen for questions of this type."""
    question_type = _REGISTRY.get(name) if isinstance(name, str) else None
    return question_type is not None and question_type.is_choice


for _type in (SingleChoice, MultipleChoice, TrueFalse, Ordering, Matching, BestPost, ShortAnswer, Writing, Post):
    question_type_register(_type())
