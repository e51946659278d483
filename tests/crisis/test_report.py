"""The trainer's report per scenario: choices per step, averages, wrong turns, scope, fixed query count."""

from django.urls import reverse

from cohorts.services import cohort_create
from crisis.services import run_start
from tests.cohorts.conftest import add_learners
from tests.factories import TrainerFactory

from .helpers import play


def _play_wrong(learner, scenario):
    return play(run_start(user=learner, scenario=scenario), ("s1", "b"), ("s3", "b"))


def _report(client, trainer, scenario, **params):
    client.force_login(trainer)
    return client.get(reverse("cohorts_admin:crisis_report"), {"scenario": scenario.pk, **params})


def test_the_report_counts_the_choices_of_the_trainers_learners(client, trainer_a, cohort_a, scenario):
    learners = add_learners(cohort_a, 3)
    for learner in learners[:2]:
        _play_wrong(learner, scenario)
    play(run_start(user=learners[2], scenario=scenario), ("s1", "a"))

    response = _report(client, trainer_a, scenario)

    report = response.context["report"]
    s1 = next(step for step in report.steps if step.key == "s1")
    assert [(c.key, c.learners, c.percent) for c in s1.choices] == [("a", 1, 33), ("b", 2, 67)]
    assert report.learners == 2 and report.passed == 0
    assert report.wrong_turns[0].choice_text == "Attendre lundi" and report.wrong_turns[0].learners == 2
    html = response.content.decode()
    assert "Attendre lundi" in html and "67 %" in html


def test_learners_outside_the_trainers_cohorts_are_not_counted(client, trainer_a, cohort_a, scenario):
    outsider = add_learners(cohort_create(name="Autre", created_by=TrainerFactory()), 1)[0]
    _play_wrong(outsider, scenario)

    report = _report(client, trainer_a, scenario).context["report"]

    assert all(step.learners == 0 for step in report.steps)
    assert report.learners == 0


def test_a_learner_cannot_open_the_report(client, learner, scenario):
    client.force_login(learner)

    response = client.get(reverse("cohorts_admin:crisis_report"), {"scenario": scenario.pk})

    assert response.status_code in (302, 403)


def test_the_report_query_count_does_not_grow_with_learners(
    client, trainer_a, cohort_a, scenario, django_assert_max_num_queries
):
    for learner in add_learners(cohort_a, 2):
        _play_wrong(learner, scenario)
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:crisis_report")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url, {"scenario": scenario.pk})
    for learner in add_learners(cohort_a, 10):
        _play_wrong(learner, scenario)

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url, {"scenario": scenario.pk})
    assert response.context["report"].learners == 12
