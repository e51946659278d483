"""Playing in the browser without JavaScript: start, PRG steps, back button, debrief, authorization, locks."""

from django.urls import reverse

from crisis.models import CrisisRun
from crisis.services import run_start
from tests.factories import UserFactory, make_course
from tests.progress.helpers import modules_of

from .helpers import make_scenario, play

GOOD_TEXT = "Bonjour Claire, nous sommes désolés pour votre père. Pouvez-vous nous écrire en message privé ?"


def test_the_start_page_shows_the_situation_and_the_rules(client, learner, scenario):
    client.force_login(learner)

    response = client.get(scenario.url)

    html = response.content.decode()
    assert "musée de l’Estuaire" in html
    assert "Seuil de réussite\u00a0: 60\u00a0% des points du meilleur parcours." in html
    assert reverse("crisis:start", args=[scenario.pk]) in html


def test_a_learner_plays_to_an_ending_and_sees_the_debrief(client, learner, scenario):
    client.force_login(learner)

    response = client.post(reverse("crisis:start", args=[scenario.pk]))
    run = CrisisRun.objects.get(user=learner)
    step_url = reverse("crisis:step", args=[run.pk])
    assert response.url == step_url

    page = client.get(step_url).content.decode()
    assert "@claire_b" in page and "samedi 11\u00a0h\u00a040" in page
    assert 'type="radio" name="choice"' in page

    assert client.post(step_url, {"step": "s1", "choice": "b"}).url == step_url
    page = client.get(step_url).content.decode()
    assert "Conséquence\u00a0:" in page and "Le fil de commentaires s’allonge." in page

    response = client.post(step_url, {"step": "s3", "choice": "b"})
    assert response.url == step_url
    response = client.get(step_url)
    debrief_url = reverse("crisis:debrief", args=[run.pk])
    assert response.url == debrief_url

    debrief = client.get(debrief_url).content.decode()
    assert "Un article à charge" in debrief
    assert "Un démenti sans vérification aggrave la crise." in debrief  # the ending's commentary
    assert "Il fallait transmettre au service de presse." in debrief  # a step's commentary
    assert "Transmettre au service de presse" in debrief  # the recommended choice beside the one taken
    assert "<table" in debrief


def test_the_back_button_cannot_change_a_past_decision(client, learner, scenario):
    client.force_login(learner)
    run = run_start(user=learner, scenario=scenario)
    step_url = reverse("crisis:step", args=[run.pk])
    client.post(step_url, {"step": "s1", "choice": "b"})

    response = client.post(step_url, {"step": "s1", "choice": "a"}, follow=True)

    assert list(run.choices.values_list("choice_key", flat=True)) == ["b"]
    assert "une décision ne peut pas être modifiée" in response.content.decode()
    run.refresh_from_db()
    assert run.current_step == "s3"


def test_a_missing_choice_shows_an_error_and_saves_nothing(client, learner, scenario):
    client.force_login(learner)
    run = run_start(user=learner, scenario=scenario)

    response = client.post(reverse("crisis:step", args=[run.pk]), {"step": "s1"})

    assert response.status_code == 400
    assert not run.choices.exists()


def test_checking_a_text_shows_the_checklist_without_publishing(client, learner, scenario):
    client.force_login(learner)
    run = play(run_start(user=learner, scenario=scenario), ("s1", "a"))
    step_url = reverse("crisis:step", args=[run.pk])

    response = client.post(step_url, {"step": "s2", "text": "TU AS TORT", "action": "check"})

    assert response.status_code == 200
    assert 'id="checklist"' in response.content.decode()
    assert not run.choices.filter(step_key="s2").exists()

    client.post(step_url, {"step": "s2", "text": GOOD_TEXT, "action": "publish"})
    assert run.choices.get(step_key="s2").text == GOOD_TEXT


def test_a_learner_never_sees_another_learners_run(client, learner, scenario):
    other = UserFactory()
    run = play(run_start(user=other, scenario=scenario), ("s1", "b"), ("s3", "b"))
    client.force_login(learner)

    assert client.get(reverse("crisis:step", args=[run.pk])).status_code == 404
    assert client.get(reverse("crisis:debrief", args=[run.pk])).status_code == 404
    assert client.post(reverse("crisis:step", args=[run.pk]), {"step": "s1", "choice": "a"}).status_code == 404


def test_a_scenario_of_a_locked_module_cannot_be_started(client, learner):
    course = make_course(modules=2, lessons=1, unlock_in_order=True)
    scenario = make_scenario(modules_of(course)[1])
    client.force_login(learner)

    assert client.get(scenario.url).status_code == 403
    assert client.post(reverse("crisis:start", args=[scenario.pk])).status_code == 403
    assert not CrisisRun.objects.exists()


def test_the_module_page_lists_the_scenario_with_its_state(client, learner, scenario):
    client.force_login(learner)
    module = scenario.get_parent()

    assert (
        "Not passed yet" in client.get(module.url).content.decode()
        or "Pas encore" in client.get(module.url).content.decode()
    )
    play(run_start(user=learner, scenario=scenario), ("s1", "a"), ("s2", GOOD_TEXT))
    html = client.get(module.url).content.decode()
    assert scenario.title in html


def test_the_course_page_counts_each_modules_crisis_simulations(client, learner, scenario, module):
    course = module.get_parent()
    client.force_login(learner)

    html = client.get(course.url).content.decode()

    assert "1 simulation de crise" in html
    make_scenario(module, slug="crise-deux", title="Une rumeur")
    assert "2 simulations de crise" in client.get(course.url).content.decode()
