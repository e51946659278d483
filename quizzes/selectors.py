"""Reads of quizzes and attempts for pages and other apps, with a fixed number of queries."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page

from core.page_cache import page_part_get

from .models import Attempt, AttemptStatus, FeedbackPolicy, QuestionBankItem, QuizPage, WritingReview
from .question_types import question_type_names
from .rules import SUBMITTED_STATUSES, QuizOutcome, quiz_outcome_build

if TYPE_CHECKING:
    from accounts.models import User


def quiz_outcomes_get(*, user: User | AnonymousUser | None, quiz_ids: Iterable[int]) -> dict[int, QuizOutcome]:
    """Outcome per requested quiz id (every id is present; no attempt → count 0, not passed). One query.

    ``attempt_count`` counts submitted attempts (graded or waiting for review), not one in progress.
    """
    quiz_ids = list(dict.fromkeys(int(quiz_id) for quiz_id in quiz_ids))
    by_quiz: dict[int, list[Attempt]] = {quiz_id: [] for quiz_id in quiz_ids}
    if quiz_ids and user is not None and user.is_authenticated:
        attempts = Attempt.objects.filter(user=user, quiz_id__in=quiz_ids, status__in=SUBMITTED_STATUSES).only(
            "id", "quiz_id", "status", "percent", "passed", "retry_requested", "submitted_at"
        )
        for attempt in attempts:
            if attempt.quiz_id is not None:
                by_quiz[attempt.quiz_id].append(attempt)
    return {quiz_id: quiz_outcome_build(quiz_id=quiz_id, attempts=attempts) for quiz_id, attempts in by_quiz.items()}


def writing_reviews_pending(*, learner_ids: Iterable[int] | None = None) -> QuerySet[Attempt]:
    """Attempts waiting for a trainer's review of a writing question, oldest submission first."""
    # An attempt whose quiz page was deleted stays in the learner's history but has nothing left to review.
    attempts = Attempt.objects.filter(status=AttemptStatus.PENDING_REVIEW, quiz__isnull=False).select_related(
        "user", "quiz"
    )
    if learner_ids is not None:
        attempts = attempts.filter(user_id__in=list(learner_ids))
    return attempts.order_by("submitted_at", "pk")


def attempt_get(*, user: User | AnonymousUser, attempt_id: int) -> Attempt | None:
    """The user's own attempt with its quiz, or None (another user's attempt is never returned)."""
    if not user.is_authenticated:
        return None
    return Attempt.objects.select_related("quiz").filter(pk=attempt_id, user=user).first()


def attempt_reveal(*, attempt: Attempt, has_passed: bool) -> bool:
    """Whether the review may show right answers, feedback and explanations under the quiz's policy.

    Never once the quiz page is deleted: its policy is gone with it.
    """
    quiz = attempt.quiz
    if quiz is None:
        return False
    policy = quiz.feedback_policy
    if policy == FeedbackPolicy.AFTER_ATTEMPT:
        return True
    if policy == FeedbackPolicy.AFTER_PASS:
        return has_passed
    if policy == FeedbackPolicy.PASS_OR_EXHAUSTED:
        return has_passed or attempts_exhausted(quiz=quiz, user_id=attempt.user_id)
    return False


def attempts_exhausted(*, quiz: QuizPage, user_id: int) -> bool:
    """True when the learner has used every attempt the quiz allows (as counted to start a new one)."""
    if quiz.max_attempts is None:
        return False
    used = Attempt.objects.filter(quiz=quiz, user_id=user_id, retry_requested=False).count()
    return used >= quiz.max_attempts


def attempt_reviews_get(*, attempt: Attempt) -> dict[str, WritingReview]:
    """Trainers' reviews of the attempt's writing questions, by question id (one query)."""
    return {review.question_id: review for review in attempt.writing_reviews.all()}


@dataclass(frozen=True)
class StartStatus:
    """Whether the learner can start an attempt now, and if not why (a translated sentence)."""

    can_start: bool
    reason: str = ""
    attempts_left: int | None = None
    next_start_at: datetime.datetime | None = None


def start_status(*, quiz: QuizPage, attempts: Sequence[Attempt], now: datetime.datetime) -> StartStatus:
    """Whether a new attempt may start: attempts allowed and wait between attempts.

    An attempt after which a trainer asked for a new one does not count against the limit.
    """
    used = sum(1 for attempt in attempts if not attempt.retry_requested)
    limit = quiz.max_attempts
    attempts_left = None if limit is None else max(0, limit - used)
    if limit is not None and attempts_left == 0:
        return StartStatus(
            can_start=False,
            reason=ngettext(
                "You have used your only attempt at this quiz.",
                "You have used all %(count)s attempts allowed for this quiz.",
                limit,
            )
            % {"count": limit},
            attempts_left=0,
        )
    submitted = [attempt.submitted_at for attempt in attempts if attempt.submitted_at is not None]
    if quiz.wait_minutes and submitted:
        next_start_at = max(submitted) + datetime.timedelta(minutes=quiz.wait_minutes)
        if now < next_start_at:
            when = formats.date_format(timezone.localtime(next_start_at), "DATETIME_FORMAT")
            return StartStatus(
                can_start=False,
                reason=_("You can start a new attempt from %(when)s.") % {"when": when},
                attempts_left=attempts_left,
                next_start_at=next_start_at,
            )
    return StartStatus(can_start=True, attempts_left=attempts_left)


