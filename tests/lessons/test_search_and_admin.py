import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from lessons.models import LessonPage
from tests.factories import make_course

pytestmark = pytest.mark.django_db


def test_search_finds_a_lesson_by_a_word_of_its_body_and_shows_course_and_module(client):
    course = make_course(modules=2, lessons=2)
    lesson = LessonPage.objects.descendant_of(course).order_by("path").last()
    lesson.body = [("text", "<p>Le hashtag #jourdefermeture montre les coulisses.</p>")]
    lesson.save_revision().publish()

    response = client.get(reverse("lessons:search"), {"q": "coulisses"})
    html = response.content.decode()

    assert response.status_code == 200
    assert lesson.title in html
    assert "Animer les réseaux sociaux › Module 2" in html
    assert "1 résultat" in html


def test_search_query_count_does_not_grow_with_results(client, django_assert_max_num_queries):
    make_course(modules=3, lessons=6)

    with django_assert_max_num_queries(12):
        response = client.get(reverse("lessons:search"), {"q": "médiation"})

    assert len(response.context["results"]) == 18


def test_empty_or_huge_search_is_handled(client):
    assert client.get(reverse("lessons:search")).status_code == 200
    assert client.get(reverse("lessons:search"), {"q": "x" * 5000}).status_code == 200


def test_sitemap_lists_lessons(client):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()

    xml = client.get("/sitemap.xml").content.decode()

    assert lesson.url in xml


def test_trainer_previews_a_lesson_in_the_admin(client, trainer):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    client.force_login(trainer)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    data = nested_form_data(
        {
            "title": "Leçon en relecture",
            "slug": lesson.slug,
            "summary": "Résumé",
            "body": streamfield([("text", rich_text("<p>Un brouillon jamais publié.</p>"))]),
        }
    )

    assert client.post(preview_url, data).json()["is_valid"] is True
    html = client.get(preview_url).content.decode()

    assert "Leçon en relecture" in html
    assert "Un brouillon jamais publié." in html
    assert "Un brouillon jamais publié." not in client.get(lesson.url).content.decode()


def test_the_preview_panel_may_frame_the_page_but_keeps_the_public_policy(client, trainer):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    client.force_login(trainer)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    data = nested_form_data({"title": lesson.title, "slug": lesson.slug, "summary": "Résumé", "body": streamfield([])})
    client.post(preview_url, data)

    response = client.get(preview_url, {"in_preview_panel": "true"})

    policy = response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'self'" in policy
    assert "script-src 'self';" in policy + ";"  # no inline script, unlike the admin's own pages


def test_trainer_can_edit_and_publish_a_lesson(client, trainer):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    client.force_login(trainer)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))

    assert response.status_code == 200
    assert lesson.permissions_for_user(trainer).can_publish()


def test_learner_is_refused_lesson_editing(client, learner):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    client.force_login(learner)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk]))

    assert response.status_code in (302, 403)
    assert not lesson.permissions_for_user(learner).can_edit()


def test_review_workflow_exists_and_is_not_assigned_by_default():
    from wagtail.models import Workflow

    workflow = Workflow.objects.get(name="Relecture par un formateur référent")
    course = make_course(modules=1, lessons=1)

    assert workflow.active
    assert course.get_workflow() is None
