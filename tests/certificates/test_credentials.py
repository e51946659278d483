"""Signed Open Badges 3.0 credentials: the W3C test vector, round trip, tampering, revocation."""

import copy
import hashlib
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from certificates import credentials, keys
from certificates.services import certificate_revoke
from tests.certificates.conftest import COMPLETED_AT

VECTORS = Path(__file__).parent / "vectors"
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"


def _vector(name):
    return (VECTORS / name).read_text(encoding="utf-8")


@pytest.fixture
def vector_loader():
    return credentials.document_loader({EXAMPLES_V2: json.loads(_vector("credentials-examples-v2.jsonld"))})


@pytest.fixture
def vector_key():
    raw = keys.multibase_decode(json.loads(_vector("keyPair.json"))["privateKeyMultibase"])
    assert raw[:2] == b"\x80\x26"  # multicodec ed25519-priv
    return Ed25519PrivateKey.from_private_bytes(raw[2:])


def test_w3c_test_vector_canonical_form_and_hashes_match(vector_loader):
    unsigned = json.loads(_vector("unsigned.json"))
    signed = json.loads(_vector("signedDataInt.json"))
    proof_config = {k: v for k, v in signed["proof"].items() if k != "proofValue"} | {"@context": unsigned["@context"]}

    assert credentials.canonicalize(unsigned, loader=vector_loader) == _vector("canonDocDataInt.txt")
    assert credentials.canonicalize(proof_config, loader=vector_loader) == _vector("proofCanonDataInt.txt")
    combined = credentials.hash_data(document=unsigned, proof_config=proof_config, loader=vector_loader)
    assert combined.hex() == _vector("combinedHashDataInt.txt").strip()


def test_w3c_test_vector_signature_is_reproduced_and_verifies(vector_loader, vector_key):
    unsigned = json.loads(_vector("unsigned.json"))
    expected = json.loads(_vector("signedDataInt.json"))

    signed = credentials.sign(
        unsigned,
        private_key=vector_key,
        verification_method=expected["proof"]["verificationMethod"],
        created=datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC),
        loader=vector_loader,
    )

    assert signed == expected
    assert (
        keys.public_key_multibase(vector_key.public_key()) == json.loads(_vector("keyPair.json"))["publicKeyMultibase"]
    )
    assert credentials.proof_is_valid(expected, public_key=vector_key.public_key(), loader=vector_loader)


def test_a_context_that_is_not_shipped_is_never_fetched():
    document = {"@context": ["https://example.org/evil-context"], "id": "urn:uuid:1", "name": "x"}

    with pytest.raises(credentials.CredentialError):
        credentials.canonicalize(document)


def test_issued_credential_is_an_open_badge_with_hashed_email(certificate):
    document = credentials.credential_signed(certificate=certificate)

    assert document["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert document["@context"] == [credentials.CREDENTIALS_V2, credentials.OB_V3]
    assert document["validFrom"].endswith("Z")
    assert document["issuer"]["id"] == "http://testserver/certificats/emetteur/"
    subject = document["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    email_identity = next(i for i in subject["identifier"] if i["identityType"] == "emailAddress")
    assert email_identity["hashed"] is True
    expected = "sha256$" + hashlib.sha256((certificate.user.email + email_identity["salt"]).encode()).hexdigest()
    assert email_identity["identityHash"] == expected
    assert certificate.user.email not in json.dumps(document)
    assert subject["achievement"]["criteria"]["narrative"]
    index = str(certificate.status_list_index)
    assert document["credentialStatus"] == {
        "id": f"http://testserver/certificats/emetteur/statut/#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": index,
        "statusListCredential": "http://testserver/certificats/emetteur/statut/",
    }
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"
    assert document["proof"]["proofValue"].startswith("z")
    assert document["proof"]["verificationMethod"].startswith("http://testserver/certificats/emetteur/#z6Mk")
    assert certificate.public_id not in json.dumps(document["credentialStatus"])


def test_round_trip_signs_and_verifies(certificate):
    result = credentials.credential_verify(credentials.credential_signed(certificate=certificate))

    assert result.is_valid, result.findings
    assert result.certificate == certificate


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda d: d["credentialSubject"]["identifier"][0].update(identityHash="Someone Else"), id="name"),
        pytest.param(lambda d: d.update(validFrom="2020-01-01T00:00:00Z"), id="date"),
        pytest.param(lambda d: d["credentialSubject"]["achievement"].update(name=d["name"][:-1] + "X"), id="one-char"),
        pytest.param(lambda d: d["credentialSubject"]["identifier"][1].update(salt="0" * 32), id="salt"),
        pytest.param(lambda d: d.update(description="Ajouté après coup"), id="added-field"),
        pytest.param(lambda d: d.pop("credentialStatus"), id="removed-status"),
    ],
)
def test_any_change_to_the_credential_fails_verification(certificate, tamper):
    document = credentials.credential_signed(certificate=certificate)
    tampered = copy.deepcopy(document)

    tamper(tampered)

    result = credentials.credential_verify(tampered)
    assert not result.is_valid
    assert not result.signature_valid


def test_a_revoked_certificate_fails_verification(certificate, trainer):
    document = credentials.credential_signed(certificate=certificate)
    certificate_revoke(certificate=certificate, by=trainer, reason="Plagiat constaté")

    result = credentials.credential_verify(document)

    assert result.signature_valid
    assert result.revoked is True
    assert not result.is_valid
    assert any("Plagiat constaté" in finding for finding in result.findings)


