"""Query budgets of every learner page and the trainer reports: <= 30 queries cold, <= 15 warm (learner pages,
issue 16), <= 35 for trainer reports, and the same count for a small and a large course and cohort.

"Cold" is the first view after the cache was emptied; "warm" is the next view of the same page. The counts are
compared between a course of 2 modules x 2 lessons with 1 learner and the same grown to 7 modules x 8 lessons with
26 learners who have progress and attempts of their own: a query per module, lesson or learner would show as
a difference.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cohorts.models import Membership
from cohorts.services import cohort_create
from course.models import ModulePage
from lessons.models import LessonPage
from progress import services as progress_services
from quizzes import services as quiz_services
from quizzes.grading import answer_right_build
from tests.factories import TrainerFactory, UserFactory, make_course, make_quiz, sample_question

pytestmark = pytest.mark.django_db

COLD_BUDGET = 30
WARM_BUDGET = 15
TRAINER_BUDGET = 35  # not the learner budget: trainer reports are guarded against growth
# Pages whose shared parts are page parts (core.page_cache): warm, only the learner's own reads remain (the
# user, whether a trainer, and the learner's progress or attempts).
WARM_BUDGET_BY_PAGE = {"lesson": 3, "quiz start": 3}


def _take_quiz(user, quiz):
    attempt = quiz_services.attempt_start(user=user, quiz=quiz)
    answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    return quiz_services.attempt_submit(user=user, attempt_id=attempt.pk, answers=answers)


def _world() -> dict:
    """A course of 2 modules x 2 lessons, a learner with a graded and an open attempt, a cohort and its trainer.

    The learner works in the first module, which has a next one (the result page links to it) in both sizes.
    """
    course = make_course(modules=2, lessons=2)
    module = ModulePage.objects.child_of(course).order_by("path").first()
    quiz = make_quiz(module, questions=[sample_question("single"), sample_question("multiple")])
    lessons = list(LessonPage.objects.child_of(module).order_by("path"))
    learner = UserFactory()
    trainer = TrainerFactory()
    cohort = cohort_create(name="Promotion", created_by=trainer)
    world = {"course": course, "module": module, "quiz": quiz, "cohort": cohort, "learner": learner}
    _join_and_progress(world, [learner])
    graded = _take_quiz(learner, quiz)
    open_attempt = quiz_services.attempt_start(user=learner, quiz=quiz)
    world["learner_pages"] = {
        "home": "/",
        "course": course.url,
        "module": module.url,
        "lesson": lessons[-1].url,
        "quiz start": quiz.url,
        "attempt": reverse("quizzes:attempt", args=[open_attempt.pk]),
        "result": reverse("quizzes:review", args=[graded.pk]),
        "dashboard": reverse("progress:dashboard"),
        "certificates": reverse("certificates:list"),
    }
    world["trainer"] = trainer
    world["trainer_pages"] = {
        "cohort": reverse("cohorts_admin:detail", args=[cohort.pk]),
        "cohort progress": reverse("cohorts_admin:progress", args=[cohort.pk]),
        "learner detail": reverse("cohorts_admin:learner", args=[learner.pk]),
        "item analysis": reverse("cohorts_admin:analysis") + f"?quiz={quiz.pk}",
    }
    return world


def _join_and_progress(world, users) -> None:
    first_lesson = LessonPage.objects.child_of(world["module"]).order_by("path").first()
    Membership.objects.bulk_create(
        [Membership(cohort=world["cohort"], user=user, source=Membership.Source.IMPORT) for user in users]
    )
    for user in users:
        progress_services.lesson_complete(user=user, lesson=first_lesson)
        _take_quiz(user, world["quiz"])


def _grow(world) -> None:
    """Make it 7 modules (8 lessons and a quiz each, the first) and 25 more learners with progress and attempts."""
    module = world["module"]
    for n in range(6):
        module.add_child(instance=LessonPage(title=f"Leçon ajoutée {n}", slug=f"ajout-{n}", summary="Résumé", body=[]))
    for m in range(2, 7):
        other = ModulePage(title=f"Module {m}", slug=f"module-plus-{m}", duration_minutes=10)
        world["course"].add_child(instance=other)
        for n in range(8):
            other.add_child(instance=LessonPage(title=f"Leçon {m}.{n}", slug=f"l-{m}-{n}", summary="Résumé", body=[]))
        make_quiz(other, questions=[sample_question("single")])
    _join_and_progress(world, [UserFactory() for _ in range(25)])


def _counts(user, pages: dict[str, str]) -> dict[str, tuple[int, int]]:
    client = Client()
    client.force_login(user)
    counts = {}
    for name, url in pages.items():
        cache.clear()
        client.get(url)  # the session and its user are read by every request: keep them out of "cold" noise
        cache.clear()
        cold, warm = CaptureQueriesContext(connection), CaptureQueriesContext(connection)
        with cold:
            first = client.get(url)
        with warm:
            second = client.get(url)
        assert first.status_code == second.status_code == 200, (name, url, first.status_code)
        counts[name] = (len(cold), len(warm))
    return counts


def test_learner_pages_and_trainer_reports_stay_within_budget_whatever_the_size():
    world = _world()
    small = {"learner": _counts(world["learner"], world["learner_pages"])}
    small["trainer"] = _counts(world["trainer"], world["trainer_pages"])
    _grow(world)
    large = {"learner": _counts(world["learner"], world["learner_pages"])}
    large["trainer"] = _counts(world["trainer"], world["trainer_pages"])
    print("\n(cold, warm) small:", small, "\nlarge:", large)

    for name, (cold, warm) in large["learner"].items():
        assert cold <= COLD_BUDGET, f"{name}: {cold} queries cold"
        assert warm <= WARM_BUDGET_BY_PAGE.get(name, WARM_BUDGET), f"{name}: {warm} queries warm"
    for name, (cold, _warm) in large["trainer"].items():
        assert cold <= TRAINER_BUDGET, f"{name}: {cold} queries"
    assert large == small
