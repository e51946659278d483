"""Parent/child rules of the course tree."""

import pytest

from core.models import HomePage
from course.models import CourseIndexPage, CoursePage, ModulePage
from lessons.models import LessonPage
from tests.factories import make_catalogue, make_course

pytestmark = pytest.mark.django_db


def test_catalogue_lives_under_home_and_holds_only_courses():
    assert CourseIndexPage.allowed_parent_page_models() == [HomePage]
    assert CourseIndexPage.allowed_subpage_models() == [CoursePage]


def test_only_one_catalogue_per_site():
    make_catalogue()

    assert not CourseIndexPage.can_create_at(HomePage.objects.get())


def test_course_holds_modules_and_module_holds_lessons():
    assert ModulePage in CoursePage.allowed_subpage_models()
    assert LessonPage in ModulePage.allowed_subpage_models()
    assert LessonPage not in CoursePage.allowed_subpage_models()
    assert LessonPage.allowed_subpage_models() == []


def test_lesson_cannot_be_created_under_course_or_catalogue():
    course = make_course(modules=1, lessons=1)

    assert not LessonPage.can_create_at(course)
    assert not LessonPage.can_create_at(course.get_parent())
    assert LessonPage.can_create_at(ModulePage.objects.child_of(course).first())


def test_module_cannot_be_created_outside_a_course():
    catalogue = make_catalogue()

    assert not ModulePage.can_create_at(catalogue)
    assert not ModulePage.can_create_at(HomePage.objects.get())
