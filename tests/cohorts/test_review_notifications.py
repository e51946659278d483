"""The « your text was reviewed » e-mail is a background task: sent once per review version, retried on failure."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.models import ReviewNotification
from cohorts.notifications import review_notification_schedule, review_notification_send
from quizzes.services import writing_review_record
from tests.cohorts.conftest import submit_writing, writing_question_id
from tests.cohorts.flaky_mail import FlakyEmailBackend

pytestmark = pytest.mark.django_db

FLAKY = "tests.cohorts.flaky_mail.FlakyEmailBackend"


@pytest.fixture
def review(writing_quiz, learner_a, trainer_a):
    attempt = submit_writing(writing_quiz, learner_a)
    return writing_review_record(
        attempt=attempt, question_id=writing_question_id(attempt), reviewer=trainer_a, points=3, feedback="Bien vu."
    )


def test_the_same_review_is_announced_once_however_often_the_task_runs(review, learner_a):
    review_notification_schedule(review=review)
    review_notification_schedule(review=review)  # a duplicated or retried task

    assert [message.to for message in mail.outbox] == [[learner_a.email]]
    assert "Bien vu." in mail.outbox[0].body
    assert ReviewNotification.objects.get(review=review).sent_at is not None


def test_a_new_grade_gets_its_own_email_and_the_stale_task_sends_nothing(review, trainer_a):
    stale = review.reviewed_at.isoformat()
    review_notification_schedule(review=review)
    regraded = writing_review_record(
        attempt=review.attempt,
        question_id=review.question_id,
        reviewer=trainer_a,
        points=4,
        feedback="Encore mieux.",
        now=timezone.now() + datetime.timedelta(minutes=5),
    )
    review_notification_schedule(review=regraded)
    review_notification_send.enqueue(review_id=review.pk, reviewed_at=stale)

    assert [("Bien vu." in m.body, "Encore mieux." in m.body) for m in mail.outbox] == [(True, False), (False, True)]
    assert ReviewNotification.objects.filter(review=review).count() == 2


def test_a_refused_email_is_retried_until_it_is_sent(review, learner_a, settings):
    settings.EMAIL_BACKEND = FLAKY
    settings.TASK_MAX_ATTEMPTS = 3
    FlakyEmailBackend.failures_left = 2

    review_notification_schedule(review=review)

    assert [message.to for message in mail.outbox] == [[learner_a.email]]
    assert ReviewNotification.objects.get(review=review).sent_at is not None


def test_an_email_refused_at_every_attempt_is_logged_and_left_unsent(review, settings, caplog):
    settings.EMAIL_BACKEND = FLAKY
    settings.TASK_MAX_ATTEMPTS = 3
    FlakyEmailBackend.failures_left = 3

    review_notification_schedule(review=review)

    assert mail.outbox == []
    assert not ReviewNotification.objects.filter(review=review, sent_at__isnull=False).exists()
    assert "failed for good after 3 attempts" in caplog.text
    # A later run (an administrator re-enqueues it once the SMTP server is back) still sends it, once.
    review_notification_schedule(review=review)
    assert len(mail.outbox) == 1


@pytest.fixture(autouse=True)
def _smtp_back_up():
    yield
    FlakyEmailBackend.failures_left = 0
