"""Writes for quizzes: start an attempt, grade a submission, record a trainer's review of a writing question."""

from __future__ import annotations

import datetime
import random
import secrets
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from progress.services import quiz_activity_record, quiz_progress_refresh, review_progress_refresh
from quizzes.results import answered_questions_record

from . import rules
from .grading import AnswerValue, QuestionResult, grade_attempt, grade_summarize, status_for_points
from .models import Attempt, AttemptStatus, QuizPage, WritingReview
from .question_types import question_type_is_reviewed
from .questions import snapshot_build
from .selectors import quiz_entries_get, start_status
from .signals import attempt_graded

if TYPE_CHECKING:
    from accounts.models import User


class QuizError(Exception):
    """A rule refused the action; ``message`` is a translated sentence for the learner."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class AttemptClosedError(QuizError):
    """The attempt was already submitted (a replayed or stale form)."""


def _apply_grade(attempt: Attempt, results: Sequence[QuestionResult]) -> None:
    grade = grade_summarize(results=results, pass_mark=attempt.pass_mark)
    attempt.results = [result.as_dict() for result in grade.results]
    attempt.score = grade.score
    attempt.max_score = grade.max_score
    attempt.percent = grade.percent
    attempt.passed = grade.passed
    attempt.status = AttemptStatus.PENDING_REVIEW if grade.is_pending_review else AttemptStatus.GRADED
    answered_questions_record(attempt=attempt)  # the item analysis's stored results (quizzes.results)
    if attempt.status == AttemptStatus.GRADED and attempt.quiz_id is not None:
        attempt_id, quiz_id = attempt.pk, attempt.quiz_id
        # After commit, so listeners (and their tasks) see the grade; robust: a listener's error never turns a
        # learner's committed submission into an error page.
        transaction.on_commit(
            lambda: attempt_graded.send(sender=Attempt, attempt_id=attempt_id, quiz_id=quiz_id), robust=True
        )


def _grade_and_close(
    attempt: Attempt, *, answers: Mapping[str, AnswerValue], now: datetime.datetime, late: bool
) -> None:
    grade = grade_attempt(questions=attempt.snapshot, answers=answers, pass_mark=attempt.pass_mark)
    attempt.answers = dict(answers)
    attempt.submitted_at = now
    attempt.late = late
    _apply_grade(attempt, grade.results)
    attempt.save()
    if attempt.quiz is not None:  # a deleted quiz's attempt still closes, but completes nothing
        quiz_progress_refresh(user=attempt.user, quiz=attempt.quiz, now=now)


def attempt_start(*, user: User, quiz: QuizPage, now: datetime.datetime | None = None) -> Attempt:
    """Start a new attempt (or return the one in progress): draw, shuffle and snapshot the questions.

    Raises ``QuizError`` when the attempts limit or the wait between attempts forbids it, or the quiz
    has no question. An attempt left open past its time limit is closed (graded with no answers) first.
    """
    now = now or timezone.now()
    try:
        with transaction.atomic():
            attempts = list(Attempt.objects.select_for_update().filter(user=user, quiz=quiz).order_by("number"))
            current = next((attempt for attempt in attempts if not attempt.is_submitted), None)
            if current is not None:
                if not rules.attempt_is_overdue(deadline_at=current.deadline_at, now=now):
                    return current
                _grade_and_close(current, answers={}, now=now, late=True)
            status = start_status(quiz=quiz, attempts=attempts, now=now)
            if not status.can_start:
                raise QuizError(status.reason)
            seed = secrets.randbits(62)
            snapshot = snapshot_build(
                entries=quiz_entries_get(quiz=quiz),
                rng=random.Random(seed),
                draw_count=quiz.draw_count,
                shuffle_questions=quiz.shuffle_questions,
                shuffle_options=quiz.shuffle_options,
            )
            if not snapshot:
                raise QuizError(_("This quiz has no questions yet."))
            deadline = rules.attempt_deadline(started_at=now, time_limit_minutes=quiz.time_limit_minutes)
            quiz_activity_record(user=user, quiz=quiz, now=now)  # the trainers' report shows it
            return Attempt.objects.create(
                user=user,
                quiz=quiz,
                quiz_title=quiz.title,
                number=max((attempt.number for attempt in attempts), default=0) + 1,
                seed=seed,
                started_at=now,
                deadline_at=deadline,
                snapshot=snapshot,
                pass_mark=quiz.pass_mark,
            )
    except IntegrityError:
        # Another request started an attempt at the same moment: use it.
        current = Attempt.objects.filter(user=user, quiz=quiz, status=AttemptStatus.IN_PROGRESS).first()
        if current is None:
            raise
        return current


def attempt_submit(
    *, user: User, attempt_id: int, answers: Mapping[str, AnswerValue], now: datetime.datetime | None = None
) -> Attempt:
    """Grade a submission once, on the server, from the attempt's snapshot (the attempt row is locked).

    Raises ``Attempt.DoesNotExist`` for another user's attempt and ``AttemptClosedError`` when it was
    already submitted. Answers arriving after the deadline and its grace period are not counted.
    """
    now = now or timezone.now()
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update(of=("self",)).select_related("quiz").get(pk=attempt_id, user=user)
        if attempt.is_submitted:
            raise AttemptClosedError(_("This attempt was already submitted; here is its result."))
        late = rules.attempt_is_overdue(deadline_at=attempt.deadline_at, now=now)
        _grade_and_close(attempt, answers={} if late else answers, now=now, late=late)
    return attempt


def writing_review_record(
    *,
    attempt: Attempt,
    question_id: str,
    reviewer: User,
    points: Decimal | int | float | str,
    feedback: str,
    ask_retry: bool = False,
    revocation_confirmed: bool = False,
    now: datetime.datetime | None = None,
) -> WritingReview:
    """Store a trainer's review of one writing question, regrade the attempt, then update the learner's progress.

    In one transaction: the review, the new grade, the completions it brings or withdraws and the
    certificates issued or revoked. Raises ``ValueError`` if the question is not a writing question of this
    submitted attempt or the points are outside 0..the question's points, and
    ``progress.services.RevocationNotConfirmed`` (nothing saved) when the new grade would revoke an issued
    certificate and ``revocation_confirmed`` is false. Reviewing again replaces the previous review.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if not locked.is_submitted:
            raise ValueError("The attempt has not been submitted.")
        if locked.quiz is None:
            raise ValueError("The attempt's quiz was deleted; there is nothing left to review against.")
        spec = next((spec for spec in locked.snapshot if spec.get("id") == question_id), None)
        if spec is None or not question_type_is_reviewed(spec.get("type")):
            raise ValueError(f"{question_id!r} is not a writing question of this attempt.")
        try:
            points = Decimal(str(points)).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError) as error:
            raise ValueError("Points must be a number.") from error
        results = [QuestionResult.from_dict(data) for data in locked.results]
        result = next(result for result in results if result.question_id == question_id)
        if not points.is_finite() or points < 0 or points > result.max_points:
            raise ValueError(f"Points must lie between 0 and {result.max_points}.")
        review, _created = WritingReview.objects.update_or_create(
            attempt=locked,
            question_id=question_id,
            defaults={
                "reviewer": reviewer,
                "points": points,
                "feedback": feedback,
                "ask_retry": ask_retry,
                "reviewed_at": now,
            },
        )
        status = status_for_points(points=points, max_points=result.max_points)
        results = [
            QuestionResult(question_id, points, result.max_points, status) if r.question_id == question_id else r
            for r in results
        ]
        _apply_grade(locked, results)
        locked.retry_requested = locked.writing_reviews.filter(ask_retry=True).exists()
        locked.save()
        review_progress_refresh(
            user=locked.user, quiz=locked.quiz, reviewer=reviewer, now=now, revocation_confirmed=revocation_confirmed
        )
    attempt.refresh_from_db()
    return review
