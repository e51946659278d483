"""A trainer with two-factor authentication edits a lesson, reviews a writing exercise and exports a report."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core import mail

from cohorts.models import Cohort, Membership
from lessons.models import LessonPage
from quizzes.models import Attempt, QuizPage, WritingReview
from tests.factories import PASSWORD, TrainerFactory, UserFactory, make_course, make_quiz, sample_question
from tests.quizzes.helpers import attempt_submit_right

from .audit import axe_blocking_violations, screenshot
from .pages import sign_in


@pytest.fixture
def workspace(transactional_db):
    """A course with a writing exercise, a curator who submitted it, and the trainer of their cohort."""
    course = make_course(modules=1, lessons=2)
    module = course.get_children().first()
    quiz = make_quiz(module, questions=[sample_question("single"), sample_question("writing")])
    trainer = TrainerFactory(email="formatrice@lumiere.test", full_name="Inès Formatrice")
    curator = UserFactory(email="conservateur@musee.test", full_name="Paul Conservateur", role="curator")
    cohort = Cohort.objects.create(name="Promotion 2027 – Musées du Nord")
    cohort.trainers.add(trainer)
    Membership.objects.create(cohort=cohort, user=curator, source="import")
    attempt_submit_right(
        curator,
        quiz,
        writing_text="Merci pour votre message : nous transmettons votre remarque à l’équipe de l’accueil.",
    )
    secret = generate_totp_secret()
    TOTP.activate(trainer, secret)
    return {"course": course, "quiz": quiz, "trainer": trainer, "curator": curator, "cohort": cohort, "secret": secret}


def _log_in_with_two_factors(page, *, email: str, secret: str) -> None:
    page.goto("/admin/")
    page.fill('input[name="login"]', email)
    page.fill('input[name="password"]', PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/authenticate/"))
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.fill('input[name="code"]', code)
    page.locator("main form button.button--primary[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def test_a_trainer_edits_a_lesson_reviews_writing_and_exports_the_cohort(workspace, new_page, live_server):
    lesson = LessonPage.objects.descendant_of(workspace["course"]).first()
    page = new_page()

    _log_in_with_two_factors(page, email=workspace["trainer"].email, secret=workspace["secret"])

    # Add a social post example to a lesson, preview it, publish it.
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.locator(".c-sf-add-button").last.click()
    page.get_by_role("option", name="Exemple de publication").click()
    prefix = f"#body-{len(lesson.body)}-value-"
    page.select_option(prefix + "network", "mastodon")
    page.fill(prefix + "account_name", "Musée de l’Estuaire")
    page.fill(prefix + "handle", "@estuaire@musees.social")
    page.fill(prefix + "text", "La réserve ouvre ses portes samedi, de 14 h à 18 h.")
    page.select_option(prefix + "verdict", "good")
    page.locator(prefix + "commentary").locator("xpath=..").locator('[contenteditable="true"]').click()
    page.keyboard.type("Une date, des horaires, une invitation : tout y est.")
    page.locator('[data-side-panel-toggle="preview"]').click()
    preview = page.frame_locator("iframe.w-preview__iframe, iframe").first
    preview.get_by_text("La réserve ouvre ses portes samedi, de 14 h à 18 h.").wait_for()
    screenshot(page, "journey-trainer-preview")
    page.locator("footer .w-dropdown__toggle, .footer .w-dropdown__toggle").last.click()
    page.locator('button[name="action-publish"]').click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/"))

    learner_page = new_page()
    sign_in(learner_page, workspace["curator"], live_server.url)
    learner_page.goto(lesson.url)
    assert "La réserve ouvre ses portes samedi" in learner_page.locator("main").inner_text()

    # Review the curator's writing exercise from the queue.
    attempt = Attempt.objects.get(user=workspace["curator"])
    page.goto("/admin/cohorts/reviews/")
    screenshot(page, "journey-trainer-review-queue")
    page.get_by_role("link", name="Paul Conservateur").click()
    screenshot(page, "journey-trainer-review")
    page.get_by_label("Points").fill("2")
    page.get_by_label("Commentaire pour l’apprenant").fill(
        "Réponse courtoise et précise ; ajoutez un lien vers la page d’accueil."
    )
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state()
    review = WritingReview.objects.get(attempt=attempt)
    assert review.reviewer == workspace["trainer"] and review.feedback.startswith("Réponse courtoise")
    assert any(workspace["curator"].email in message.to for message in mail.outbox)

    learner_page.goto(f"/quiz/tentative/{attempt.pk}/resultat/")
    assert "ajoutez un lien vers la page d’accueil" in learner_page.locator("main").inner_text()
    assert axe_blocking_violations(learner_page) == []

    # Download the cohort's progress report as CSV.
    response = page.context.request.get(f"/admin/cohorts/{workspace['cohort'].pk}/progress/?export=csv")
    assert response.ok
    csv_text = response.body().decode("utf-8-sig")
    assert "Paul Conservateur" in csv_text
    assert QuizPage.objects.filter(pk=workspace["quiz"].pk).exists()
