"""Cohort fixtures: two cohorts, each with its trainer and learners."""

import pytest
from django.contrib.auth import get_user_model

from cohorts.models import Membership
from cohorts.services import cohort_create
from tests.factories import TrainerFactory, UserFactory


def add_learners(cohort, count=1, **fields):
    learners = [UserFactory(**fields) for _ in range(count)]
    Membership.objects.bulk_create(
        [Membership(cohort=cohort, user=learner, source=Membership.Source.IMPORT) for learner in learners]
    )
    return learners


@pytest.fixture
def trainer_a(db):
    return TrainerFactory(full_name="Anne Formatrice")


@pytest.fixture
def trainer_b(db):
    return TrainerFactory(full_name="Bruno Formateur")


@pytest.fixture
def cohort_a(trainer_a):
    return cohort_create(name="Promotion A", created_by=trainer_a)


@pytest.fixture
def cohort_b(trainer_b):
    return cohort_create(name="Promotion B", created_by=trainer_b)


@pytest.fixture
def learner_a(cohort_a):
    return add_learners(cohort_a, full_name="Alice Apprenante")[0]


@pytest.fixture
def learner_b(cohort_b):
    return add_learners(cohort_b, full_name="Bob Apprenant")[0]


@pytest.fixture
def admin_user(db):
    return get_user_model().objects.create_superuser(email="admin@musee.test", password="x" * 12, full_name="Admin")


LEARNER_TEXT = "Bonjour, nous comprenons votre colère : le musée rouvre samedi à 10 h."


@pytest.fixture
def writing_quiz(db):
    """A one-module course whose quiz has a writing question (so submissions wait for a trainer)."""
    from tests.factories import make_course, make_quiz, sample_question

    course = make_course(modules=1, lessons=1)
    module = course.get_children().first().specific
    return make_quiz(module, questions=[sample_question("single"), sample_question("writing")], pass_mark=50)


def submit_writing(quiz, learner, *, now=None):
    """The learner answers every question (right choices, a text for the writing one): the attempt awaits review."""
    from tests.quizzes.helpers import attempt_submit_right

    return attempt_submit_right(learner, quiz, writing_text=LEARNER_TEXT, now=now)


def review_form_post(client, attempt, question_id, *, points, feedback=None, confirm_revocation=False):
    """The trainer's review form for one answer of `attempt`, as the browser posts it; the response."""
    from django.urls import reverse

    prefix = f"q-{question_id}"
    data = {"question_id": question_id, f"{prefix}-points": points}
    if feedback is not None:
        data[f"{prefix}-feedback"] = feedback
    if confirm_revocation:
        data[f"{prefix}-confirm_revocation"] = "on"
    return client.post(reverse("cohorts_admin:review", args=[attempt.pk]), data)


def writing_question_id(attempt):
    return next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")
