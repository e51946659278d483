"""A learner plays a crisis simulation to an ending without JavaScript and reads the debrief; the trainer of
their cohort sees the choices in the report."""

import pytest

from cohorts.models import Cohort, Membership
from tests.crisis.helpers import make_scenario
from tests.factories import TrainerFactory, UserFactory, make_course

from .audit import axe_blocking_violations, screenshot
from .pages import sign_in


@pytest.fixture
def simulation(transactional_db):
    course = make_course(modules=1, lessons=1)
    scenario = make_scenario(course.get_children().first())
    trainer = TrainerFactory(email="formatrice@lumiere.test", full_name="Inès Formatrice")
    learner = UserFactory(email="cm@musee.test", full_name="Camille Community")
    cohort = Cohort.objects.create(name="Promotion crise")
    cohort.trainers.add(trainer)
    Membership.objects.create(cohort=cohort, user=learner, source="import")
    return {"scenario": scenario, "trainer": trainer, "learner": learner}


def test_a_learner_plays_to_an_ending_and_the_trainer_sees_the_choices(simulation, new_page, live_server):
    page = new_page(javascript=False)
    sign_in(page, simulation["learner"], live_server.url)
    page.goto(simulation["scenario"].url)
    assert "Comment se déroule cette simulation" in page.content()
    page.get_by_role("button", name="Commencer la simulation").click()

    assert page.locator(".crisis-card__author").first.inner_text() == "@claire_b"
    other_tab = new_page(javascript=False)  # the same step open in another tab
    sign_in(other_tab, simulation["learner"], live_server.url)
    other_tab.goto(page.url)
    page.get_by_label("Attendre lundi").check()
    page.get_by_role("button", name="Confirmer cette décision").click()
    assert "Le fil de commentaires s’allonge." in page.locator(".crisis-consequence").inner_text()

    other_tab.get_by_label("Répondre publiquement et prévenir la direction").check()
    other_tab.get_by_role("button", name="Confirmer cette décision").click()
    assert "une décision ne peut pas être modifiée" in other_tab.content()
    assert "Un journaliste appelle" in other_tab.locator("h1").inner_text()
    assert "Un journaliste appelle" in page.locator("h1").inner_text()

    page.get_by_label("Démentir").check()
    page.get_by_role("button", name="Confirmer cette décision").click()

    assert "Débriefing" in page.content()
    assert "Un article à charge" in page.locator("#outcome-title").inner_text()
    assert page.locator(".crisis-scores tbody tr").count() == 3
    assert "Il fallait transmettre au service de presse." in page.content()
    screenshot(page, "crisis-debrief")
    audited = new_page()  # axe-core needs JavaScript
    sign_in(audited, simulation["learner"], live_server.url)
    audited.goto(page.url)
    assert axe_blocking_violations(audited) == []

    trainer_page = new_page()
    sign_in(trainer_page, simulation["trainer"], live_server.url)
    trainer_page.goto(f"/admin/cohorts/crisis/?scenario={simulation['scenario'].pk}")
    first_step = trainer_page.locator('table[data-step="s1"]')
    assert "Attendre lundi" in first_step.inner_text()
    row = first_step.locator("tbody tr", has_text="Attendre lundi")
    assert row.locator("td").first.inner_text() == "1"
    assert (
        "Démentir"
        in trainer_page.locator("#crisis-wrong ~ ol, section[aria-labelledby=crisis-wrong]").first.inner_text()
    )
