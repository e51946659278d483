"""Courses whose modules unlock in order: locks shown on course and module pages, enforced on lessons and quizzes."""

import pytest
from django.urls import reverse

from progress.models import LessonProgress
from progress.services import lesson_complete
from quizzes.models import Attempt
from tests.factories import make_course, make_quiz

from .helpers import lessons_of, modules_of, quiz_result, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course(modules=3, lessons=2, unlock_in_order=True)
    make_quiz(modules_of(course)[0], title="Quiz du module 1", slug="quiz-1")
    return course


def finish_module_lessons(user, module):
    for lesson in lessons_of(module):
        lesson_complete(user=user, lesson=lesson)


def test_lesson_of_a_locked_module_names_the_module_to_finish_first(client, learner, course):
    client.force_login(learner)
    lesson = lessons_of(modules_of(course)[1])[0]

    response = client.get(lesson.url)

    text = visible_text(response.content.decode())
    assert response.status_code == 403
    assert "Finish the module “Module 1” first" in text
    assert f'href="{modules_of(course)[0].url}"' in response.content.decode()
    assert "Un musée publie pour informer" not in text  # the lesson body is not shown
    assert not LessonProgress.objects.filter(lesson=lesson).exists()


def test_the_first_module_is_open(client, learner, course):
    client.force_login(learner)

    assert client.get(lessons_of(modules_of(course)[0])[0].url).status_code == 200


def test_module_stays_locked_until_the_previous_quiz_is_passed(client, learner, course):
    first, second, _third = modules_of(course)
    finish_module_lessons(learner, first)
    client.force_login(learner)
    assert client.get(lessons_of(second)[0].url).status_code == 403

    quiz_result(learner, first.get_children().specific().get(slug="quiz-1"))

    assert client.get(lessons_of(second)[0].url).status_code == 200


def test_third_module_waits_for_the_first_incomplete_one(client, learner, course):
    first, _second, third = modules_of(course)
    finish_module_lessons(learner, first)
    quiz_result(learner, first.get_children().specific().get(slug="quiz-1"))
    client.force_login(learner)

    response = client.get(lessons_of(third)[0].url)

    assert response.status_code == 403
    assert "Finish the module “Module 2” first" in visible_text(response.content.decode())


@pytest.mark.parametrize(
    "url_name", ["progress:lesson_visit", "progress:lesson_complete"], ids=["recording a visit", "marking done"]
)
def test_recording_progress_on_a_lesson_of_a_locked_module_is_refused(client, learner, course, url_name):
    client.force_login(learner)
    lesson = lessons_of(modules_of(course)[2])[0]

    response = client.post(reverse(url_name, args=[lesson.pk]))

    assert response.status_code == 403
    assert not LessonProgress.objects.exists()


def test_quiz_of_a_locked_module_is_locked_too(client, learner, course):
    quiz = make_quiz(modules_of(course)[1], title="Quiz du module 2", slug="quiz-2")
    client.force_login(learner)

    response = client.get(quiz.url)

    assert response.status_code == 403
    assert "Finish the module “Module 1” first" in visible_text(response.content.decode())


def test_starting_an_attempt_on_a_locked_quiz_is_refused(client, learner, course):
    quiz = make_quiz(modules_of(course)[1], title="Quiz du module 2", slug="quiz-2")
    client.force_login(learner)

    response = client.post(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == 403
    assert not Attempt.objects.filter(quiz=quiz).exists()


def test_starting_an_attempt_on_an_open_quiz_works(client, learner, course):
    quiz = modules_of(course)[0].get_children().specific().get(slug="quiz-1")
    client.force_login(learner)

    response = client.post(reverse("quizzes:start", args=[quiz.pk]))

    assert response.status_code == 302
    assert Attempt.objects.filter(quiz=quiz, user=learner).count() == 1


def test_final_quiz_waits_for_every_module(client, learner, course):
    final = make_quiz(course, title="Quiz final", slug="quiz-final")
    client.force_login(learner)

    assert client.get(final.url).status_code == 403
    assert "Locked: finish “Module 1” first" in visible_text(client.get(course.url).content.decode())


def test_course_and_module_pages_show_locks_in_words(client, learner, course):
    client.force_login(learner)

    course_text = visible_text(client.get(course.url).content.decode())
    module_text = visible_text(client.get(modules_of(course)[2].url).content.decode())

    assert course_text.count("🔒 Locked: finish “Module 1” first") == 2
    assert "🔒 Locked: finish “Module 1” first" in module_text


def test_trainers_are_never_locked_out(client, trainer, course):
    client.force_login(trainer)

    assert client.get(lessons_of(modules_of(course)[2])[0].url).status_code == 200


def test_anonymous_visitors_read_every_module(client, course):
    assert client.get(lessons_of(modules_of(course)[2])[0].url).status_code == 200


def test_without_order_every_module_is_open(client, learner):
    course = make_course(modules=2, lessons=1, slug="libre")
    client.force_login(learner)

    assert client.get(lessons_of(modules_of(course)[1])[0].url).status_code == 200
    assert "Locked" not in visible_text(client.get(course.url).content.decode())
