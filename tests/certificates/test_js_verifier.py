"""Our credentials checked by Digital Bazaar's reference stack (tests/js/verify.mjs), as wallets check them.

Needs `npm ci --prefix tests/js`; skipped without node_modules unless REQUIRE_JS=1 (CI), then it fails.
"""

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from certificates import credentials, keys
from certificates.services import certificate_revoke, issuer_settings_get

pytestmark = pytest.mark.js

JS_DIR = Path(__file__).resolve().parent.parent / "js"
SECURITY_CONTEXTS = {
    "https://w3id.org/security/v1": "security-v1.jsonld",
    "https://w3id.org/security/v2": "security-v2.jsonld",
}


@pytest.fixture(scope="module", autouse=True)
def node_stack():
    node = shutil.which("node")
    if node is None or not (JS_DIR / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        if os.environ.get("REQUIRE_JS") == "1":
            pytest.fail("REQUIRE_JS=1 but node or tests/js/node_modules is missing: run npm ci --prefix tests/js")
        pytest.skip("node or tests/js/node_modules missing (npm ci --prefix tests/js)")
    return node


def published_documents(public_keys) -> dict:
    """Every document a verifier may fetch, as the site serves it now: contexts, profile, keys, status list."""
    documents = {url: credentials._context_document(url) for url in credentials.SHIPPED_CONTEXTS}
    for url, name in SECURITY_CONTEXTS.items():
        documents[url] = json.loads((JS_DIR / "contexts" / name).read_text(encoding="utf-8"))
    profile = credentials.issuer_profile_document(issuer=issuer_settings_get(), public_keys=public_keys)
    documents[profile["id"]] = profile
    for public_key in public_keys:
        key_document = credentials.multikey_document(public_key)
        documents[key_document["id"]] = key_document
    documents[credentials.status_list_url()] = credentials.status_list_credential_signed()
    return documents


def js_verify(node, tmp_path, credential, documents) -> dict:
    fixture = tmp_path / "fixture.json"
    fixture.write_text(json.dumps({"credential": credential, "documents": documents}), encoding="utf-8")
    completed = subprocess.run(
        [node, str(JS_DIR / "verify.mjs"), str(fixture)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=JS_DIR,
    )
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def test_reference_verifier_accepts_our_credential(node_stack, tmp_path, certificate):
    credential = credentials.credential_signed(certificate=certificate)

    result = js_verify(node_stack, tmp_path, credential, published_documents([keys.public_key_load()]))

    assert result == {"verified": True, "errors": [], "revoked": False}


def test_reference_verifier_rejects_an_edited_credential(node_stack, tmp_path, certificate):
    credential = copy.deepcopy(credentials.credential_signed(certificate=certificate))
    credential["credentialSubject"]["identifier"][0]["identityHash"] = "Quelqu’un d’autre"

    result = js_verify(node_stack, tmp_path, credential, published_documents([keys.public_key_load()]))

    assert result["verified"] is False
    assert result["errors"]


def test_reference_verifier_reports_a_revoked_credential_through_the_status_list(
    node_stack, tmp_path, certificate, trainer
):
    credential = credentials.credential_signed(certificate=certificate)
    certificate_revoke(certificate=certificate, by=trainer, reason="Plagiat constaté")

    result = js_verify(node_stack, tmp_path, credential, published_documents([keys.public_key_load()]))

    assert result["verified"] is True  # the signature and the status list both check out…
    assert result["revoked"] is True  # …and the list says the credential is revoked


def test_reference_verifier_rejects_the_old_undefined_status_type(
    node_stack, tmp_path, certificate, signing_key, monkeypatch
):
    """The bug of issue 13: signed over non-safe N-Quads (as the platform used to), wallets refuse it."""
    from pyld import jsonld

    unsigned = credentials.credential_build(certificate=certificate)
    unsigned["credentialStatus"] = {"id": credentials.status_list_url(), "type": "1EdTechRevocationList"}
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": credentials._default_loader}
    monkeypatch.setattr(credentials, "canonicalize", lambda document, loader=None: jsonld.normalize(document, options))
    credential = credentials.sign(
        unsigned,
        private_key=signing_key,
        verification_method=credentials.verification_method_id(signing_key.public_key()),
    )

    result = js_verify(node_stack, tmp_path, credential, published_documents([keys.public_key_load()]))

    assert result["verified"] is False
    assert any("Safe mode" in error for error in result["errors"])


def test_reference_verifier_accepts_a_credential_signed_before_a_key_rotation(node_stack, tmp_path, certificate):
    from certificates.key_rotation import published_key_multibases, signing_key_rotate

    credential = credentials.credential_signed(certificate=certificate)
    signing_key_rotate()

    result = js_verify(node_stack, tmp_path, credential, published_documents(published_key_multibases()))

    assert result == {"verified": True, "errors": [], "revoked": False}


def test_reference_verifier_accepts_a_credential_with_writing_evidence(node_stack, tmp_path, written_certificate):
    from certificates.evidence import certificate_evidence_consent_set

    certificate_evidence_consent_set(certificate=written_certificate, user=written_certificate.user, consent=True)
    credential = credentials.credential_signed(certificate=written_certificate)
    assert any(item.get("description") for item in credential["evidence"])

    result = js_verify(node_stack, tmp_path, credential, published_documents([keys.public_key_load()]))

    assert result == {"verified": True, "errors": [], "revoked": False}
