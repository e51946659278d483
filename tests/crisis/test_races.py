"""Two tabs submitting the same step at once: exactly one decision lands (row lock + unique constraint)."""

import pytest
from django.db import connection

from crisis.models import CrisisChoice, CrisisRun
from crisis.services import CrisisError, choice_make, run_start
from tests.factories import make_course
from tests.helpers import run_together
from tests.progress.helpers import modules_of

from .helpers import make_scenario

THREADS = 8


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_decisions_on_one_step_record_exactly_one(learner):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers with a database lock; the row lock is exercised on PostgreSQL.")
    scenario = make_scenario(modules_of(make_course(modules=1, lessons=1))[0])
    run = run_start(user=learner, scenario=scenario)
    answers = ["a", "b"] * (THREADS // 2)

    def decide(answer):
        return lambda: choice_make(run=CrisisRun.objects.get(pk=run.pk), step_key="s1", choice_key=answer)

    results, errors = run_together([decide(answer) for answer in answers])

    assert len(results) == 1
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, CrisisError) for error in errors), errors
    choice = CrisisChoice.objects.get(run=run)
    run.refresh_from_db()
    assert run.current_step == {"a": "s2", "b": "s3"}[choice.choice_key]
