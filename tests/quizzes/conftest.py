"""Fixtures for quiz tests: a course with one module and quizzes of every question type."""

import pytest

from tests.factories import PASSWORD, make_course, make_quiz, sample_question

ALL_TYPES = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "writing")
AUTO_TYPES = tuple(kind for kind in ALL_TYPES if kind != "writing")


@pytest.fixture
def course(db):
    return make_course(modules=1, lessons=1)


@pytest.fixture
def module(course):
    return course.get_children().specific().first()


@pytest.fixture
def quiz(module):
    """A quiz of every automatically graded type, in a fixed order (no shuffling of questions)."""
    return make_quiz(module, questions=[sample_question(kind) for kind in AUTO_TYPES], shuffle_options=True)


@pytest.fixture
def writing_quiz(module):
    return make_quiz(module, questions=[sample_question("single"), sample_question("writing")], title="Écrire")


@pytest.fixture
def logged_in(client, learner):
    """The test client, signed in as `learner` through the login form's password check."""
    client.login(email=learner.email, password=PASSWORD)
    return client
