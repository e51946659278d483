"""What learners see on the catalogue, course, module and lesson pages."""

import pytest

from accounts.models import Role
from course.models import LearningPath, LearningPathModule, ModulePage
from lessons.models import LessonPage
from tests.factories import make_catalogue, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    return make_course(modules=2, lessons=3)


def test_catalogue_lists_courses_and_learning_paths(client, course):
    module = ModulePage.objects.child_of(course).first()
    path = LearningPath.objects.create(title="Conservateurs qui publient", slug="conservateurs", role=Role.CURATOR)
    LearningPathModule.objects.create(path=path, module=module)

    html = client.get(make_catalogue().url).content.decode()

    assert course.title in html
    assert "Conservateurs qui publient" in html
    assert module.url in html


def test_catalogue_recommends_the_path_of_the_learners_role(client, course, learner):
    module = ModulePage.objects.child_of(course).first()
    for role, title in [(Role.CURATOR, "Parcours conservateur"), (Role.COMMUNITY_MANAGER, "Parcours CM")]:
        path = LearningPath.objects.create(title=title, slug=role, role=role)
        LearningPathModule.objects.create(path=path, module=module)
    client.force_login(learner)

    response = client.get(make_catalogue().url)

    assert response.context["recommended_path"].title == "Parcours CM"
    assert "Recommandé pour vous" in response.content.decode()


def test_course_page_shows_numbered_modules_with_lesson_counts(client, course):
    html = client.get(course.url).content.decode()

    assert "Module 1 – Module 1" in html
    assert "3 leçons" in html


def test_module_page_shows_objectives_and_lessons_in_order(client, course):
    module = ModulePage.objects.child_of(course).first()

    html = client.get(module.url).content.decode()

    assert "Objectif 1" in html
    assert html.index("Leçon 1.1") < html.index("Leçon 1.2") < html.index("Leçon 1.3")


def test_lesson_page_has_breadcrumbs_toc_and_previous_next(client, course):
    module = ModulePage.objects.child_of(course).first()
    first, second, third = LessonPage.objects.child_of(module).order_by("path")

    response = client.get(second.url)
    html = response.content.decode()

    assert response.status_code == 200
    assert f'href="{course.url}"' in html
    assert f'href="{first.url}" rel="prev"' in html
    assert f'href="{third.url}" rel="next"' in html
    assert '<span aria-current="page">Leçon 1.2</span>' in html


def test_unpublished_lesson_is_hidden_from_navigation(client, course):
    module = ModulePage.objects.child_of(course).first()
    first, second, third = LessonPage.objects.child_of(module).order_by("path")
    second.unpublish()

    html = client.get(first.url).content.decode()

    assert second.title not in html
    assert f'href="{third.url}" rel="next"' in html


def test_reading_time_is_computed_unless_set(course):
    lesson = LessonPage.objects.first()
    lesson.body = [("text", "<p>" + "mot " * 450 + "</p>")]
    lesson.save()
    assert lesson.reading_minutes == 3

    lesson.reading_time = 12
    lesson.save()
    assert lesson.reading_minutes == 12


def test_header_links_to_the_catalogue(client, course):
    html = client.get("/").content.decode()

    assert f'href="{make_catalogue().url}"' in html


@pytest.mark.parametrize("modules,lessons", [(1, 5), (5, 50)])
def test_lesson_page_query_count_does_not_grow_with_module_size(
    client, django_assert_max_num_queries, modules, lessons
):
    course = make_course(modules=modules, lessons=lessons)
    lesson = LessonPage.objects.descendant_of(course).order_by("path")[lessons // 2]
    client.get(lesson.url)  # warm the site root cache

    with django_assert_max_num_queries(16):
        assert client.get(lesson.url).status_code == 200


@pytest.mark.parametrize("modules,lessons", [(2, 2), (10, 20)])
def test_course_page_query_count_does_not_grow_with_course_size(
    client, django_assert_max_num_queries, modules, lessons
):
    course = make_course(modules=modules, lessons=lessons)
    client.get(course.url)

    with django_assert_max_num_queries(13):
        assert client.get(course.url).status_code == 200
