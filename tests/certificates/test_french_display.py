"""The certificate reads as French: « le 1er décembre 2026 », « 11 h 10 », « 66 % » (issue 13, section 7)."""

import io
import re
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pypdf
import pytest

from certificates.models import Certificate
from certificates.services import certificate_issue, certificate_pdf_get, certificate_revoke

NBSP, NNBSP = "\u00a0", "\u202f"
FIRST_OF_DECEMBER = datetime(2026, 12, 1, 16, 30, tzinfo=ZoneInfo("Europe/Paris"))


@pytest.fixture
def certificate(learner, course):
    issued = certificate_issue(
        user=learner, course=course, completed_at=FIRST_OF_DECEMBER, score_summary={"percent": "66.00"}
    )
    # 670 minutes of modules are stored as 11.17 hours; only the display changes.
    Certificate.objects.filter(pk=issued.pk).update(hours=Decimal("11.17"))
    issued.refresh_from_db()
    return issued


def _pdf_text(certificate) -> str:
    """The page's text, spaces of every kind as one (pypdf reads a no-break space back as a space)."""
    content = certificate_pdf_get(certificate=certificate)
    return re.sub(r"[ \u00a0]+", " ", pypdf.PdfReader(io.BytesIO(content)).pages[0].extract_text())


def test_pdf_says_first_of_december_hours_and_minutes_and_percent(certificate):
    text = _pdf_text(certificate)

    assert "le 1er décembre 2026 · 11 h 10 de formation · score : 66 %" in text
    assert "11,17" not in text


def test_pdf_has_no_character_its_fonts_cannot_draw(certificate):
    """The built-in PDF fonts have no narrow no-break space: it would print as a black box."""
    assert NNBSP not in _pdf_text(certificate)
    assert "■" not in _pdf_text(certificate)


def test_pdf_of_a_revoked_certificate_dates_the_revocation_in_french(certificate, trainer):
    certificate_revoke(
        certificate=certificate, by=trainer, reason="Erreur", now=datetime(2027, 1, 1, 9, tzinfo=ZoneInfo("UTC"))
    )

    assert "RÉVOQUÉ le 1er janvier 2027" in _pdf_text(certificate)


def test_verification_page_shows_french_date_duration_and_score(client, certificate):
    html = client.get(certificate.verification_path).content.decode()

    assert f"<dd>1er{NBSP}décembre 2026</dd>" in html
    assert f"<dd>11{NBSP}h{NBSP}10</dd>" in html
    assert f"<dd>66{NNBSP}%</dd>" in html


def test_certificate_page_in_english_stays_english(client, learner, certificate):
    client.force_login(learner)
    html = client.get(certificate.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'lang="en"' in html
    assert f"<dd>December{NBSP}1, 2026</dd>" in html
    assert f"<dd>11{NBSP}h{NBSP}10{NBSP}min</dd>" in html
    assert "<dd>66%</dd>" in html


def test_revoked_certificate_page_dates_the_revocation_in_french(client, learner, trainer, certificate):
    certificate_revoke(
        certificate=certificate, by=trainer, reason="Erreur", now=datetime(2027, 1, 1, 9, tzinfo=ZoneInfo("UTC"))
    )
    client.force_login(learner)

    html = client.get(certificate.get_absolute_url()).content.decode()

    assert re.search(f"révoqué le 1er{NBSP}janvier 2027", html)


def test_credential_describes_the_duration_in_hours_and_minutes(certificate):
    from certificates.credentials import credential_build

    description = credential_build(certificate=certificate)["credentialSubject"]["achievement"]["description"]

    assert f"11{NBSP}h{NBSP}10" in description
    assert "11,17" not in description
    assert "heures" not in description
