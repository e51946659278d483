"""E-mails to learners about their trainers' work, sent by the task worker (django-tasks)."""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from core.mail import delivery_connection, send_once
from core.tasks import task_retry_or_raise
from core.urls import public_url
from crisis import rules as crisis_rules
from crisis.models import CrisisChoice
from quizzes.models import WritingReview

from .models import CrisisGradeNotification, ReviewNotification
from .reports import writing_questions

logger = logging.getLogger(__name__)


def review_notification_schedule(*, review) -> None:
    """Queue the e-mail telling the learner their text was reviewed (within the caller's transaction, if any)."""
    review_notification_send.enqueue(review_id=review.pk, reviewed_at=review.reviewed_at.isoformat())


@task()
def review_notification_send(*, review_id: int, reviewed_at: str, attempt: int = 1) -> dict:
    """E-mail the learner, in French, that a trainer reviewed their text, with a link to the quiz review page.

    Delivered here, by the worker (not queued a second time). Idempotent: a ReviewNotification row (locked while
    sending) records the e-mail for this version of the review, so a retried or duplicated task sends nothing
    more. A review graded again since (``reviewed_at`` moved) or deleted is skipped: the newer grade has its own
    e-mail.
    """
    kwargs = {"review_id": review_id, "reviewed_at": reviewed_at}
    review = WritingReview.objects.select_related("attempt__user", "attempt__quiz").filter(pk=review_id).first()
    if review is None or review.reviewed_at.isoformat() != reviewed_at:
        return {"skipped": "review deleted or graded again"}
    try:
        sent = send_once(
            record_model=ReviewNotification,
            lookup={"review": review, "reviewed_at": review.reviewed_at},
            send=lambda: _review_email_send(review=review),
        )
    except Exception as error:
        return task_retry_or_raise(review_notification_send, attempt=attempt, error=error, kwargs=kwargs)
    return {"sent_to": review.attempt.user_id} if sent else {"skipped": "already sent"}


def _review_email_send(*, review) -> None:
    attempt = review.attempt
    question = next(q for q in writing_questions(attempt=attempt) if str(q["id"]) == str(review.question_id))
    review_path = reverse("quizzes:review", kwargs={"attempt_id": attempt.pk})
    with translation.override("fr"):
        context = {
            "learner": attempt.user,
            "quiz_title": attempt.quiz_display_title,
            "question": question,
            "review": review,
            "attempt": attempt,
            "review_url": public_url(review_path),
        }
        subject = render_to_string("cohorts/emails/review_subject.txt", context).strip()
        body = render_to_string("cohorts/emails/review_body.txt", context)
    send_mail(subject, body, None, [attempt.user.email], connection=delivery_connection())


def crisis_grade_notification_schedule(*, choice: CrisisChoice) -> None:
    """Queue the e-mail telling the learner their crisis text was graded (within the caller's transaction)."""
    crisis_grade_notification_send.enqueue(choice_id=choice.pk)


@task()
def crisis_grade_notification_send(*, choice_id: int, attempt: int = 1) -> dict:
    """E-mail the learner, in French, the grade and feedback a trainer gave a text of their crisis simulation.

    Delivered by the worker. Idempotent: a CrisisGradeNotification row (locked while sending) records the
    e-mail, so a retried or duplicated task sends nothing more. A choice not graded (yet) or deleted is skipped.
    """
    choice = CrisisChoice.objects.select_related("run__user").filter(pk=choice_id).first()
    if choice is None or choice.reviewed_at is None:
        return {"skipped": "choice deleted or not graded"}
    try:
        sent = send_once(
            record_model=CrisisGradeNotification,
            lookup={"choice": choice},
            send=lambda: _crisis_grade_email_send(choice=choice),
        )
    except Exception as error:
        return task_retry_or_raise(
            crisis_grade_notification_send, attempt=attempt, error=error, kwargs={"choice_id": choice_id}
        )
    return {"sent_to": choice.run.user_id} if sent else {"skipped": "already sent"}


def _crisis_grade_email_send(*, choice: CrisisChoice) -> None:
    run = choice.run
    step = crisis_rules.steps_by_key(run.snapshot).get(choice.step_key) or {}
    with translation.override("fr"):
        context = {
            "learner": run.user,
            "scenario_title": run.scenario_display_title,
            "step_title": step.get("title", ""),
            "choice": choice,
            "max_points": int(step.get("points", 0)),
            "debrief_url": public_url(reverse("crisis:debrief", kwargs={"run_id": run.pk})),
        }
        subject = render_to_string("cohorts/emails/crisis_grade_subject.txt", context).strip()
        body = render_to_string("cohorts/emails/crisis_grade_body.txt", context)
    send_mail(subject, body, None, [run.user.email], connection=delivery_connection())