class QuizStartContext(TypedDict):
    """What the quiz's start screen shows (the QuizPage's template context)."""

    breadcrumbs: list[Page]
    question_count: int
    attempts: list[Attempt]
    current_attempt: Attempt | None
    outcome: QuizOutcome | None
    start: StartStatus | None


def _breadcrumbs(quiz: QuizPage) -> list[Page]:
    """The quiz's ancestors below the root, the same for every reader until pages change (a page part of
    core.page_cache); a quiz not saved yet (a preview while adding it) has its own."""
    if quiz.pk is None:
        return list(quiz.get_ancestors().filter(depth__gt=1))
    return page_part_get(f"quizzes:breadcrumbs:{quiz.pk}", lambda: list(quiz.get_ancestors().filter(depth__gt=1)))


def quiz_start_get(
    *, quiz: QuizPage, user: User | AnonymousUser, now: datetime.datetime | None = None
) -> QuizStartContext:
    """The start screen: settings summary, attempts left, best score, history and any attempt in progress.

    One query for the learner's attempts, whatever their number or the number of questions.
    """
    now = now or timezone.now()
    context: QuizStartContext = {
        "breadcrumbs": _breadcrumbs(quiz),
        "question_count": quiz.question_count,
        "attempts": [],
        "current_attempt": None,
        "outcome": None,
        "start": None,
    }
    if not user.is_authenticated:
        return context
    attempts = list(
        Attempt.objects.filter(user=user, quiz=quiz)
        .order_by("number")
        .only(
            "id",
            "quiz_id",
            "user_id",
            "number",
            "status",
            "started_at",
            "submitted_at",
            "deadline_at",
            "score",
            "max_score",
            "percent",
            "passed",
            "retry_requested",
        )
    )
    submitted = [attempt for attempt in attempts if attempt.is_submitted]
    context["attempts"] = submitted
    context["current_attempt"] = next((attempt for attempt in attempts if not attempt.is_submitted), None)
    context["outcome"] = quiz_outcome_build(quiz_id=quiz.pk, attempts=submitted)
    context["start"] = start_status(quiz=quiz, attempts=attempts, now=now)
    return context


@dataclass(frozen=True)
class ResultNextStep:
    """What the result page offers next: the following module once passed, else another try (or why not)."""

    passed: bool
    pending_review: bool
    next_page: Page | None = None
    start: StartStatus | None = None


def _course_item_after(quiz: QuizPage) -> Page | None:
    """The live page after the quiz's module in its course (the next module or the final quiz); None for a final
    quiz or the last module."""
    module = quiz.get_parent()
    if module.specific_class is None or module.specific_class._meta.label != "course.ModulePage":
        return None
    return module.get_next_siblings().live().public().first()


def result_next_step_get(
    *, attempt: Attempt, outcome: QuizOutcome, now: datetime.datetime | None = None
) -> ResultNextStep:
    """Guided next step for the result page of ``attempt`` (the learner's outcome on its quiz already read)."""
    quiz = attempt.quiz
    if quiz is None:  # the quiz page was deleted: nothing to continue or retake
        return ResultNextStep(passed=outcome.passed, pending_review=outcome.pending_review)
    if outcome.passed:
        return ResultNextStep(passed=True, pending_review=False, next_page=_course_item_after(quiz))
    if outcome.pending_review:
        return ResultNextStep(passed=False, pending_review=True)
    attempts = list(
        Attempt.objects.filter(user_id=attempt.user_id, quiz=quiz).only("id", "submitted_at", "retry_requested")
    )
    return ResultNextStep(
        passed=False, pending_review=False, start=start_status(quiz=quiz, attempts=attempts, now=now or timezone.now())
    )


def quiz_entries_get(*, quiz: QuizPage) -> list[dict[str, Any]]:
    """The quiz's questions as raw block data, bank questions resolved (one query for all bank items)."""
    raw_items = [item for item in quiz.questions.raw_data if item.get("type") in (*question_type_names(), "bank")]
    bank_ids = {item["value"] for item in raw_items if item["type"] == "bank" and isinstance(item.get("value"), int)}
    bank = {item.pk: item for item in QuestionBankItem.objects.filter(pk__in=bank_ids)} if bank_ids else {}
    entries = []
    for item in raw_items:
        if item["type"] != "bank":
            entries.append({"id": item.get("id") or "", "type": item["type"], "value": item.get("value")})
            continue
        bank_item = bank.get(item.get("value"))
        questions = list(bank_item.question.raw_data) if bank_item is not None else []
        if bank_item is not None and questions:
            entries.append(
                {
                    "id": item.get("id") or "",
                    "type": questions[0]["type"],
                    "value": questions[0].get("value"),
                    "bank_item_id": bank_item.pk,
                }
            )
    return entries
