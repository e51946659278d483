"""A learner writes a post, fixes what the checker flags (live, or with « Check my post » without JavaScript),
submits it; the trainer of her cohort reviews it with the checklist she saw, and she reads the result."""

import pytest
from django.urls import reverse

from cohorts.models import Cohort, Membership
from quizzes.models import Attempt, AttemptStatus
from quizzes.services import attempt_start
from tests.factories import TrainerFactory, UserFactory, make_course, make_quiz, sample_question

from .audit import axe_blocking_violations, screenshot
from .pages import sign_in

FLAWED_TEXT = "Le Grand Paysage est restauré : venez le voir en salle 4 dès samedi. #grandpaysagerestaure"
FIXED_TEXT = "Le « Grand Paysage » est restauré : venez le voir en salle 4 dès samedi. #GrandPaysageRestauré"
ALT = "Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet."
CREDIT = "Jean Durand, Grand Paysage, 1860, domaine public. Photo : Musée de l’Estuaire / A. Martin"


@pytest.fixture
def studio(transactional_db):
    """A quiz with a choice question and a post question; a learner with an attempt open; her cohort's trainer."""
    course = make_course(modules=1, lessons=1, title="Publier pour le musée", slug="publier")
    module = course.get_children().first()
    quiz = make_quiz(
        module, title="Quiz de publication", questions=[sample_question("single"), sample_question("post")]
    )
    learner = UserFactory(email="lea@musee.test", full_name="Léa Martin")
    trainer = TrainerFactory(email="ines@lumiere.test", full_name="Inès Formatrice")
    cohort = Cohort.objects.create(name="Promotion 2027")
    cohort.trainers.add(trainer)
    Membership.objects.create(cohort=cohort, user=learner, source="import")
    attempt = attempt_start(user=learner, quiz=quiz)
    return {"learner": learner, "trainer": trainer, "attempt": attempt}


def _ids(attempt):
    post = next(spec for spec in attempt.snapshot if spec["type"] == "post")
    single = next(spec for spec in attempt.snapshot if spec["type"] == "single")
    right = next(option["key"] for option in single["options"] if option["correct"])
    return post["id"], single["id"], right


def test_a_learner_fixes_what_the_live_checker_flags_and_a_trainer_approves_the_post(studio, new_page, live_server):
    attempt = studio["attempt"]
    post_id, single_id, right = _ids(attempt)
    page, trainer_page = new_page(), new_page()
    sign_in(page, studio["learner"], live_server.url)
    sign_in(trainer_page, studio["trainer"], live_server.url)

    page.goto(reverse("quizzes:attempt", args=[attempt.pk]))
    live = page.locator(f"#question-{post_id}-check")
    page.get_by_label("Votre publication").fill(FLAWED_TEXT)
    live.get_by_text("Décrivez l’image dans son texte alternatif.").wait_for()
    flags = live.inner_text()
    assert "#grandpaysagerestaure" in flags  # the lowercase hashtag, for screen readers
    assert live.get_attribute("aria-live") == "polite"
    screenshot(page, "journey-post-flagged")

    page.get_by_label("Votre publication").fill(FIXED_TEXT)
    page.get_by_label("Texte alternatif de l’image").fill(ALT)
    page.get_by_label("Ligne de crédit").fill(CREDIT)
    live.get_by_text("Rien à corriger").wait_for()
    assert "À corriger" not in live.inner_text()
    assert axe_blocking_violations(page) == []

    page.check(f'input[name="q-{single_id}"][value="{right}"]')
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.wait_for_url(f"**{reverse('quizzes:review', args=[attempt.pk])}")
    assert "En attente de la correction d’un formateur." in page.locator("main").inner_text()
    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    assert attempt.answers[post_id]["text"] == FIXED_TEXT
    assert attempt.answers[post_id]["report"]["findings"] == []

    trainer_page.goto(reverse("cohorts_admin:reviews"))
    assert "Léa Martin" in trainer_page.locator("main").inner_text()
    trainer_page.goto(reverse("cohorts_admin:review", args=[attempt.pk]))
    review = trainer_page.locator("main").inner_text()
    assert "Rien à corriger" in review and ALT in review and CREDIT in review
    assert trainer_page.locator(".post-card--instagram").count() == 1
    screenshot(trainer_page, "journey-post-review")
    trainer_page.fill('input[name$="-points"]', "4")
    trainer_page.fill('textarea[name$="-feedback"]', "Accroche claire, image bien décrite.")
    trainer_page.locator("main form button[type=submit]").click()
    trainer_page.wait_for_load_state()

    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.GRADED and attempt.passed is True
    page.goto(reverse("quizzes:review", args=[attempt.pk]))
    result = page.locator("main").inner_text()
    assert "Accroche claire, image bien décrite." in result
    assert "4 / 4 points" in result
    assert "Grille d’évaluation" in result


def test_without_javascript_check_my_post_keeps_the_text_and_the_form_still_submits(studio, new_page, live_server):
    attempt = studio["attempt"]
    post_id, single_id, right = _ids(attempt)
    page = new_page(javascript=False)
    sign_in(page, studio["learner"], live_server.url)

    page.goto(reverse("quizzes:attempt", args=[attempt.pk]))
    page.get_by_label("Votre publication").fill(FLAWED_TEXT)
    page.get_by_role("button", name="Vérifier ma publication").click()
    page.wait_for_load_state()

    checklist = page.locator(f"#question-{post_id}-check").inner_text()
    assert "Décrivez l’image dans son texte alternatif." in checklist
    assert page.get_by_label("Votre publication").input_value() == FLAWED_TEXT
    assert Attempt.objects.get(pk=attempt.pk).status == AttemptStatus.IN_PROGRESS

    page.get_by_label("Texte alternatif de l’image").fill(ALT)
    page.get_by_label("Ligne de crédit").fill(CREDIT)
    page.check(f'input[name="q-{single_id}"][value="{right}"]')
    page.get_by_role("button", name="Envoyer mes réponses").click()
    page.wait_for_load_state()

    attempt = Attempt.objects.get(pk=attempt.pk)
    assert attempt.status == AttemptStatus.PENDING_REVIEW
    assert attempt.answers[post_id]["alt_text"] == ALT
    assert "En attente de la correction d’un formateur." in page.locator("main").inner_text()
