"""Fixtures shared by every test module."""

import pytest
from django.core.cache import cache

from tests.factories import TrainerFactory, UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Rate-limit counters live in the cache; start every test from zero."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def learner(db):
    return UserFactory()


@pytest.fixture
def trainer(db):
    return TrainerFactory()
