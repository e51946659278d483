"""Certificate pages: private pages for the owner and trainers, public verification, issuer documents."""

import io
import json

import pytest
from django.urls import reverse

from certificates.credentials import credential_signed
from certificates.services import certificate_issue, certificate_revoke
from tests.certificates.conftest import COMPLETED_AT
from tests.factories import UserFactory


def _private_urls(certificate):
    return [
        certificate.get_absolute_url(),
        reverse("certificates:pdf", args=[certificate.public_id]),
        reverse("certificates:credential", args=[certificate.public_id]),
    ]


def test_owner_sees_the_certificate_page_with_downloads_and_linkedin(client, certificate):
    client.force_login(certificate.user)

    response = client.get(certificate.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert certificate.learner_name in html
    assert reverse("certificates:pdf", args=[certificate.public_id]) in html
    assert reverse("certificates:credential", args=[certificate.public_id]) in html
    linkedin = response.context["linkedin_url"]
    assert linkedin.startswith("https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&")
    assert "name=Animer+les+r%C3%A9seaux+sociaux" in linkedin
    assert f"certId={certificate.public_id}" in linkedin
    assert "issueYear=" in linkedin and "issueMonth=" in linkedin
    assert "certUrl=http%3A%2F%2Ftestserver%2Fcertificats%2Fverifier%2F" in linkedin


def test_owner_downloads_the_pdf_and_the_signed_credential(client, certificate):
    client.force_login(certificate.user)

    pdf = client.get(reverse("certificates:pdf", args=[certificate.public_id]))
    credential = client.get(reverse("certificates:credential", args=[certificate.public_id]))

    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "no-store" in pdf["Cache-Control"]
    assert credential.status_code == 200
    assert json.loads(credential.content)["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_other_learners_get_404_for_someone_elses_certificate(client, certificate, index):
    client.force_login(UserFactory())

    response = client.get(_private_urls(certificate)[index])

    assert response.status_code == 404


@pytest.mark.parametrize("index", [0, 1, 2])
def test_anonymous_visitors_are_sent_to_log_in(client, certificate, index):
    response = client.get(_private_urls(certificate)[index])

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_learners_trainer_can_open_a_learners_certificate(client, certificate, learners_trainer):
    client.force_login(learners_trainer)

    assert client.get(certificate.get_absolute_url()).status_code == 200
    assert client.get(reverse("certificates:pdf", args=[certificate.public_id])).status_code == 200


def test_a_trainer_who_does_not_follow_the_learner_gets_404(client, certificate, trainer):
    client.force_login(trainer)

    assert client.get(certificate.get_absolute_url()).status_code == 404
    assert client.get(reverse("certificates:pdf", args=[certificate.public_id])).status_code == 404
    assert client.get(reverse("certificates:credential", args=[certificate.public_id])).status_code == 404


def test_learner_sees_the_revocation_and_its_reason(client, certificate, trainer):
    certificate_revoke(certificate=certificate, by=trainer, reason="Plagiat constaté")
    client.force_login(certificate.user)

    response = client.get(certificate.get_absolute_url())

    assert "Plagiat constaté" in response.content.decode()
    assert "linkedin.com" not in response.content.decode()


def test_certificate_list_queries_do_not_grow_with_certificates(client, learner, django_assert_max_num_queries):
    from tests.factories import make_course

    client.force_login(learner)
    for n in range(1, 4):
        course = make_course(modules=1, lessons=1, title=f"Cours {n}", slug=f"cours-{n}")
        certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
    client.get(reverse("certificates:list"))  # warm caches (site root, settings)

    with django_assert_max_num_queries(8) as captured:
        response = client.get(reverse("certificates:list"))
    queries_for_three = len(captured)
    course = make_course(modules=1, lessons=1, title="Cours 4", slug="cours-4")
    certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
    client.get(reverse("certificates:list"))  # the new course changed the page tree: warm its caches again

    with django_assert_max_num_queries(queries_for_three):
        response = client.get(reverse("certificates:list"))
    assert response.content.decode().count("certificate-list__item") == 4


# Public verification ------------------------------------------------------------------------------


def test_verification_page_says_valid_and_shows_what_the_certificate_states(client, certificate):
    response = client.get(certificate.verification_path)

    assert response.status_code == 200
    html = response.content.decode()
    assert "verify-status--valid" in html
    assert certificate.learner_name in html
    assert "Animer les réseaux sociaux" in html
    assert certificate.user.email not in html


def test_verification_page_says_revoked_with_date_and_reason(client, certificate, trainer):
    certificate_revoke(certificate=certificate, by=trainer, reason="Erreur d’attribution")

    response = client.get(certificate.verification_path)

    html = response.content.decode()
    assert "verify-status--revoked" in html
    assert "verify-status--valid" not in html
    assert "Erreur d’attribution" in html


def test_verification_page_for_an_unknown_identifier_is_a_404_saying_so(client, certificate):
    response = client.get(reverse("certificates:verify", args=["x" * 32]))

    assert response.status_code == 404
    assert "verify-status--unknown" in response.content.decode()


def test_verification_is_rate_limited_per_address(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE_LIMIT = "3/m"

    statuses = [client.get(certificate.verification_path).status_code for _ in range(4)]
    other_address = client.get(certificate.verification_path, REMOTE_ADDR="10.0.0.9").status_code

    assert statuses == [200, 200, 200, 429]
    assert other_address == 200


def _upload(client, document, *, name="credential.json"):
    data = document if isinstance(document, bytes) else json.dumps(document).encode()
    upload = io.BytesIO(data)
    upload.name = name
    return client.post(reverse("certificates:verify_upload"), {"credential": upload})


def test_uploading_a_valid_credential_says_valid(client, certificate):
    response = _upload(client, credential_signed(certificate=certificate))

    assert response.status_code == 200
    assert response.context["result"].is_valid
    assert "verify-status--valid" in response.content.decode()


def test_uploading_a_tampered_credential_says_invalid(client, certificate):
    document = credential_signed(certificate=certificate)
    document["credentialSubject"]["achievement"]["name"] = "Autre formation"

    response = _upload(client, document)

    assert not response.context["result"].is_valid
    assert "verify-status--valid" not in response.content.decode()


def test_uploading_a_revoked_credential_says_revoked(client, certificate, trainer):
    document = credential_signed(certificate=certificate)
    certificate_revoke(certificate=certificate, by=trainer, reason="Plagiat")

    response = _upload(client, document)

    assert response.context["result"].revoked
    assert "verify-status--revoked" in response.content.decode()


def test_uploading_a_large_or_non_json_file_is_refused_with_a_message(client, db):
    too_large = _upload(client, b"{" + b" " * 70_000 + b"}")
    not_json = _upload(client, b"not json")

    assert too_large.status_code == 400
    assert too_large.context["form"].errors["credential"]
    assert not_json.status_code == 400
    assert not_json.context["form"].errors["credential"]


# Issuer documents ---------------------------------------------------------------------------------


def test_issuer_profile_and_key_are_published(client, db, signing_key):
    from certificates.keys import public_key_multibase

    profile = client.get(reverse("certificates:issuer")).json()
    key = client.get(reverse("certificates:issuer_key")).json()

    multibase = public_key_multibase(signing_key.public_key())
    assert profile["type"] == ["Profile"]
    assert profile["verificationMethod"][0]["publicKeyMultibase"] == multibase
    assert key["type"] == "Multikey"
    assert key["id"] == profile["assertionMethod"][0]
    assert key["controller"] == profile["id"] == "http://testserver/certificats/emetteur/"


def test_status_list_sets_only_the_bits_of_revoked_certificates(client, certificate, course, trainer):
    from certificates import credentials, status_list

    other = certificate_issue(user=UserFactory(), course=course, completed_at=COMPLETED_AT)
    certificate_revoke(certificate=other, by=trainer, reason="Erreur")

    document = client.get(reverse("certificates:status_list")).json()

    assert document["type"] == ["VerifiableCredential", "BitstringStatusListCredential"]
    subject = document["credentialSubject"]
    assert subject["type"] == "BitstringStatusList"
    assert subject["statusPurpose"] == "revocation"
    assert subject["encodedList"].startswith("u")
    bits = status_list.bitstring_decode(subject["encodedList"])
    assert len(bits) * 8 == 131_072
    assert status_list.bit_is_set(bits, other.status_list_index)
    assert not status_list.bit_is_set(bits, certificate.status_list_index)
    assert sum(bin(byte).count("1") for byte in bits) == 1
    assert credentials.proof_is_valid(document, public_key=signing_key_public(document))
    assert other.public_id not in json.dumps(document)


def signing_key_public(document):
    from certificates import keys

    return keys.public_key_from_multibase(document["proof"]["verificationMethod"].split("#", 1)[1])
