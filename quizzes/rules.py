"""THE rule for "passed", as pure functions (no database access); every app asks here.

An attempt counts as passed only when its grade is final and reaches the pass mark. An attempt with a
writing answer waiting for a trainer's review is "pending review": its score is provisional, and it is
never "passed", whatever the points already earned, because the review can still change the outcome.
A quiz is passed when one of the learner's attempts is. ``passed_attempts_q`` is the same rule for
database queries (reports, exports); ``tests/quizzes/test_rules.py`` checks that both agree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from django.db.models import Q

IN_PROGRESS = "in_progress"
GRADED = "graded"
PENDING_REVIEW = "pending_review"
SUBMITTED_STATUSES = (GRADED, PENDING_REVIEW)


class AttemptLike(Protocol):
    status: str
    passed: bool | None
    percent: Decimal | None
    submitted_at: datetime.datetime | None


def attempt_is_submitted(*, status: str) -> bool:
    """Graded or waiting for a review: the learner can no longer change the answers."""
    return status in SUBMITTED_STATUSES


def attempt_is_final(*, status: str) -> bool:
    """Graded with no review pending: the score is a result (``final_attempts_q`` for queries)."""
    return status == GRADED


def attempt_is_passed(*, status: str, passed: bool | None) -> bool:
    """A final grade (no review pending) that reaches the pass mark."""
    return attempt_is_final(status=status) and passed is True


def attempt_is_pending_review(*, status: str) -> bool:
    """Submitted, with at least one writing answer a trainer has not reviewed yet."""
    return status == PENDING_REVIEW


# Answers that arrive later than this after the deadline are not counted (network, slow typing of "submit").
GRACE_PERIOD = datetime.timedelta(seconds=30)


def attempt_deadline(*, started_at: datetime.datetime, time_limit_minutes: int | None) -> datetime.datetime | None:
    """When a timed attempt's time is up (the time shown to the learner); ``None`` without a time limit."""
    return started_at + datetime.timedelta(minutes=time_limit_minutes) if time_limit_minutes else None


def attempt_is_past_deadline(*, deadline_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Time is up: the form is accepted with unanswered questions, without asking for confirmation."""
    return deadline_at is not None and now > deadline_at


def attempt_is_overdue(*, deadline_at: datetime.datetime | None, now: datetime.datetime) -> bool:
    """Time is up and so is the grace period: answers sent now are not counted and the attempt is closed."""
    return deadline_at is not None and now > deadline_at + GRACE_PERIOD


def final_attempts_q(prefix: str = "") -> Q:
    """Attempts whose grade is final (no review pending): only their scores are results, as learners see them."""
    return Q(**{f"{prefix}status": GRADED})


def passed_attempts_q(prefix: str = "") -> Q:
    """The rule of ``attempt_is_passed`` as a query filter (``prefix`` for a related lookup, e.g. "attempts__")."""
    return Q(**{f"{prefix}status": GRADED, f"{prefix}passed": True})


@dataclass(frozen=True)
class QuizOutcome:
    """A learner's standing on one quiz, from their submitted attempts.

    ``best_percent`` is the best *final* score; ``provisional_percent`` the best score of an attempt still
    waiting for review (shown as provisional, never as a result). ``pending_review`` is true while an
    attempt waits for review and the quiz is not passed yet.
    """

    quiz_id: int
    attempt_count: int
    best_percent: Decimal | None
    provisional_percent: Decimal | None
    passed: bool
    pending_review: bool
    last_submitted_at: datetime.datetime | None

    @property
    def status(self) -> str:
        """passed, pending_review, not_passed or not_taken (templates turn it into words)."""
        if self.passed:
            return "passed"
        if self.pending_review:
            return "pending_review"
        return "not_passed" if self.attempt_count else "not_taken"


def quiz_outcome_build(*, quiz_id: int, attempts: Iterable[AttemptLike]) -> QuizOutcome:
    """The outcome of one quiz from the learner's submitted attempts (attempts in progress are ignored)."""
    submitted = [attempt for attempt in attempts if attempt.status in SUBMITTED_STATUSES]
    final = [a.percent for a in submitted if attempt_is_final(status=a.status) and a.percent is not None]
    provisional = [a.percent for a in submitted if attempt_is_pending_review(status=a.status) and a.percent is not None]
    dates = [attempt.submitted_at for attempt in submitted if attempt.submitted_at is not None]
    passed = any(attempt_is_passed(status=a.status, passed=a.passed) for a in submitted)
    return QuizOutcome(
        quiz_id=quiz_id,
        attempt_count=len(submitted),
        best_percent=max(final) if final else None,
        provisional_percent=max(provisional) if provisional else None,
        passed=passed,
        pending_review=not passed and any(attempt_is_pending_review(status=a.status) for a in submitted),
        last_submitted_at=max(dates) if dates else None,
    )
