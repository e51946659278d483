"""Every page type: no serious or critical axe-core violation, no sideways scrolling at 360 and 1280 px.

Screenshots of each page at both widths are written to var/screenshots/ for reviewers.
"""

import pytest
from django.conf import settings

from core.site_pages import site_pages_load, site_pages_read
from lessons.models import LessonPage
from tests.factories import UserFactory, make_course

from .audit import (
    PHONE_HEADER_LIMIT_PX,
    axe_blocking_violations,
    broken_images,
    clipped_titles,
    console_errors,
    header_height,
    horizontal_overflow,
    overflowing_boxes,
    oversized_icons,
    screenshot,
)
from .conftest import WIDTHS
from .pages import every_block_body, sign_in


@pytest.fixture
def site_pages(transactional_db):
    course = make_course(modules=2, lessons=3)
    module = course.get_children().first()
    lesson = LessonPage.objects.child_of(module).first().specific
    lesson.body = every_block_body()
    lesson.save_revision().publish()
    site_pages_load(site_pages_read(settings.BASE_DIR / "content" / "site"))
    return {
        "home": "/",
        "catalogue": course.get_parent().url,
        "course": course.url,
        "module": module.url,
        "lesson": lesson.url,
        "search": "/recherche/?q=musée",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
        "information": "/accessibilite/",
        "not-found": "/cette-page-n-existe-pas/",
    }


WIDE_ELEMENTS = """() => Array.from(document.querySelectorAll("body *"))
  .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .filter(e => !(e.parentElement && e.parentElement.closest(".table-scroll")))
  .slice(0, 5).map(e => e.tagName + "." + e.className + ":" + Math.round(e.getBoundingClientRect().right)
    + ":" + getComputedStyle(e.parentElement).overflowX + ":" + e.parentElement.className)"""

PUBLIC_PAGES = [
    "home",
    "catalogue",
    "course",
    "module",
    "lesson",
    "search",
    "login",
    "signup",
    "password-reset",
    "information",
    "not-found",
]
EXPECTED_STATUS = {"not-found": 404}


def _audit(new_page, url: str, name: str, *, user=None, server_url: str = "", status: int = 200) -> None:
    for device, width in WIDTHS.items():
        page = new_page(width=width)
        if user is not None:
            sign_in(page, user, server_url)
        response = page.goto(url)
        assert response.status == status, (name, device)
        assert horizontal_overflow(page) == 0, (name, device, page.evaluate(WIDE_ELEMENTS))
        screenshot(page, f"{name}-{device}")
        assert oversized_icons(page) == [], (name, device)
        assert clipped_titles(page) == [], (name, device)
        assert overflowing_boxes(page) == [], (name, device)
        assert broken_images(page) == [], (name, device)
        assert console_errors(page, status=status) == [], (name, device)
        if width < 600:  # on a phone the header leaves most of the screen to the page
            assert header_height(page) <= PHONE_HEADER_LIMIT_PX, (name, device, header_height(page))
        assert axe_blocking_violations(page) == [], (name, device)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_accessible_and_fits(new_page, site_pages, name):
    _audit(new_page, site_pages[name], name, status=EXPECTED_STATUS.get(name, 200))


def test_profile_page_is_accessible_and_fits(new_page, site_pages, live_server):
    _audit(new_page, "/accounts/profile/", "profile", user=UserFactory(), server_url=live_server.url)


