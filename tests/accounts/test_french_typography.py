"""allauth's own French strings read with French typography (’ and no-break spaces), like ours."""

import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db

STRAIGHT_APOSTROPHE_IN_A_WORD = re.compile(r"\w(?:'|&#x27;|&#39;)\w")


def _visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    "url_name", ["account_login", "account_reset_password_done", "account_email_verification_sent"]
)
def test_account_pages_for_visitors_use_typographic_apostrophes(client, url_name):
    text = _visible_text(client.get(reverse(url_name)))

    assert "’" in text
    assert not STRAIGHT_APOSTROPHE_IN_A_WORD.findall(text)


def test_two_factor_page_uses_typographic_apostrophes(client, learner):
    client.force_login(learner)

    text = _visible_text(client.get(reverse("mfa_index")))

    assert "d’authentification" in text
    assert not STRAIGHT_APOSTROPHE_IN_A_WORD.findall(text)


def test_the_password_reset_email_uses_typographic_apostrophes(client, learner):
    client.post(reverse("account_reset_password"), {"email": learner.email})

    message = mail.outbox[0]
    text = message.subject + message.body
    assert "’" in text
    assert not STRAIGHT_APOSTROPHE_IN_A_WORD.findall(text)
