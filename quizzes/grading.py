"""Grading of quiz answers: pure functions over question specs and answers, no database access.

A *question spec* is the JSON-safe dict stored in an attempt's snapshot (see ``quizzes.questions``):
``{"id", "type", "prompt", "explanation", "points", ...}`` plus the fields of its type. An *answer* is
what the learner sent for one question, already shaped by the form:

- ``single``, ``best_post``, ``true_false``: the key of the chosen option (``"true"``/``"false"``);
- ``multiple``: a list of option keys;
- ``ordering``: ``{item_key: position}`` with positions from 1;
- ``matching``: ``{left_key: right_key}``;
- ``short_answer``, ``writing``: the text.

Grading never trusts the shape of an answer: anything it cannot read earns no points.
"""

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

QuestionSpec = Mapping[str, Any]
AnswerValue = str | bool | Sequence[str] | Mapping[str, Any] | None

CENT = Decimal("0.01")


class Status:
    """Per-question outcome, stored in the attempt so progress and reviews can read it."""

    CORRECT = "correct"
    PARTIAL = "partial"
    INCORRECT = "incorrect"
    UNANSWERED = "unanswered"
    PENDING_REVIEW = "pending_review"


@dataclass(frozen=True)
class QuestionResult:
    """Points earned on one question; ``pending_review`` questions wait for a trainer."""

    question_id: str
    points: Decimal
    max_points: Decimal
    status: str

    @property
    def is_pending(self) -> bool:
        return self.status == Status.PENDING_REVIEW

    def as_dict(self) -> dict[str, str]:
        return {
            "question_id": self.question_id,
            "points": str(self.points),
            "max_points": str(self.max_points),
            "status": self.status,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "QuestionResult":
        return cls(
            question_id=str(data["question_id"]),
            points=Decimal(str(data["points"])),
            max_points=Decimal(str(data["max_points"])),
            status=str(data["status"]),
        )


@dataclass(frozen=True)
class Grade:
    """The outcome of an attempt.

    ``passed`` is ``None`` while any question waits for a trainer's review: the score is provisional and
    the attempt is neither passed nor failed until every review is done (see ``quizzes.rules``).
    """

    results: tuple[QuestionResult, ...]
    score: Decimal
    max_score: Decimal
    pending_points: Decimal
    percent: Decimal
    passed: bool | None

    @property
    def is_pending_review(self) -> bool:
        return any(result.is_pending for result in self.results)


def answer_normalize(text: str) -> str:
    """Compare short answers without case, accents, typographic variants or surrounding spaces."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    unified = without_accents.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    return " ".join(unified.casefold().split())


def _points(spec: QuestionSpec) -> Decimal:
    try:
        points = Decimal(str(spec.get("points", 1)))
    except ArithmeticError:
        return Decimal(1)
    return points.quantize(CENT) if points.is_finite() and 0 < points < 10**6 else Decimal(1).quantize(CENT)


def _option_keys(spec: QuestionSpec) -> tuple[set[str], set[str]]:
    keys = {str(option["key"]) for option in spec.get("options", ())}
    right = {str(option["key"]) for option in spec.get("options", ()) if option.get("correct")}
    return keys, right


def _is_blank(answer: AnswerValue) -> bool:
    if answer is None:
        return True
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, bool):
        return False
    if isinstance(answer, Mapping):
        return all(_is_blank(value) for value in answer.values())
    if isinstance(answer, Iterable):
        return len(list(answer)) == 0
    return False


def _as_key_set(answer: AnswerValue) -> set[str]:
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, Mapping) or not isinstance(answer, Iterable):
        return set()
    return {str(item) for item in answer if isinstance(item, str)}


def _fraction_choice(spec: QuestionSpec, answer: AnswerValue) -> Fraction:
    """One option chosen; any option marked right earns the points (best_post may have several)."""
    _keys, right = _option_keys(spec)
    return Fraction(1) if isinstance(answer, str) and answer in right else Fraction(0)


def _fraction_multiple(spec: QuestionSpec, answer: AnswerValue) -> Fraction:
    """All or nothing, or partial: (right chosen - wrong chosen) / right, never below zero."""
    keys, right = _option_keys(spec)
    chosen = _as_key_set(answer) & keys
    if not right:
        return Fraction(0)
    if spec.get("scoring") == "partial":
        earned = len(chosen & right) - len(chosen - right)
        return max(Fraction(0), Fraction(earned, len(right)))
    return Fraction(1) if chosen == right else Fraction(0)


def _fraction_true_false(spec: QuestionSpec, answer: AnswerValue) -> Fraction:
    if isinstance(answer, bool):
        chosen = answer
    elif isinstance(answer, str) and answer in ("true", "false"):
        chosen = answer == "true"
    else:
        return Fraction(0)
    return Fraction(1) if chosen == bool(spec.get("answer")) else Fraction(0)


def _position(value: Any, count: int) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        position = value
    elif isinstance(value, str) and value.strip().isdigit():
        position = int(value.strip())
    else:
        return None
    return position if 1 <= position <= count else None


def _fraction_ordering(spec: QuestionSpec, answer: AnswerValue) -> Fraction:
    """Partial credit by pairs: each pair of steps placed in the right relative order counts."""
    order = [str(key) for key in spec.get("correct_order", ())]
    if not isinstance(answer, Mapping) or not order:
        return Fraction(0)
    positions = {key: _position(answer.get(key), len(order)) for key in order}
    if len(order) == 1:
        return Fraction(1) if positions[order[0]] is not None else Fraction(0)
    pairs = [(a, b) for i, a in enumerate(order) for b in order[i + 1 :]]
    in_order = sum(
        1 for a, b in pairs if positions[a] is not None and positions[b] is not None and positions[a] < positions[b]
    )
    return Fraction(in_order, len(pairs))


def _fraction_matching(spec: QuestionSpec, answer: AnswerValue) -> Fraction:
    """Partial credit: the share of left-hand items paired with their right-hand side."""
    lefts = list(spec.get("lefts", ()))
    if not isinstance(answer, Mapping) or not lefts:
        return Fraction(0)
    matched = sum(1 for left in lefts if answer.get(str(left["key"])) == str(left["answer"]))
    return Fraction(matched, len(lefts))


def _fraction_short_answer(spec: QuestionSpec, answer: AnswerValue) -> Fraction:
    if not isinstance(answer, str):
        return Fraction(0)
    accepted = {answer_normalize(text) for text in spec.get("accepted", ())}
    accepted.discard("")
    return Fraction(1) if answer_normalize(answer) in accepted else Fraction(0)


_FRACTIONS = {
    "single": _fraction_choice,
    "best_post": _fraction_choice,
    "multiple": _fraction_multiple,
    "true_false": _fraction_true_false,
    "ordering": _fraction_ordering,
    "matching": _fraction_matching,
    "short_answer": _fraction_short_answer,
}


def grade_question(*, question: QuestionSpec, answer: AnswerValue) -> QuestionResult:
    """Score one answer. Writing exercises are left ``pending_review`` with no points yet."""
    question_id = str(question.get("id", ""))
    max_points = _points(question)
    if _is_blank(answer):
        return QuestionResult(question_id, Decimal(0).quantize(CENT), max_points, Status.UNANSWERED)
    if question.get("type") == "writing":
        if not isinstance(answer, str):
            return QuestionResult(question_id, Decimal(0).quantize(CENT), max_points, Status.INCORRECT)
        return QuestionResult(question_id, Decimal(0).quantize(CENT), max_points, Status.PENDING_REVIEW)
    fraction_of = _FRACTIONS.get(str(question.get("type")))
    fraction = fraction_of(question, answer) if fraction_of else Fraction(0)
    fraction = min(Fraction(1), max(Fraction(0), fraction))
    # Round down so that rounding never gives more than was earned.
    points = (max_points * fraction.numerator / fraction.denominator).quantize(CENT, rounding=ROUND_DOWN)
    if points >= max_points:
        status = Status.CORRECT
    elif points > 0:
        status = Status.PARTIAL
    else:
        status = Status.INCORRECT
    return QuestionResult(question_id, points, max_points, status)


def grade_summarize(*, results: Sequence[QuestionResult], pass_mark: Decimal | int) -> Grade:
    """Total the per-question results and decide pass/fail (also used after a trainer's review)."""
    score = sum((result.points for result in results), Decimal(0))
    max_score = sum((result.max_points for result in results), Decimal(0))
    pending = sum((result.max_points for result in results if result.is_pending), Decimal(0))
    mark = Decimal(str(pass_mark))
    if max_score > 0:
        percent = (score * 100 / max_score).quantize(CENT, rounding=ROUND_DOWN)
    else:
        percent = Decimal(0).quantize(CENT)
    passed: bool | None = None if pending else score * 100 >= mark * max_score
    return Grade(
        results=tuple(results),
        score=score.quantize(CENT),
        max_score=max_score.quantize(CENT),
        pending_points=pending.quantize(CENT),
        percent=percent,
        passed=passed,
    )


def grade_attempt(
    *, questions: Sequence[QuestionSpec], answers: Mapping[str, AnswerValue], pass_mark: Decimal | int
) -> Grade:
    """Grade every question of an attempt; questions without an answer count as unanswered."""
    results = [
        grade_question(question=question, answer=answers.get(str(question.get("id", "")))) for question in questions
    ]
    return grade_summarize(results=results, pass_mark=pass_mark)


def answer_right_build(*, question: QuestionSpec) -> AnswerValue:
    """A fully right answer to a question (used by tests, previews and the answer key)."""
    kind = question.get("type")
    options = question.get("options", ())
    if kind in ("single", "best_post"):
        return next(str(option["key"]) for option in options if option.get("correct"))
    if kind == "multiple":
        return [str(option["key"]) for option in options if option.get("correct")]
    if kind == "true_false":
        return "true" if question.get("answer") else "false"
    if kind == "ordering":
        return {str(key): position for position, key in enumerate(question.get("correct_order", ()), start=1)}
    if kind == "matching":
        return {str(left["key"]): str(left["answer"]) for left in question.get("lefts", ())}
    if kind == "short_answer":
        return str(question["accepted"][0])
    if kind == "writing":
        return str(question.get("model_answer", ""))
    raise ValueError(f"Unknown question type: {kind!r}")
