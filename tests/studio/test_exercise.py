"""A learner writes a post for a lesson's exercise, reads what the checker found, and improves it."""

import pytest
from django.urls import reverse
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from lessons.models import LessonPage
from studio.exercises import exercise_key
from studio.models import PostDraft
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

EXERCISE = {
    "brief": "Annoncez sur Instagram la restauration du « Grand Paysage », avec une photo de l’atelier.",
    "network": "instagram",
    "account_name": "Musée de l’Estuaire",
    "handle": "@musee_estuaire",
    "shows_artwork": True,
    "requires_tracking": False,
}
GOOD_ALT = "Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet."
GOOD_CREDIT = "Jean Durand, Grand Paysage, 1860, domaine public. Photo : Musée de l’Estuaire / A. Martin"


@pytest.fixture
def lesson():
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).first().specific
    image = Image.objects.create(title="Atelier", file=get_test_image_file())
    lesson.body = [("text", "<p>Écrire pour Instagram.</p>"), ("post_exercise", {**EXERCISE, "image": image})]
    lesson.save_revision().publish()
    return lesson


@pytest.fixture
def url(lesson):
    return reverse("studio:exercise", args=[lesson.pk, exercise_key(EXERCISE | {"image": None})])


def _post(client, url, **fields):
    return client.post(url, {"text": "", "alt_text": "", "credit": "", **fields})


def test_the_lesson_links_to_the_learners_workspace_for_its_exercise(client, learner, lesson, url):
    client.force_login(learner)

    html = client.get(lesson.url).content.decode()

    assert "Annoncez sur Instagram la restauration" in html
    assert f'href="{url}"' in html


def test_visitors_sign_in_first(client, url):
    response = client.get(url)

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_first_draft_is_checked_and_the_findings_say_what_to_fix_and_why(client, learner, url):
    client.force_login(learner)

    response = _post(client, url, text="Viens voir 👀 la #grandpaysagerestaure " + "#Atelier " * 5)
    assert response.status_code == 302 and response.url.endswith("#checklist")
    html = client.get(url).content.decode()

    assert "6 hashtags\u00a0: Instagram en permet 5." in html
    assert "Décrivez l’image dans son texte alternatif." in html
    assert "Ajoutez la ligne de crédit" in html
    assert "À corriger" in html and "Aperçu" in html
    assert PostDraft.objects.get(user=learner).alt_text == ""


def test_a_fixed_draft_replaces_the_first_and_has_nothing_left_to_fix(client, learner, url):
    client.force_login(learner)
    _post(client, url, text="Brouillon #a #b #c #d #e #f")

    _post(
        client,
        url,
        text="La restauration du Grand Paysage commence : suivez chaque étape avec nous. #Restauration",
        alt_text=GOOD_ALT,
        credit=GOOD_CREDIT,
    )
    html = client.get(url).content.decode()

    assert "Rien à corriger" in html
    assert PostDraft.objects.filter(user=learner).count() == 1
    assert PostDraft.objects.get(user=learner).credit == GOOD_CREDIT


def test_the_preview_is_cut_where_the_instagram_feed_cuts(client, learner, url):
    client.force_login(learner)
    _post(client, url, text="a" * 200, alt_text=GOOD_ALT, credit=GOOD_CREDIT)

    html = client.get(url).content.decode()

    card_text = html.split('class="post-card__text">', 1)[1].split("</div>", 1)[0]
    assert card_text == "a" * 125 + "…"
    assert "placez l’essentiel avant" in html


def test_a_draft_with_control_characters_is_refused_and_the_previous_one_kept(client, learner, url):
    client.force_login(learner)
    _post(client, url, text="Premier jet")

    response = _post(client, url, text="Deuxième\x01 jet")

    assert response.status_code == 400
    assert "caractères de contrôle invisibles" in response.content.decode()
    assert PostDraft.objects.get(user=learner).text == "Premier jet"


def test_a_learner_never_sees_another_learners_draft(client, learner, url):
    client.force_login(learner)
    _post(client, url, text="Mon texte à moi, que personne d’autre ne lit.")

    client.force_login(UserFactory())
    html = client.get(url).content.decode()

    assert "Mon texte à moi" not in html
    assert 'id="checklist"' not in html  # no checklist of hers (the live check's words are on every page)


def test_an_unknown_exercise_is_not_found(client, learner, lesson):
    client.force_login(learner)

    assert client.get(reverse("studio:exercise", args=[lesson.pk, "0123456789abcdef"])).status_code == 404
    assert client.get(reverse("studio:exercise", args=[999999, "0123456789abcdef"])).status_code == 404


def test_the_draft_survives_the_lessons_deletion(client, learner, lesson, url):
    client.force_login(learner)
    _post(client, url, text="Un texte à garder.")

    lesson.delete()

    draft = PostDraft.objects.get(user=learner)
    assert draft.page is None and draft.page_title == lesson.title and draft.text == "Un texte à garder."
