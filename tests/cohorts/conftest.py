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
