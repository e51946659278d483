"""The anonymous page cache: served without work, forgotten on every change, never someone's own page."""

import pytest
from django.test import Client
from wagtail.models import PageViewRestriction

from core.page_cache import CACHE_HEADER
from lessons.models import LessonPage
from tests.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson():
    course = make_course(modules=1, lessons=2)
    return LessonPage.objects.descendant_of(course).order_by("path").first()


def _publish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_second_anonymous_visit_is_served_from_the_cache_without_a_query(client, lesson, django_assert_num_queries):
    first = client.get(lesson.url)
    assert first[CACHE_HEADER] == "miss"

    with django_assert_num_queries(0):
        second = Client().get(lesson.url)

    assert second.status_code == 200
    assert second[CACHE_HEADER] == "hit"
    assert second.content == first.content
    assert "Content-Security-Policy" in second
    assert not second.cookies


def test_publishing_a_page_shows_the_new_version_on_the_next_visit(client, lesson):
    client.get(lesson.url)
    lesson.refresh_from_db()

    _publish(lesson, title="Leçon réécrite")

    response = Client().get(lesson.url)
    assert response[CACHE_HEADER] == "miss"
    assert "Leçon réécrite" in response.text


def test_publishing_a_sibling_updates_the_module_table_of_contents_on_this_page(client, lesson):
    client.get(lesson.url)
    sibling = LessonPage.objects.sibling_of(lesson, inclusive=False).get()

    _publish(sibling, title="Titre du voisin changé")

    assert "Titre du voisin changé" in Client().get(lesson.url).text


def test_unpublished_page_is_gone_at_once(client, lesson):
    client.get(lesson.url)

    lesson.unpublish()

    assert Client().get(lesson.url).status_code == 404


def test_deleted_page_is_gone_at_once(client, lesson):
    url = lesson.url
    client.get(url)

    lesson.delete()

    assert Client().get(url).status_code == 404


def test_moved_page_leaves_its_old_address(client, lesson):
    old_url = lesson.url
    client.get(old_url)
    other_module = lesson.get_parent().get_parent().get_children().first()
    target = other_module.add_sibling(instance=type(other_module)(title="Module 2", slug="module-deux"))

    lesson.move(target, pos="last-child")

    lesson.refresh_from_db()
    old = Client().get(old_url)
    assert (old.status_code, old["Location"]) == (301, lesson.url)  # Wagtail's redirect, not the cached page
    assert Client().get(lesson.url).status_code == 200


def test_signed_in_learner_page_is_never_cached_nor_served_to_visitors(client, learner, lesson):
    client.force_login(learner)
    own = client.get(lesson.url)
    assert CACHE_HEADER not in own
    assert "Marquer comme terminée" in own.text

    anonymous = Client().get(lesson.url)
    assert anonymous[CACHE_HEADER] == "miss"
    assert "Marquer comme terminée" not in anonymous.text

    again = client.get(lesson.url)
    assert CACHE_HEADER not in again
    assert "Marquer comme terminée" in again.text


def test_page_holding_a_csrf_token_is_never_cached(lesson):
    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.PASSWORD, password="secret")
    first, second = Client(), Client()

    first_page = first.get(lesson.url)
    second_page = second.get(lesson.url)

    assert first_page.status_code == second_page.status_code == 200
    assert CACHE_HEADER not in first_page and CACHE_HEADER not in second_page
    assert "csrfmiddlewaretoken" in second_page.text
    assert second.cookies["csrftoken"].value != first.cookies["csrftoken"].value
    token = first_page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token not in second_page.text


def test_restricting_a_cached_page_takes_effect_at_once(client, lesson):
    client.get(lesson.url)

    PageViewRestriction.objects.create(page=lesson, restriction_type=PageViewRestriction.LOGIN)

    assert Client().get(lesson.url).status_code == 302
