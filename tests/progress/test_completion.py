"""Completion rules as recorded in the database: lessons, modules, courses, paths, and the certificate."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from certificates.models import Certificate
from course.models import LearningPath, LearningPathModule
from lessons.models import LessonPage
from progress.models import CourseCompletion, LessonProgress, ModuleCompletion, PathCompletion
from progress.services import course_completion_record, lesson_complete, lesson_visit_record, path_choose, path_leave
from quizzes.models import Attempt, AttemptStatus
from tests.factories import UserFactory, lesson_body, make_course, make_quiz, sample_question
from tests.quizzes.helpers import post_data

from .helpers import lessons_of, modules_of, quiz_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=2, lessons=2)


def complete_lessons(user, module, now=None):
    for lesson in lessons_of(module):
        lesson_complete(user=user, lesson=lesson, now=now)


def test_visiting_a_lesson_records_it_started_once(learner, course):
    lesson = lessons_of(modules_of(course)[0])[0]
    first = lesson_visit_record(user=learner, lesson=lesson)

    again = lesson_visit_record(user=learner, lesson=lesson, now=timezone.now() + timedelta(days=1))

    assert again.pk == first.pk
    assert again.started_at == first.started_at
    assert again.completed_at is None
    assert LessonProgress.objects.filter(user=learner).count() == 1


def test_marking_a_lesson_done_twice_keeps_the_first_date(learner, course):
    lesson = lessons_of(modules_of(course)[0])[0]
    monday = timezone.now() - timedelta(days=3)
    lesson_complete(user=learner, lesson=lesson, now=monday)

    lesson_complete(user=learner, lesson=lesson, now=timezone.now())

    record = LessonProgress.objects.get(user=learner, lesson=lesson)
    assert record.completed_at == monday


def test_module_without_quiz_is_completed_by_its_last_lesson(learner, course):
    module = modules_of(course)[0]
    first, last = lessons_of(module)
    lesson_complete(user=learner, lesson=first)
    assert not ModuleCompletion.objects.filter(user=learner).exists()

    lesson_complete(user=learner, lesson=last)

    completion = ModuleCompletion.objects.get(user=learner)
    assert completion.module_id == module.pk
    assert completion.module_title == "Module 1"


def test_module_with_quiz_waits_for_the_quiz_to_be_passed(learner, course):
    module = modules_of(course)[0]
    quiz = make_quiz(module)
    complete_lessons(learner, module)
    assert not ModuleCompletion.objects.filter(user=learner).exists()

    quiz_result(learner, quiz, percent="40", passed=False)
    assert not ModuleCompletion.objects.filter(user=learner).exists()

    quiz_result(learner, quiz, percent="90", passed=True)
    assert ModuleCompletion.objects.filter(user=learner, module=module).exists()


def test_passing_the_quiz_first_then_the_last_lesson_completes_the_module(learner, course):
    module = modules_of(course)[0]
    quiz = make_quiz(module)
    quiz_result(learner, quiz)
    first, last = lessons_of(module)
    lesson_complete(user=learner, lesson=first)
    assert not ModuleCompletion.objects.filter(user=learner).exists()

    lesson_complete(user=learner, lesson=last)

    assert ModuleCompletion.objects.filter(user=learner, module=module).exists()


# Attempts graded before the single pass rule may hold passed=True while a review is pending: they do not count.
@pytest.mark.parametrize(
    ("percent", "passed"), [("90", None), ("75", True)], ids=["waiting for review", "stored as passed while pending"]
)
def test_writing_exercise_waiting_for_review_does_not_complete_the_module(learner, course, percent, passed):
    module = modules_of(course)[0]
    quiz = make_quiz(module)
    complete_lessons(learner, module)

    quiz_result(learner, quiz, percent=percent, passed=passed, status=AttemptStatus.PENDING_REVIEW)

    assert not ModuleCompletion.objects.filter(user=learner).exists()
    assert not Certificate.objects.filter(user=learner).exists()


def test_writing_exercise_sent_back_for_a_new_attempt_does_not_complete_the_module(learner, course):
    module = modules_of(course)[0]
    quiz = make_quiz(module)
    complete_lessons(learner, module)

    quiz_result(learner, quiz, percent=None, passed=None, status=AttemptStatus.PENDING_REVIEW, retry_requested=True)

    assert not ModuleCompletion.objects.filter(user=learner).exists()


def test_unpublished_lesson_is_not_required(learner, course):
    module = modules_of(course)[0]
    first, second = lessons_of(module)
    second.unpublish()

    lesson_complete(user=learner, lesson=first)

    assert ModuleCompletion.objects.filter(user=learner, module=module).exists()


def test_course_completion_issues_one_certificate_with_the_completion_date(learner, course):
    first_module, second_module = modules_of(course)
    complete_lessons(learner, first_module)
    assert not CourseCompletion.objects.filter(user=learner).exists()
    friday = timezone.now() - timedelta(days=1)

    complete_lessons(learner, second_module, now=friday)
    course_completion_record(user=learner, course=course)  # called again: nothing new

    completion = CourseCompletion.objects.get(user=learner)
    assert completion.course_id == course.pk
    assert completion.completed_at == friday
    certificate = Certificate.objects.get(user=learner)
    assert certificate.course_id == course.pk
    assert certificate.completed_on == timezone.localdate(friday)
    assert certificate.score_summary["lessons_done"] == 4


def test_course_with_final_quiz_needs_it_passed(learner, course):
    final = make_quiz(course, title="Quiz final", slug="quiz-final")
    for module in modules_of(course):
        complete_lessons(learner, module)
    assert ModuleCompletion.objects.filter(user=learner).count() == 2
    assert not CourseCompletion.objects.filter(user=learner).exists()

    quiz_result(learner, final, percent="75")

    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    summary = Certificate.objects.get(user=learner).score_summary
    assert summary["quizzes"] == [{"title": "Quiz final", "best_percent": "75.00", "passed": True}]
    assert [item["name"] for item in summary["evidence"]] == ["Quiz final"]
    assert re.search(r"\b75\s%$", summary["evidence"][0]["narrative"])  # "75 %", with a no-break space in French


def test_completion_is_kept_when_a_lesson_is_added_later(learner, course):
    module = modules_of(course)[0]
    complete_lessons(learner, module)
    completed_at = ModuleCompletion.objects.get(user=learner).completed_at
    module.add_child(instance=LessonPage(title="Nouvelle", slug="nouvelle", summary="R", body=lesson_body()))
    lesson_complete(user=learner, lesson=lessons_of(modules_of(course)[1])[0])

    assert ModuleCompletion.objects.get(user=learner, module=module).completed_at == completed_at


def test_learning_path_completion_across_courses_issues_a_path_certificate(learner, course):
    other = make_course(modules=1, lessons=1, title="Gérer une crise", slug="crise")
    path = LearningPath.objects.create(
        title="Parcours CM", slug="cm", role=Role.COMMUNITY_MANAGER, issues_certificate=True
    )
    LearningPathModule.objects.create(path=path, module=modules_of(course)[0], sort_order=0)
    LearningPathModule.objects.create(path=path, module=modules_of(other)[0], sort_order=1)
    path_choose(user=learner, path=path)
    complete_lessons(learner, modules_of(course)[0])
    assert not PathCompletion.objects.filter(user=learner).exists()

    complete_lessons(learner, modules_of(other)[0])

    assert PathCompletion.objects.get(user=learner).path_id == path.pk
    assert Certificate.objects.filter(user=learner, learning_path=path).count() == 1


def test_path_without_certificate_records_completion_only(learner, course):
    path = LearningPath.objects.create(title="Parcours", slug="p", role=Role.CURATOR)
    LearningPathModule.objects.create(path=path, module=modules_of(course)[0])
    path_choose(user=learner, path=path)

    complete_lessons(learner, modules_of(course)[0])

    assert PathCompletion.objects.filter(user=learner, path=path).exists()
    assert not Certificate.objects.filter(user=learner, learning_path=path).exists()


def test_a_path_the_learner_did_not_choose_is_neither_completed_nor_certified(learner, course):
    path = LearningPath.objects.create(title="Parcours", slug="p", role=Role.CURATOR, issues_certificate=True)
    LearningPathModule.objects.create(path=path, module=modules_of(course)[0])

    complete_lessons(learner, modules_of(course)[0])

    assert not PathCompletion.objects.filter(user=learner).exists()
    assert not Certificate.objects.filter(user=learner, learning_path=path).exists()


def test_choosing_a_path_already_done_completes_and_certifies_it_at_once(learner, course):
    path = LearningPath.objects.create(title="Parcours", slug="p", role=Role.CURATOR, issues_certificate=True)
    LearningPathModule.objects.create(path=path, module=modules_of(course)[0])
    complete_lessons(learner, modules_of(course)[0])

    path_choose(user=learner, path=path)
    path_choose(user=learner, path=path)  # a second click changes nothing

    assert PathCompletion.objects.filter(user=learner, path=path).count() == 1
    assert Certificate.objects.filter(user=learner, learning_path=path).count() == 1


def test_leaving_a_path_keeps_its_certificate(learner, course):
    path = LearningPath.objects.create(title="Parcours", slug="p", role=Role.CURATOR, issues_certificate=True)
    LearningPathModule.objects.create(path=path, module=modules_of(course)[0])
    path_choose(user=learner, path=path)
    complete_lessons(learner, modules_of(course)[0])

    assert path_leave(user=learner, path=path) is True

    assert Certificate.objects.get(user=learner, learning_path=path).revoked_at is None


def test_one_learners_progress_never_completes_anothers(learner, course):
    other = UserFactory()
    complete_lessons(learner, modules_of(course)[0])

    assert not ModuleCompletion.objects.filter(user=other).exists()
    assert not LessonProgress.objects.filter(user=other).exists()


def test_passing_the_quiz_through_the_quiz_pages_completes_module_course_and_certificate(
    client, learner, django_capture_on_commit_callbacks
):
    course = make_course(modules=1, lessons=1, slug="bout-en-bout")
    module = modules_of(course)[0]
    quiz = make_quiz(module, questions=[sample_question("single"), sample_question("true_false")])
    lesson_complete(user=learner, lesson=lessons_of(module)[0])
    client.force_login(learner)
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.get(user=learner, quiz=quiz)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quizzes:attempt", args=[attempt.pk]), post_data(attempt))

    assert response.status_code == 302
    assert ModuleCompletion.objects.filter(user=learner, module=module).exists()
    assert CourseCompletion.objects.filter(user=learner, course=course).exists()
    summary = Certificate.objects.get(user=learner, course=course).score_summary
    assert summary["quizzes"][0]["best_percent"] == "100.00"
    assert re.search(r"\b100\s%$", summary["evidence"][0]["narrative"])
