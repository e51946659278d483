"""Runs: one choice per step, the time limit, the ending and the completion a passed run brings."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from crisis.models import CrisisChoice, CrisisRun
from crisis.services import CrisisError, choice_make, run_start, writing_choice_review
from progress.models import ModuleCompletion
from progress.selectors import course_progress_get
from studio.models import PlatformFacts
from studio.platform_figures import default_rules
from tests.factories import TrainerFactory
from tests.progress.helpers import lessons_of

from .helpers import definition, make_scenario, play, step

GOOD_TEXT = "Bonjour Claire, nous sommes désolés pour votre père. Pouvez-vous nous écrire en message privé ?"


def test_a_broken_graph_cannot_be_saved_from_the_editor(module):
    data = definition()
    step(data, "s1")["choices"][0]["next"] = "nowhere"
    page = make_scenario(module, data=definition(), slug="autre")
    page.definition = data

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "definition" in error.value.message_dict


def test_a_run_starts_on_the_start_step_with_a_snapshot(learner, scenario):
    run = run_start(user=learner, scenario=scenario)

    assert run.current_step == "s1"
    assert run.snapshot == scenario.definition
    assert run_start(user=learner, scenario=scenario) == run


def test_a_second_decision_on_the_same_step_is_refused_and_changes_nothing(learner, scenario):
    run = run_start(user=learner, scenario=scenario)
    choice_make(run=run, step_key="s1", choice_key="b")

    with pytest.raises(CrisisError, match="déjà répondu à cette étape"):
        choice_make(run=run, step_key="s1", choice_key="a")

    run.refresh_from_db()
    assert list(run.choices.values_list("step_key", "choice_key")) == [("s1", "b")]
    assert run.current_step == "s3"


def test_an_unknown_choice_is_refused(learner, scenario):
    run = run_start(user=learner, scenario=scenario)

    with pytest.raises(CrisisError):
        choice_make(run=run, step_key="s1", choice_key="z")

    assert not CrisisChoice.objects.exists()


def test_the_recommended_path_ends_well_and_completes_the_module(learner, scenario, module):
    for lesson in lessons_of(module):
        from progress.services import lesson_complete

        lesson_complete(user=learner, lesson=lesson)
    assert not ModuleCompletion.objects.filter(user=learner).exists()  # the scenario is not passed yet

    run = play(run_start(user=learner, scenario=scenario), ("s1", "a"), ("s2", GOOD_TEXT))

    # The writing step's points are the checker's until a trainer grades it: nothing is passed yet.
    assert (run.outcome, run.passed, run.percent) == ("good", None, 100)
    assert not ModuleCompletion.objects.filter(user=learner, module=module).exists()

    writing_choice_review(choice=run.choices.get(step_key="s2"), reviewer=TrainerFactory(), points=3, feedback="")

    run.refresh_from_db()
    assert (run.outcome, run.passed, run.percent) == ("good", True, 100)
    assert run.scores == {"speed": 2, "tone": 3, "escalation": 2}
    assert ModuleCompletion.objects.filter(user=learner, module=module).exists()


def test_a_failed_run_leaves_the_module_incomplete(learner, scenario, module):
    from progress.services import lesson_complete

    for lesson in lessons_of(module):
        lesson_complete(user=learner, lesson=lesson)

    run = play(run_start(user=learner, scenario=scenario), ("s1", "b"), ("s3", "b"))

    assert (run.outcome, run.passed) == ("bad", False)
    progress = course_progress_get(user=learner, course=module.get_parent().specific)
    assert progress.modules[0].is_complete is False
    assert not ModuleCompletion.objects.filter(user=learner).exists()


def test_a_writing_step_stores_the_text_and_the_checker_findings(learner, scenario):
    run = play(run_start(user=learner, scenario=scenario), ("s1", "a"), ("s2", "TU AS TORT " * 300))

    written = run.choices.get(step_key="s2")
    assert written.text.startswith("TU AS TORT")
    assert any(f["status"] == "error" for f in written.findings)
    assert written.points == 0  # provisional: the checker found an error
    assert run.scores["tone"] == 0


def test_a_writing_step_is_checked_with_the_platform_facts_trainers_edited(learner, scenario):
    text = GOOD_TEXT + " #Estuaire #Musée"
    instagram = default_rules("instagram")
    PlatformFacts.objects.create(
        code="instagram",
        label=instagram.label,
        max_length=instagram.max_length,
        counting=instagram.counting,
        max_hashtags=1,  # a trainer's stricter limit than platforms.yaml's
        checked_on=instagram.checked_on,
        source_url=instagram.source,
    )

    run = play(run_start(user=learner, scenario=scenario), ("s1", "a"), ("s2", text))

    findings = run.choices.get(step_key="s2").findings
    assert any(f["rule"] == "hashtag-count" and f["status"] == "error" for f in findings)


def test_a_decision_after_the_time_limit_earns_no_speed_point(learner, scenario):
    start = timezone.now()
    run = run_start(user=learner, scenario=scenario, now=start)

    choice_make(run=run, step_key="s1", choice_key="a", now=start + timedelta(seconds=121))
    play(run, ("s2", GOOD_TEXT))

    assert run.choices.get(step_key="s1").timed_out is True
    assert run.scores["speed"] == 0


def test_an_ended_run_refuses_moves_and_a_restart_creates_a_new_run(learner, scenario):
    run = play(run_start(user=learner, scenario=scenario), ("s1", "b"), ("s3", "b"))

    with pytest.raises(CrisisError):
        choice_make(run=run, step_key="fin-mal")

    again = run_start(user=learner, scenario=scenario)
    assert again.pk != run.pk
    assert CrisisRun.objects.filter(user=learner).count() == 2
