"""Review of writing exercises, end to end: learner submits, trainer grades, learner is told and sees it."""

import pytest
from django.core import mail
from django.urls import reverse

from quizzes.models import Attempt, AttemptStatus

from .conftest import review_form_post, submit_writing, writing_question_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_attempt(writing_quiz, learner_a):
    return submit_writing(writing_quiz, learner_a)


def test_trainer_reviews_and_learner_is_notified_and_sees_feedback(
    client, trainer_a, learner_a, submitted_attempt, django_capture_on_commit_callbacks
):
    assert submitted_attempt.status == AttemptStatus.PENDING_REVIEW
    client.force_login(trainer_a)

    queue = client.get(reverse("cohorts_admin:reviews"))
    assert learner_a.get_full_name() in queue.content.decode()

    page = client.get(reverse("cohorts_admin:review", args=[submitted_attempt.pk]))
    html = page.content.decode()
    assert "nous comprenons votre colère" in html
    assert "Ton courtois" in html  # the rubric

    with django_capture_on_commit_callbacks(execute=True):
        response = review_form_post(
            client,
            submitted_attempt,
            writing_question_id(submitted_attempt),
            points="3",
            feedback="Ton juste ; précisez l'horaire de réouverture.",
        )
    assert response.status_code == 302

    submitted_attempt.refresh_from_db()
    assert submitted_attempt.status == AttemptStatus.GRADED
    review = submitted_attempt.writing_reviews.get()
    assert review.points == 3
    assert review.reviewer == trainer_a

    assert [message.to for message in mail.outbox] == [[learner_a.email]]
    assert "précisez l'horaire" in mail.outbox[0].body
    assert reverse("quizzes:review", args=[submitted_attempt.pk]) in mail.outbox[0].body

    client.force_login(learner_a)
    learner_page = client.get(reverse("quizzes:review", args=[submitted_attempt.pk]))
    assert "précisez l&#x27;horaire" in learner_page.content.decode()

    client.force_login(trainer_a)
    assert learner_a.get_full_name() not in client.get(reverse("cohorts_admin:reviews")).content.decode()


def test_points_above_the_maximum_are_refused_and_nothing_is_stored(client, trainer_a, submitted_attempt):
    client.force_login(trainer_a)
    question_id = writing_question_id(submitted_attempt)
    response = review_form_post(client, submitted_attempt, question_id, points="99", feedback="Bien.")
    assert response.status_code == 400
    assert not submitted_attempt.writing_reviews.exists()
    assert not mail.outbox


def test_unknown_question_is_a_bad_request(client, trainer_a, submitted_attempt):
    client.force_login(trainer_a)
    response = client.post(reverse("cohorts_admin:review", args=[submitted_attempt.pk]), {"question_id": "nope"})
    assert response.status_code == 400


def test_trainer_of_another_cohort_cannot_review(client, trainer_b, submitted_attempt):
    client.force_login(trainer_b)
    url = reverse("cohorts_admin:review", args=[submitted_attempt.pk])
    assert client.get(url).status_code == 404
    question_id = writing_question_id(submitted_attempt)
    response = review_form_post(client, submitted_attempt, question_id, points="1", feedback="x")
    assert response.status_code == 404
    assert Attempt.objects.get(pk=submitted_attempt.pk).status == AttemptStatus.PENDING_REVIEW
    assert client.get(reverse("cohorts_admin:reviews")).content.decode().count("Alice Apprenante") == 0


def test_a_one_point_question_reads_point_in_the_singular(client, learner_a, submitted_attempt):
    client.force_login(learner_a)

    html = client.get(reverse("quizzes:review", args=[submitted_attempt.pk])).content.decode()

    assert "1 / 1 point" in html
    assert "1 / 1 points" not in html
