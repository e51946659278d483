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
from quizzes.models import WritingReview

from .models import ReviewNotification
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