def test_a_credential_signed_with_another_key_fails(certificate):
    document = credentials.credential_signed(certificate=certificate)
    forged = credentials.sign(
        document,
        private_key=Ed25519PrivateKey.generate(),
        verification_method=document["proof"]["verificationMethod"],
    )

    result = credentials.credential_verify(forged)

    assert not result.is_valid
    assert not result.signature_valid


def test_a_credential_with_a_term_no_context_defines_is_rejected(certificate):
    """Safe mode: what wallets refuse (here the old 1EdTech status type), our verifier refuses too."""
    document = credentials.credential_build(certificate=certificate)
    document["credentialStatus"] = {
        "id": "http://testserver/certificats/emetteur/revocations/",
        "type": "1EdTechRevocationList",
    }

    with pytest.raises(credentials.CredentialError, match="1EdTechRevocationList"):
        credentials.canonicalize(document)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda d: d.update(undefinedProperty="x"), id="undefined-property"),
        pytest.param(lambda d: d["credentialSubject"].update(type=["AchievementSubject", "Unknown"]), id="type"),
        pytest.param(lambda d: d.update(id="relative/id"), id="relative-id"),
    ],
)
def test_safe_mode_refuses_what_expansion_would_drop(certificate, change):
    document = credentials.credential_build(certificate=certificate)
    change(document)

    with pytest.raises(credentials.CredentialError):
        credentials.canonicalize(document)


def test_each_certificate_gets_its_own_status_list_index(learner, course):
    from certificates.services import certificate_issue
    from tests.factories import UserFactory

    issued = [
        certificate_issue(user=user, course=course, completed_at=COMPLETED_AT)
        for user in [learner, UserFactory(), UserFactory()]
    ]

    indexes = [certificate.status_list_index for certificate in issued]
    assert all(index is not None and 0 <= index < 131_072 for index in indexes)
    assert len(set(indexes)) == 3


def test_issuer_profile_is_valid_json_ld_listing_the_key(db, signing_key):
    from certificates.services import issuer_settings_get

    profile = credentials.issuer_profile_document(issuer=issuer_settings_get(), public_keys=[signing_key.public_key()])

    nquads = credentials.canonicalize(profile)
    multibase = keys.public_key_multibase(signing_key.public_key())
    assert multibase.startswith("z6Mk")
    assert profile["assertionMethod"] == [f"http://testserver/certificats/emetteur/#{multibase}"]
    assert multibase in nquads
    assert "https://w3id.org/security#assertionMethod" in nquads


def test_a_credential_signed_before_a_key_rotation_still_verifies(certificate, client):
    from django.core.management import call_command
    from django.urls import reverse

    before = credentials.credential_signed(certificate=certificate)
    old_method = before["proof"]["verificationMethod"]

    call_command("rotate_signing_key", stdout=io.StringIO())

    after = credentials.credential_signed(certificate=certificate)
    assert after["proof"]["verificationMethod"] != old_method
    assert credentials.credential_verify(before).is_valid
    assert credentials.credential_verify(after).is_valid
    profile = client.get(reverse("certificates:issuer")).json()
    assert profile["assertionMethod"] == [after["proof"]["verificationMethod"], old_method]


def test_a_credential_signed_with_a_revoked_key_is_invalid_with_the_reason(certificate, client):
    from django.core.management import call_command
    from django.urls import reverse

    before = credentials.credential_signed(certificate=certificate)
    old_method = before["proof"]["verificationMethod"]
    call_command("rotate_signing_key", stdout=io.StringIO())

    call_command("rotate_signing_key", revoke_key=old_method, reason="Clé divulguée", apply=True, stdout=io.StringIO())

    result = credentials.credential_verify(before)
    assert not result.is_valid
    assert any("Clé divulguée" in finding for finding in result.findings)
    profile = client.get(reverse("certificates:issuer")).json()
    assert old_method not in profile["assertionMethod"]


def test_revoking_a_key_is_a_dry_run_unless_applied(certificate):
    from django.core.management import call_command

    before = credentials.credential_signed(certificate=certificate)
    call_command("rotate_signing_key", stdout=io.StringIO())

    call_command(
        "rotate_signing_key", revoke_key=before["proof"]["verificationMethod"], reason="x", stdout=io.StringIO()
    )

    assert credentials.credential_verify(before).is_valid


def test_the_current_key_cannot_be_revoked(certificate):
    from django.core.management import CommandError, call_command

    current = credentials.credential_signed(certificate=certificate)["proof"]["verificationMethod"]

    with pytest.raises(CommandError):
        call_command("rotate_signing_key", revoke_key=current, reason="x", apply=True, stdout=io.StringIO())


def test_a_status_list_index_already_taken_is_drawn_again(learner, course, monkeypatch):
    from certificates import status_list
    from certificates.services import certificate_issue
    from tests.factories import UserFactory

    first = certificate_issue(user=learner, course=course, completed_at=COMPLETED_AT)
    draws = iter([first.status_list_index, first.status_list_index, 4242])
    monkeypatch.setattr(status_list.secrets, "randbelow", lambda upper: next(draws))

    second = certificate_issue(user=UserFactory(), course=course, completed_at=COMPLETED_AT)

    assert second.pk is not None
    assert second.status_list_index == 4242
