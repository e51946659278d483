"""Grading of quiz answers: pure functions over question specs and answers, no database access.

A *question spec* is the JSON-safe dict stored in an attempt's snapshot (see ``quizzes.questions``):
``{"id", "type", "prompt", "explanation", "points", ...}`` plus the fields of its type. An *answer* is
what the learner sent for one question, already shaped by the form; each type's module documents its shape
(an option key, a list of keys, ``{item_key: position}``, a text…).

Grading never trusts the shape of an answer: anything it cannot read earns no points. How each type
scores lives in its module under ``quizzes.question_types``; this module only totals and decides.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import Any

from quizzes.question_types import UnknownQuestionType, question_type_get
from quizzes.question_types.base import AnswerValue, QuestionSpec, answer_normalize

__all__ = ["AnswerValue", "QuestionSpec", "answer_normalize"]

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


def _points(spec: QuestionSpec) -> Decimal:
    try:
        points = Decimal(str(spec.get("points", 1)))
    except ArithmeticError:
        return Decimal(1)
    return points.quantize(CENT) if points.is_finite() and 0 < points < 10**6 else Decimal(1).quantize(CENT)


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


def status_for_points(*, points: Decimal, max_points: Decimal) -> str:
    """The ladder every grade follows, automatic or a trainer's: all the points, some, or none."""
    if points >= max_points:
        return Status.CORRECT
    if points > 0:
        return Status.PARTIAL
    return Status.INCORRECT


def _fraction(question: QuestionSpec, answer: AnswerValue) -> Fraction | None:
    """The type's share of the points, ``None`` when a trainer must review; an unknown type earns nothing."""
    try:
        question_type = question_type_get(question.get("type"))
    except UnknownQuestionType:
        return Fraction(0)
    return question_type.grade(spec=question, answer=answer)


def grade_question(*, question: QuestionSpec, answer: AnswerValue) -> QuestionResult:
    """Score one answer. Writing exercises are left ``pending_review`` with no points yet."""
    question_id = str(question.get("id", ""))
    max_points = _points(question)
    if _is_blank(answer):
        return QuestionResult(question_id, Decimal(0).quantize(CENT), max_points, Status.UNANSWERED)
    fraction = _fraction(question, answer)
    if fraction is None:
        return QuestionResult(question_id, Decimal(0).quantize(CENT), max_points, Status.PENDING_REVIEW)
    fraction = min(Fraction(1), max(Fraction(0), fraction))
    # Round down so that rounding never gives more than was earned.
    points = (max_points * fraction.numerator / fraction.denominator).quantize(CENT, rounding=ROUND_DOWN)
    status = status_for_points(points=points, max_points=max_points)
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
    return question_type_get(question.get("type")).right_answer(question)
