"""The PDF certificate: content read back with pypdf, long names, caching, revocation."""

import io
import re

import pypdf
from django.utils import translation
from django.utils.translation import gettext

from certificates.models import Certificate
from certificates.pdf import PAGE_WIDTH
from certificates.services import certificate_issue, certificate_pdf_get, certificate_revoke
from tests.certificates.conftest import COMPLETED_AT
from tests.factories import UserFactory


def _pages(content: bytes) -> list[pypdf.PageObject]:
    return pypdf.PdfReader(io.BytesIO(content)).pages


def _text(content: bytes) -> str:
    return " ".join(re.sub(r"\s+", " ", page.extract_text()) for page in _pages(content))


def test_pdf_is_one_a4_landscape_page_with_name_course_and_verification_url(certificate):
    content = certificate_pdf_get(certificate=certificate)

    assert content.startswith(b"%PDF")
    pages = _pages(content)
    assert len(pages) == 1
    assert (round(float(pages[0].mediabox.width)), round(float(pages[0].mediabox.height))) == (842, 595)
    text = _text(content)
    assert certificate.learner_name in text
    assert "Animer les réseaux sociaux" in text
    assert certificate.verification_url in text
    assert "14 mars 2026" in text


def test_french_characters_survive_in_the_pdf(course):
    learner = UserFactory(full_name="Françoise Lœwy-Gaëlle d’Aubigné")
    certificate = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)

    text = _text(certificate_pdf_get(certificate=certificate))

    assert "Françoise Lœwy-Gaëlle d’Aubigné" in text
    assert ("«" in text and "»" in text) or "“" in text


def test_a_120_character_name_shrinks_to_fit_the_page(course):
    name = ("Marie-Antoinette Joséphine Eugénie de la Tour d’Auvergne-Lauraguais " * 2)[:120].strip()
    certificate = certificate_issue(user=UserFactory(full_name=name), course=course, completed_at=COMPLETED_AT)
    content = certificate_pdf_get(certificate=certificate)
    spans = []

    def visitor(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + cm[4]
            spans.append((text, x, font_size * tm[0]))

    _pages(content)[0].extract_text(visitor_text=visitor)

    assert name in _text(content).replace("\n", " ")
    name_spans = [(text, x, size) for text, x, size in spans if text.strip() and text.strip() in name]
    assert name_spans, spans
    for _text_span, x, _size in name_spans:
        assert 0 < x < PAGE_WIDTH
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for text, x, size in name_spans:
        assert x + stringWidth(text, "Times-Bold", size) <= PAGE_WIDTH, (text, x, size)


def test_pdf_is_generated_once_then_served_from_the_cache(certificate):
    first = certificate_pdf_get(certificate=certificate)
    certificate.refresh_from_db()
    name = certificate.pdf.name

    second = certificate_pdf_get(certificate=certificate)

    certificate.refresh_from_db()
    assert certificate.pdf.name == name
    assert second == first
    assert not name.startswith("/") and "certificates/" in name


def test_pdf_is_generated_again_once_the_certificate_is_revoked(certificate, trainer):
    before = certificate_pdf_get(certificate=certificate)

    certificate_revoke(certificate=certificate, by=trainer, reason="Erreur d’attribution")
    after = certificate_pdf_get(certificate=Certificate.objects.get(pk=certificate.pk))

    with translation.override("fr"):
        revoked_word = gettext("REVOKED")
    assert revoked_word not in _text(before)
    assert revoked_word in _text(after)
    assert Certificate.objects.get(pk=certificate.pk).pdf_shows_revoked
