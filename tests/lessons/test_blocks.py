"""Every lesson block renders what a learner needs: text, alternatives, verdicts in words."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from lessons.blocks import CaptionedImageBlock, LessonStreamBlock, SocialPostBlock
from lessons.models import LessonPage
from tests.factories import make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def image():
    return Image.objects.create(title="Salle des peintures", file=get_test_image_file())


@pytest.fixture
def document():
    doc = Document(title="Charte")
    doc.file.save("charte.txt", ContentFile("Modèle de charte".encode()), save=False)
    doc.save()
    return doc


def _render(block_type, value):
    stream = LessonStreamBlock()
    child = stream.child_blocks[block_type]
    return child.render(child.to_python(value))


def test_heading_renders_at_its_level():
    assert _render("heading", {"text": "Définir ses objectifs", "level": "h3"}).strip().startswith("<h3")


def test_image_renders_responsive_renditions_with_alt_text_and_credit(image):
    html = _render(
        "image",
        {"image": image.pk, "alt_text": "Une salle aux murs rouges", "caption": "Salle 12", "credit": "© Musée"},
    )

    assert 'alt="Une salle aux murs rouges"' in html
    assert "srcset=" in html and "400w" in html
    assert "© Musée" in html


def test_image_stays_readable_on_phones_in_a_focusable_frame_with_a_full_size_link(image):
    html = _render("image", {"image": image.pk, "alt_text": "Frise", "caption": "La Museum Week", "credit": ""})

    frame = html.split('class="lesson-figure__frame"', 1)[1].split(">", 1)[0]
    assert 'tabindex="0"' in frame and 'aria-label="La Museum Week"' in frame
    large = image.get_rendition("width-1200")
    assert f'<a href="{large.url}">ouvrez-la en grand</a>' in html


def test_image_block_requires_alt_text(image):
    block = CaptionedImageBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": "", "credit": ""}))

    assert "alt_text" in error.value.block_errors


def test_quote_names_who_role_and_institution():
    html = _render(
        "quote", {"text": "Nous répondons vite.", "author": "Claire", "role": "CM", "institution": "Musée X"}
    )

    assert "<blockquote>" in html and "Claire" in html and "Musée X" in html


@pytest.mark.parametrize("kind,label", [("tip", "Astuce"), ("warning", "Attention"), ("key", "À retenir")])
def test_callout_states_its_kind_in_words(kind, label):
    html = _render("callout", {"kind": kind, "title": "", "text": "<p>Une idée par message.</p>"})

    assert label in html


def test_checklist_key_figures_and_do_dont_render_their_items():
    assert "Le visuel est crédité." in _render("checklist", {"title": "Avant", "items": ["Le visuel est crédité."]})
    figures = _render("key_figures", {"title": "", "items": [{"value": "630", "label": "musées", "source": "Twitter"}]})
    assert "630" in figures and "(Twitter)" in figures
    do_dont = _render("do_dont", {"title": "", "do": ["Remercier"], "dont": ["Supprimer"]})
    assert "À faire" in do_dont and "Remercier" in do_dont and "Supprimer" in do_dont


def test_case_study_has_its_four_parts():
    html = _render(
        "case_study",
        {
            "title": "Orsay",
            "context": "<p>A</p>",
            "what_happened": "<p>B</p>",
            "response": "<p>C</p>",
            "lessons": "<p>D</p>",
        },
    )

    for part in ("Contexte", "Ce qui s’est passé", "La réponse", "Les enseignements"):
        assert part in html


def test_document_links_to_the_file(document):
    html = _render("document", {"document": document.pk, "title": "Modèle de charte", "description": "À adapter"})

    assert document.url in html and "Modèle de charte" in html


def test_video_uses_privacy_friendly_player_and_always_offers_a_link():
    html = _render("video", {"url": "https://www.youtube.com/watch?v=abcdefghijk", "title": "Visite", "transcript": ""})

    assert "https://www.youtube-nocookie.com/embed/abcdefghijk" in html
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk"' in html


def test_video_from_other_sites_is_a_link_only():
    html = _render("video", {"url": "https://videos.example/v/1", "title": "Visite", "transcript": ""})

    assert "<iframe" not in html and 'href="https://videos.example/v/1"' in html


@pytest.mark.parametrize("verdict,label", [("good", "Bon exemple"), ("avoid", "À éviter"), ("neutral", "À discuter")])
def test_social_post_gives_its_verdict_in_text(verdict, label, image):
    html = _render(
        "social_post",
        {
            "network": "mastodon",
            "account_name": "Musée de l'Estuaire",
            "handle": "@musee@estuaire.example",
            "text": "Ce soir, la réserve ouvre ses portes.",
            "image": image.pk,
            "image_alt": "Des étagères de réserve",
            "date": datetime.date(2025, 5, 17),
            "verdict": verdict,
            "commentary": "<p>Accroche claire.</p>",
        },
    )

    assert f"Verdict : <strong>{label}</strong>" in html.replace("\u00a0", " ")
    assert "Mastodon" in html
    assert 'alt="Des étagères de réserve"' in html
    assert "Accroche claire." in html
    assert "17\xa0mai 2025" in html  # French dates keep the day and month together


def test_social_post_image_without_alt_text_is_rejected(image):
    block = SocialPostBlock()
    value = block.to_python(
        {
            "network": "x",
            "account_name": "M",
            "handle": "@m",
            "text": "t",
            "image": image.pk,
            "image_alt": "",
            "verdict": "good",
            "commentary": "<p>c</p>",
        }
    )

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)

    assert "image_alt" in error.value.block_errors


def test_every_block_type_has_a_preview_or_renders_in_a_lesson(client):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()
    for name, block in LessonStreamBlock().child_blocks.items():
        assert block.meta.template.startswith("lessons/blocks/"), name
        assert block.meta.description, name

    assert client.get(lesson.url).status_code == 200
