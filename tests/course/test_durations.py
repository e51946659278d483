"""Durations shown to learners and on certificates are computed from the lessons and quizzes a module holds."""

import pytest

from course.durations import module_minutes
from course.models import ModulePage
from lessons.models import LessonPage
from tests.factories import make_course, make_quiz, sample_question

pytestmark = pytest.mark.django_db


def _publish_all(pages):
    for page in pages:
        page.save_revision().publish()


@pytest.fixture
def course():
    course = make_course(modules=2, lessons=2)
    for module in ModulePage.objects.child_of(course):
        for index, lesson in enumerate(LessonPage.objects.child_of(module)):
            lesson.reading_time = 10 + 5 * index  # 10 and 15 minutes
            lesson.save()
    return course


def test_a_published_module_lasts_as_long_as_its_lessons_and_its_quiz(course):
    module = ModulePage.objects.child_of(course).first()
    make_quiz(module, questions=[sample_question("single") for _ in range(8)])  # 8 × 1.5 = 12 minutes

    _publish_all(LessonPage.objects.child_of(module))

    module.refresh_from_db()
    assert module.duration_minutes == 10 + 15 + 12
    assert module_minutes(module) == 37


def test_a_quiz_with_a_time_limit_counts_its_limit(course):
    module = ModulePage.objects.child_of(course).first()
    quiz = make_quiz(module, time_limit_minutes=20)
    quiz.save_revision().publish()

    module.refresh_from_db()
    assert module.duration_minutes == 10 + 15 + 20


def test_unpublishing_or_moving_a_lesson_updates_the_modules_it_left_and_joined(course):
    first, second = ModulePage.objects.child_of(course).order_by("path")
    _publish_all(LessonPage.objects.descendant_of(course))
    lesson = LessonPage.objects.child_of(first).get(reading_time=15)

    lesson.unpublish()
    first.refresh_from_db()
    assert first.duration_minutes == 10

    lesson.save_revision().publish()
    lesson.move(second, pos="last-child")
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.duration_minutes, second.duration_minutes) == (10, 10 + 15 + 15)


def test_the_course_page_shows_hours_and_minutes_and_numbers_modules_once(client, course):
    _publish_all(LessonPage.objects.descendant_of(course))

    html = client.get(course.url).content.decode()

    assert "environ 50\xa0min" in html  # two modules of 25 minutes
    assert "25\xa0min" in html
    assert "minutes" not in html


def test_a_long_course_reads_in_hours(client, course):
    for lesson in LessonPage.objects.descendant_of(course):
        lesson.reading_time = 170
        lesson.save_revision().publish()

    html = client.get(course.url).content.decode()

    assert "environ 11\xa0h\xa020" in html  # 4 × 170 minutes
    assert "5\xa0h\xa040" in html


def test_deleting_a_lesson_shortens_its_module(course):
    module = ModulePage.objects.child_of(course).first()
    _publish_all(LessonPage.objects.child_of(module))

    LessonPage.objects.child_of(module).get(reading_time=15).delete()

    module.refresh_from_db()
    assert module.duration_minutes == 10
