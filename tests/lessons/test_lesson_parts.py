"""A lesson's shared parts are rendered once for everyone; each learner still sees their own state and form."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from lessons.models import LessonPage
from progress.models import LessonProgress
from progress.services import lesson_complete
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture
def lesson():
    course = make_course(modules=1, lessons=2)
    lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
    lesson.save_revision().publish()  # a published revision: what page parts are cached for
    lesson.refresh_from_db()
    return lesson


def _signed_in(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_two_learners_on_the_same_lesson_each_see_their_own_state_and_a_working_form(lesson):
    done, new = UserFactory(), UserFactory()
    lesson_complete(user=done, lesson=lesson)
    done_client, new_client = _signed_in(done), _signed_in(new)

    done_page = done_client.get(lesson.url).text
    new_page = new_client.get(lesson.url).text
    done_again = done_client.get(lesson.url).text

    assert "Vous avez marqué cette leçon comme terminée" in done_page
    assert "Vous avez marqué cette leçon comme terminée" in done_again
    assert "Marquer comme terminée" not in done_page
    assert "Marquer comme terminée" in new_page
    assert lesson.title in done_page and lesson.title in new_page
    done_token, new_token = TOKEN.search(done_page).group(1), TOKEN.search(new_page).group(1)
    assert done_token != new_token
    assert new_token not in done_page and done_token not in new_page

    response = new_client.post(
        reverse("progress:lesson_complete", args=[lesson.pk]), {"csrfmiddlewaretoken": new_token}
    )

    assert response.status_code in (200, 302)
    assert LessonProgress.objects.get(user=new, lesson=lesson).completed_at is not None


def test_a_learner_sees_a_new_title_as_soon_as_it_is_published(lesson):
    client = _signed_in(UserFactory())
    client.get(lesson.url)
    lesson.refresh_from_db()

    lesson.title = "Leçon réécrite pour tous"
    lesson.save_revision().publish()

    page = client.get(lesson.url).text
    assert page.count("Leçon réécrite pour tous") >= 2  # the title and the module's table of contents


def test_publishing_a_sibling_updates_the_table_of_contents_a_learner_sees(lesson):
    client = _signed_in(UserFactory())
    client.get(lesson.url)
    sibling = LessonPage.objects.sibling_of(lesson, inclusive=False).get()

    sibling.title = "Titre du voisin changé"
    sibling.save_revision().publish()

    assert "Titre du voisin changé" in client.get(lesson.url).text


def test_a_preview_shows_the_draft_even_after_the_live_lesson_was_read(client, trainer, lesson):
    client.force_login(trainer)
    live = client.get(lesson.url).text
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    data = nested_form_data(
        {
            "title": "Titre du brouillon en relecture",
            "slug": lesson.slug,
            "summary": "Résumé du brouillon",
            "body": streamfield([("text", rich_text("<p>Un brouillon jamais publié.</p>"))]),
        }
    )

    assert client.post(preview_url, data).json()["is_valid"] is True
    preview = client.get(preview_url).text

    assert "Titre du brouillon en relecture" not in live
    assert "Titre du brouillon en relecture" in preview
    assert "Résumé du brouillon" in preview
    assert "Titre du brouillon en relecture" not in client.get(lesson.url).text
