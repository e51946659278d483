"""Image renditions are made when a page is published, never during a learner's request."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file

from lessons.models import LessonPage
from lessons.renditions import CAPTIONED_IMAGE_FILTERS, SOCIAL_POST_IMAGE_FILTERS
from tests.factories import lesson_body, make_course

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@pytest.fixture
def image():
    return Image.objects.create(title="Salle des peintures", file=get_test_image_file())


def _illustrated_lesson(image):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    lesson.body = [
        *lesson_body(),
        ("image", {"image": image, "alt_text": "Une salle", "caption": "", "credit": ""}),
        (
            "social_post",
            {
                "network": "instagram",
                "account_name": "Musée",
                "handle": "@musee",
                "text": "Nouvelle salle",
                "image": image,
                "image_alt": "La salle",
                "date": None,
                "verdict": "good",
                "commentary": "<p>Bien.</p>",
            },
        ),
    ]
    return lesson


def test_publishing_a_lesson_creates_every_rendition_its_templates_ask_for(image):
    lesson = _illustrated_lesson(image)

    lesson.save_revision().publish()

    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == {*CAPTIONED_IMAGE_FILTERS, *SOCIAL_POST_IMAGE_FILTERS}


def test_learner_reading_an_illustrated_lesson_generates_no_rendition(client, learner, image):
    lesson = _illustrated_lesson(image)
    lesson.save_revision().publish()
    before = Rendition.objects.count()
    client.force_login(learner)

    response = client.get(lesson.url)

    assert response.status_code == 200
    assert 'alt="Une salle"' in response.text and 'alt="La salle"' in response.text
    assert Rendition.objects.count() == before


def test_filters_match_the_templates():
    image_tags = (TEMPLATES / "lessons/blocks/image.html").read_text(encoding="utf-8")
    card = (TEMPLATES / "includes/social_post_card.html").read_text(encoding="utf-8")

    assert set(re.findall(r"{% image value\.image (\S+) as", image_tags)) == set(CAPTIONED_IMAGE_FILTERS)
    assert set(re.findall(r"{% image post\.image (\S+) as", card)) == set(SOCIAL_POST_IMAGE_FILTERS)
