"""Crisis fixtures: a one-module course holding the test scenario, and the cohort tests' trainers and cohorts."""

import pytest

# The cohort tests' fixtures, so that a trainer's queue and report are tested with the same two trainers.
from tests.cohorts.conftest import cohort_a, learner_a, trainer_a, trainer_b  # noqa: F401
from tests.factories import make_course
from tests.progress.helpers import modules_of

from .helpers import make_scenario


@pytest.fixture
def module(db):
    """The only module of a one-lesson course."""
    return modules_of(make_course(modules=1, lessons=1))[0]


@pytest.fixture
def scenario(module):
    """The test scenario (see helpers.definition) in that module."""
    return make_scenario(module)
