"""Whole journeys of a new community manager and of a curator, in a real browser against a live server."""

import io
import re

import pytest
from django.core import mail
from pypdf import PdfReader

from accounts.models import User
from certificates.models import Certificate
from course.models import CoursePage, ModulePage
from lessons.models import LessonPage
from quizzes.models import Attempt, QuizPage

from .audit import axe_blocking_violations, screenshot
from .pages import answer_attempt, course_finish_through_services, guide_course_load

PASSWORD = "un-mot-de-passe-solide-2026"


@pytest.fixture
def guide_course(transactional_db, settings, live_server, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    guide_course_load()
    return CoursePage.objects.get()


def first_lesson_mark_done(page, course, user) -> ModulePage:
    """Open the course's first lesson and press its "mark as done" button; the progress is recorded.

    Returns the first module, whose quiz comes next."""
    module = ModulePage.objects.child_of(course).first()
    lesson = LessonPage.objects.child_of(module).first()
    page.goto(lesson.url)
    page.locator('form[action*="/terminee/"] button').click()
    page.wait_for_load_state()
    assert user.lesson_progress.get(lesson=lesson).completed_at is not None
    return module


def sign_up_and_confirm(page, *, email: str, name: str, role: str) -> User:
    """Sign up through the form, then follow the confirmation link from the e-mail."""
    page.goto("/accounts/signup/")
    page.fill('input[name="email"]', email)
    page.fill('input[name="full_name"]', name)
    page.select_option('select[name="role"]', role)
    page.fill('input[name="password1"]', PASSWORD)
    page.fill('input[name="password2"]', PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/confirm-email/" in page.url
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    return User.objects.get(email=email)


def take_quiz(
    page, quiz: QuizPage, user, *, right: bool, second_tab: bool = False, from_result: bool = False
) -> Attempt:
    """Start, answer and submit; with ``second_tab`` the same form, open in another tab, is sent again after.

    With ``from_result`` the attempt starts from the result page's « Réessayer » button, as a learner does."""
    if from_result:
        page.get_by_role("button", name="Réessayer").click()
    else:
        page.goto(quiz.url)
        page.locator('form[action*="/commencer/"] button').click()
    page.wait_for_url(re.compile(r"/quiz/tentative/\d+/$"))
    attempt = Attempt.objects.filter(user=user, quiz=quiz).latest("number")
    answer_attempt(page, attempt, right=right)
    other = None
    if second_tab:
        other = page.context.new_page()
        other.goto(page.url)
        answer_attempt(other, attempt, right=right)
    page.locator(".quiz-form button[type=submit]").click()
    if other is not None:
        page.wait_for_url(re.compile(r"/resultat/$"))
        other.locator(".quiz-form button[type=submit]").click()
        other.wait_for_url(re.compile(r"/resultat/$"))
        assert "Cette tentative a déjà été envoyée" in other.locator("body").inner_text()
        other.close()
    if not right:
        # Unanswered questions are flagged; the learner confirms she submits them blank.
        page.check('input[name="confirm_incomplete"]')
        page.locator(".quiz-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/resultat/$"))
    attempt.refresh_from_db()
    return attempt


def writing_answers_approve(attempt: Attempt) -> None:
    """A trainer gives every writing answer of the attempt its full points (through the review service)."""
    from quizzes.services import writing_review_record
    from tests.factories import TrainerFactory

    trainer = TrainerFactory()
    for result in attempt.results:
        if result.get("status") == "pending_review":
            writing_review_record(
                attempt=attempt,
                question_id=result["question_id"],
                reviewer=trainer,
                points=result["max_points"],
                feedback="Très bien.",
            )


def test_a_new_community_manager_goes_from_sign_up_to_a_verified_certificate(guide_course, new_page, live_server):
    page = new_page()

    user = sign_up_and_confirm(page, email="camille@musee-estuaire.fr", name="Camille Dupré", role="community_manager")

    # Signed in, she lands on her learning with the community manager path recommended.
    assert page.url.endswith("/mon-apprentissage/")
    assert "Community manager débutant" in page.locator("main").inner_text()

    # She reads the first lesson and marks it done.
    first_module = first_lesson_mark_done(page, guide_course, user)

    # She fails the module quiz: she sees which answers were wrong, not the right ones; then passes it.
    quiz = QuizPage.objects.child_of(first_module).get()
    failed = take_quiz(page, quiz, user, right=False)
    assert failed.passed is False
    review = page.locator("main").inner_text()
    assert "questions auxquelles vous avez mal répondu" in review
    assert "Bonne réponse" not in review
    # The result page leads on: a new attempt is one click away (the guide's quizzes have no wait).
    passed = take_quiz(page, quiz, user, right=True, second_tab=True, from_result=True)  # a 2nd submit is refused
    assert Attempt.objects.filter(user=user, quiz=quiz).count() == 2
    assert passed.passed in (True, None)  # None while its writing exercise waits for a trainer
    if passed.passed is None:
        assert "va corriger votre texte" in page.locator(".next-step").inner_text()
        writing_answers_approve(passed)
        page.reload()
    # Passed: the result page offers the next module's first step, and it opens.
    second_module = ModulePage.objects.child_of(guide_course).live()[1]
    next_step = page.locator(".next-step a[rel=next]")
    assert "Continuer" in next_step.inner_text()
    next_step.click()
    page.wait_for_load_state()
    assert page.url.rstrip("/").startswith(live_server.url + second_module.url.rstrip("/"))

    page.goto("/mon-apprentissage/")
    bar = page.locator(".dashboard-course progress").first  # lessons done in the course
    assert int(bar.get_attribute("value")) >= 1
    screenshot(page, "journey-dashboard-in-progress")

    # The rest of the course is completed, and her writing answers reviewed, through the services.
    course_finish_through_services(user, guide_course, skip_quiz_ids=[quiz.pk])
    certificate = Certificate.objects.get(user=user, learning_path__isnull=True)  # the course certificate

    page.goto("/mon-apprentissage/")
    page.locator(f'a[href="{certificate.get_absolute_url()}"]').first.click()
    pdf_link = page.locator('a[href$="certificat.pdf"]')
    response = page.context.request.get(pdf_link.get_attribute("href"))
    assert response.ok and response.headers["content-type"] == "application/pdf"
    text = "".join(pdf_page.extract_text() for pdf_page in PdfReader(io.BytesIO(response.body())).pages)
    assert "Camille Dupré" in text
    printed_url = re.search(r"https?://\S+/certificats/verifier/\S+/", text.replace("\n", "")).group(0)

    page.goto(printed_url)
    assert "valide" in page.locator("main").inner_text().lower()
    assert axe_blocking_violations(page) == []


def test_lessons_and_quizzes_work_with_javascript_turned_off(guide_course, new_page, live_server):
    from tests.factories import UserFactory

    from .pages import sign_in

    learner = UserFactory()
    page = new_page(javascript=False, width=360)
    sign_in(page, learner, live_server.url)
    module = first_lesson_mark_done(page, guide_course, learner)

    attempt = take_quiz(page, QuizPage.objects.child_of(module).get(), learner, right=True)

    # Every question graded right on the server, the writing exercise waiting for its trainer.
    assert {result["status"] for result in attempt.results} <= {"correct", "pending_review"}
    assert "Score" in page.locator("main").inner_text()


def test_a_curator_answers_a_best_post_question_and_a_writing_exercise(guide_course, new_page):
    page = new_page(width=360)

    user = sign_up_and_confirm(page, email="paul@museum-valcourt.fr", name="Paul Martin", role="curator")

    assert "Conservateur ou expert qui se met à publier" in page.locator("main").inner_text()
    quiz = next(
        quiz
        for quiz in QuizPage.objects.live().order_by("path")
        if {"best_post", "writing"} <= {block.block_type for block in quiz.questions}
    )
    attempt = take_quiz(page, quiz, user, right=True)

    assert attempt.status == "pending_review"
    text = page.locator("main").inner_text()
    assert "relecture" in text.lower() or "formateur" in text.lower()
    screenshot(page, "journey-curator-review-phone")
    assert axe_blocking_violations(page) == []