@pytest.fixture
def learner_pages(transactional_db, settings, tmp_path, live_server):
    """A learner mid-way through a course: a quiz to take, a reviewed attempt, a certificate."""
    from django.utils import timezone

    from certificates.services import certificate_issue
    from cohorts.models import Cohort, Membership
    from quizzes.grading import answer_right_build
    from quizzes.services import attempt_start, attempt_submit
    from tests.factories import TrainerFactory, make_quiz, sample_question

    settings.CERTIFICATE_PRIVATE_DIR = tmp_path  # ignored when the app stores elsewhere
    course = make_course(modules=1, lessons=2)
    module = course.get_children().first()
    kinds = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "writing", "post")
    quiz = make_quiz(module, questions=[sample_question(kind) for kind in kinds])
    learner = UserFactory(full_name="Camille Dupré")
    done = attempt_start(user=learner, quiz=quiz)
    attempt_submit(
        user=learner,
        attempt_id=done.pk,
        answers={question["id"]: answer_right_build(question=question) for question in done.snapshot},
    )
    trainer = TrainerFactory()
    cohort = Cohort.objects.create(name="Promotion 2027")
    cohort.trainers.add(trainer)
    Membership.objects.create(cohort=cohort, user=learner, source="import")
    certificate = certificate_issue(user=learner, course=course, completed_at=timezone.now())
    return {
        "learner": learner,
        "trainer": trainer,
        "quiz": quiz,
        "attempt": done,
        "certificate": certificate,
        "cohort": cohort,
    }


def test_learner_pages_are_accessible_and_fit(new_page, learner_pages, live_server):
    learner = learner_pages["learner"]
    pages = {
        "dashboard": "/mon-apprentissage/",
        "quiz-start": learner_pages["quiz"].url,
        "quiz-review": f"/quiz/tentative/{learner_pages['attempt'].pk}/resultat/",
        "certificate": learner_pages["certificate"].get_absolute_url(),
        "certificate-verification": learner_pages["certificate"].verification_url.split("://", 1)[1].split("/", 1)[1],
        "certificate-list": "/certificats/",
        "credential-check": "/certificats/verifier/",
        "account-delete": "/mon-apprentissage/supprimer-mon-compte/",
        "cohort-join": f"/cohortes/rejoindre/{learner_pages['cohort'].invitation_token}/",
    }
    for name, url in pages.items():
        _audit(new_page, url if url.startswith("/") else "/" + url, name, user=learner, server_url=live_server.url)


def test_quiz_form_before_and_with_errors_is_accessible_and_fits(new_page, learner_pages, live_server):
    learner_pages["quiz"].max_attempts = None
    learner_pages["quiz"].save()
    for device, width in WIDTHS.items():
        page = new_page(width=width)
        sign_in(page, learner_pages["learner"], live_server.url)
        page.goto(learner_pages["quiz"].url)
        page.locator(".quiz-start .button--primary").click()  # start, or continue the attempt in progress
        page.wait_for_url("**/quiz/tentative/*/")
        assert horizontal_overflow(page) == 0, device
        screenshot(page, f"quiz-form-{device}")
        assert axe_blocking_violations(page) == [], device
        page.locator(".quiz-form button[type=submit]").click()  # nothing answered: errors
        page.wait_for_load_state()
        assert page.locator(".quiz-form [aria-invalid='true'], .error-summary, [role='alert']").count() > 0
        assert horizontal_overflow(page) == 0, device
        screenshot(page, f"quiz-form-errors-{device}")
        assert axe_blocking_violations(page) == [], device


def test_trainer_report_pages_are_accessible(new_page, learner_pages, live_server):
    """Our pages in the Wagtail admin; the admin's own layout is Wagtail's and is not audited here."""
    cohort = learner_pages["cohort"]
    pages = {
        "admin-home": "/admin/",
        "cohort-index": "/admin/cohorts/",
        "cohort-edit": f"/admin/cohorts/{cohort.pk}/edit/",
        "cohort-import": f"/admin/cohorts/{cohort.pk}/import/",
        "certificates": "/admin/certificats/",
        "cohort-progress": f"/admin/cohorts/{cohort.pk}/progress/",
        "cohort-detail": f"/admin/cohorts/{cohort.pk}/",
        "learner-detail": f"/admin/cohorts/learners/{learner_pages['learner'].pk}/",
        "item-analysis": f"/admin/cohorts/item-analysis/?quiz={learner_pages['quiz'].pk}",
        "review-queue": "/admin/cohorts/reviews/",
        "review": f"/admin/cohorts/reviews/{learner_pages['attempt'].pk}/",
    }
    for name, url in pages.items():
        _audit(new_page, url, f"trainer-{name}", user=learner_pages["trainer"], server_url=live_server.url)
