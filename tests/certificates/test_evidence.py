"""Approved writing answers appear as Open Badges evidence only when the learner opts in."""

import pytest
from django.urls import reverse

from certificates import credentials
from tests.certificates.conftest import LEARNER_TEXT
from tests.factories import UserFactory, sample_question

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(written_certificate):
    return written_certificate


def _writing_evidence(document):
    return [item for item in document.get("evidence", []) if item.get("narrative") == LEARNER_TEXT]


def test_writing_answers_are_not_shared_by_default(certificate):
    document = credentials.credential_signed(certificate=certificate)

    assert certificate.evidence_consent is False
    assert _writing_evidence(document) == []
    assert LEARNER_TEXT not in str(document)


def test_after_opting_in_the_credential_carries_the_approved_answer_as_evidence(client, learner, certificate):
    client.force_login(learner)

    response = client.post(reverse("certificates:evidence", args=[certificate.public_id]), {"evidence_consent": "on"})

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.evidence_consent is True
    document = credentials.credential_signed(certificate=certificate)
    [item] = _writing_evidence(document)
    assert item["type"] == ["Evidence"]
    assert item["name"] == "Quiz d'écriture"
    assert item["description"] == sample_question("writing")[1]["prompt"]
    assert credentials.credential_verify(document).is_valid  # still safe-mode JSON-LD, still signed


def test_opting_out_again_removes_the_evidence(client, learner, certificate):
    client.force_login(learner)
    url = reverse("certificates:evidence", args=[certificate.public_id])
    client.post(url, {"evidence_consent": "on"})

    client.post(url, {})

    certificate.refresh_from_db()
    assert certificate.evidence_consent is False
    assert _writing_evidence(credentials.credential_signed(certificate=certificate)) == []


def test_only_the_owner_can_change_the_choice(client, trainer, certificate):
    url = reverse("certificates:evidence", args=[certificate.public_id])
    client.force_login(trainer)
    by_trainer = client.post(url, {"evidence_consent": "on"})
    client.force_login(UserFactory())
    by_stranger = client.post(url, {"evidence_consent": "on"})

    certificate.refresh_from_db()
    assert by_trainer.status_code == 404
    assert by_stranger.status_code == 404
    assert certificate.evidence_consent is False


def test_the_choice_needs_a_csrf_token(learner, certificate):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)

    response = client.post(reverse("certificates:evidence", args=[certificate.public_id]), {"evidence_consent": "on"})

    certificate.refresh_from_db()
    assert response.status_code == 403
    assert certificate.evidence_consent is False


def test_the_owner_sees_the_consent_checkbox_unchecked_by_default(client, learner, certificate):
    client.force_login(learner)

    html = client.get(certificate.get_absolute_url()).content.decode()

    assert 'name="evidence_consent"' in html
    assert 'name="evidence_consent" checked' not in html
