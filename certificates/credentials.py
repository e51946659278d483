"""Open Badges 3.0 credentials: build, sign and verify with the eddsa-rdfc-2022 Data Integrity cryptosuite.

Signing follows W3C "Data Integrity EdDSA Cryptosuites v1.0", section 3.3 (eddsa-rdfc-2022):
the document (without its proof) and the proof configuration are each canonicalised with
RDFC-1.0 (pyld's URDNA2015, the same algorithm), hashed with SHA-256, and the two hashes
concatenated (proof configuration first) are signed with Ed25519. The signature is stored as
multibase base58btc in proof.proofValue. JSON-LD contexts are read from files shipped in
certificates/contexts/: nothing is fetched from the network, and a credential that names any
other context cannot be verified.
"""

from __future__ import annotations

import copy
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from cachetools import LRUCache
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from core.formatting import hours_display
from core.urls import public_url

from . import canonical, key_rotation, keys, status_list, untrusted
from .evidence import writing_evidence_list
from .models import Certificate

CONTEXTS_DIR = Path(__file__).resolve().parent / "contexts"
CREDENTIALS_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"
SHIPPED_CONTEXTS = {
    CREDENTIALS_V2: "credentials-v2.jsonld",
    OB_V3: "ob-v3p0-context-3.0.3.json",
    DID_V1: "did-v1.jsonld",
    MULTIKEY_V1: "multikey-v1.jsonld",
}
CREDENTIAL_CONTEXTS = [CREDENTIALS_V2, OB_V3]
CRYPTOSUITE = "eddsa-rdfc-2022"
STATUS_ENTRY_TYPE = "BitstringStatusListEntry"


class CredentialError(ValueError):
    """The credential cannot be checked (not JSON-LD we understand, unknown context, no proof…)."""


@cache
def _context_document(url: str) -> dict:
    return json.loads((CONTEXTS_DIR / SHIPPED_CONTEXTS[url]).read_text(encoding="utf-8"))


def document_loader(extra: dict[str, dict] | None = None):
    """A pyld document loader that serves only the shipped contexts (plus `extra`, for test vectors)."""
    extra = extra or {}

    def load(url: str, options=None) -> dict:
        if url in extra:
            document = extra[url]
        elif url in SHIPPED_CONTEXTS:
            document = _context_document(url)
        else:
            raise jsonld.JsonLdError(
                f"Context {url} is not shipped with Lumière; refusing to fetch it.",
                "jsonld.LoadDocumentError",
                code="loading document failed",
            )
        return {"contextUrl": None, "documentUrl": url, "document": copy.deepcopy(document)}

    return load


_default_loader = document_loader()
# pyld caches resolved contexts in a cache shared by every loader unless given a resolver of its own.
_default_resolver = ContextResolver(LRUCache(maxsize=32), _default_loader)


def canonicalize(document: dict, *, loader=None) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, in safe mode (as wallets canonicalise)."""
    if loader is None:
        loader, resolver = _default_loader, _default_resolver
    else:
        resolver = ContextResolver(LRUCache(maxsize=32), loader)
    options = {"documentLoader": loader, "contextResolver": resolver}
    try:
        return canonical.canonicalize_safe(document, options=options)
    except canonical.UnsafeJsonLd as exc:
        raise CredentialError(
            _("The credential uses terms that none of its contexts defines (JSON-LD safe mode): %(detail)s")
            % {"detail": exc}
        ) from exc
    except canonical.CanonicalisationTooComplex as exc:
        raise CredentialError(_("The credential is too complex to be checked.")) from exc
    except jsonld.JsonLdError as exc:
        raise CredentialError(_("The credential is not JSON-LD this platform can read.")) from exc


def hash_data(*, document: dict, proof_config: dict, loader=None) -> bytes:
    """SHA-256(canonical proof configuration) followed by SHA-256(canonical document)."""
    proof_hash = hashlib.sha256(canonicalize(proof_config, loader=loader).encode()).digest()
    document_hash = hashlib.sha256(canonicalize(document, loader=loader).encode()).digest()
    return proof_hash + document_hash


def sign(
    document: dict,
    *,
    private_key: Ed25519PrivateKey,
    verification_method: str,
    created: datetime | None = None,
    loader=None,
) -> dict:
    """Return a copy of the document with an embedded eddsa-rdfc-2022 DataIntegrityProof."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    created = (created or timezone.now()).astimezone(UTC).replace(microsecond=0)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    proof_config = {**proof, "@context": unsecured["@context"]}
    signature = private_key.sign(hash_data(document=unsecured, proof_config=proof_config, loader=loader))
    return {**unsecured, "proof": {**proof, "proofValue": keys.multibase_encode(signature)}}


def proof_is_valid(document: dict, *, public_key: Ed25519PublicKey, loader=None) -> bool:
    """Check the document's eddsa-rdfc-2022 proof with the given public key (any change makes it fail)."""
    proof = document.get("proof")
    if not isinstance(proof, dict):
        raise CredentialError(_("The credential has no proof (or more than one)."))
    if proof.get("type") != "DataIntegrityProof" or proof.get("cryptosuite") != CRYPTOSUITE:
        raise CredentialError(_("The proof is not an eddsa-rdfc-2022 Data Integrity proof."))
    if proof.get("proofPurpose") != "assertionMethod":
        raise CredentialError(_("The proof is not meant for assertions."))
    try:
        signature = keys.multibase_decode(str(proof.get("proofValue", "")))
    except ValueError as exc:
        raise CredentialError(_("The proof value is not base58btc multibase.")) from exc
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" not in unsecured:
        raise CredentialError(_("The credential has no @context."))
    proof_config = {k: v for k, v in proof.items() if k != "proofValue"}
    proof_config["@context"] = unsecured["@context"]
    data = hash_data(document=unsecured, proof_config=proof_config, loader=loader)
    try:
        public_key.verify(signature, data)
    except InvalidSignature:
        return False
    return True


# Lumière's issuer, key and credentials ------------------------------------------------------------


def issuer_url() -> str:
    return public_url(reverse("certificates:issuer"))


def status_list_url() -> str:
    """The stable URL of the signed BitstringStatusListCredential (one list for every certificate)."""
    return public_url(reverse("certificates:status_list"))


def _multibase(public_key: Ed25519PublicKey | str) -> str:
    return public_key if isinstance(public_key, str) else keys.public_key_multibase(public_key)


def verification_method_id(public_key: Ed25519PublicKey | str) -> str:
    """The key's id: the issuer profile's URL with the key's multibase as fragment (stable across rotations)."""
    return f"{issuer_url()}#{_multibase(public_key)}"


def multikey_document(public_key: Ed25519PublicKey | str) -> dict:
    """The public key as a Multikey (W3C Controlled Identifiers), controlled by the issuer profile."""
    return {
        "@context": MULTIKEY_V1,
        "id": verification_method_id(public_key),
        "type": "Multikey",
        "controller": issuer_url(),
        "publicKeyMultibase": _multibase(public_key),
    }


def issuer_profile_document(*, issuer, public_keys: Sequence[Ed25519PublicKey | str]) -> dict:
    """The issuer's OB 3.0 Profile, listing every key whose credentials still verify (current key first)."""
    methods = [{k: v for k, v in multikey_document(key).items() if k != "@context"} for key in public_keys]
    profile = {
        "@context": [CREDENTIALS_V2, OB_V3, DID_V1, MULTIKEY_V1],
        "id": issuer_url(),
        "type": ["Profile"],
        "name": issuer.organisation_name,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
    if issuer.organisation_url:
        profile["url"] = issuer.organisation_url
    return profile


def status_entry(*, certificate: Certificate) -> dict:
    """The credential's BitstringStatusListEntry: which bit of the published list says it is revoked."""
    index = str(certificate.status_list_index)
    return {
        "id": f"{status_list_url()}#{index}",
        "type": STATUS_ENTRY_TYPE,
        "statusPurpose": status_list.STATUS_PURPOSE,
        "statusListIndex": index,
        "statusListCredential": status_list_url(),
    }


def status_list_credential_build(*, revoked_indexes: list[int], now: datetime | None = None) -> dict:
    """The unsigned BitstringStatusListCredential with the given bits set (the revoked certificates)."""
    return {
        "@context": [CREDENTIALS_V2],
        "id": status_list_url(),
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_url(),
        "validFrom": _xsd_datetime(now or timezone.now()),
        "credentialSubject": {
            "id": f"{status_list_url()}#list",
            "type": "BitstringStatusList",
            "statusPurpose": status_list.STATUS_PURPOSE,
            "encodedList": status_list.bitstring_encode(revoked_indexes),
        },
    }


def status_list_credential_signed(*, now: datetime | None = None) -> dict:
    """The status list as it stands now (revocations included), signed with the current key."""
    private_key = keys.signing_key_load()
    now = now or timezone.now()
    return sign(
        status_list_credential_build(revoked_indexes=status_list.revoked_indexes(), now=now),
        private_key=private_key,
        verification_method=verification_method_id(private_key.public_key()),
        created=now,
    )


def _xsd_datetime(value: datetime) -> str:
    return value.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def credential_build(*, certificate: Certificate) -> dict:
    """The unsigned OpenBadgeCredential stating what the certificate states (in French)."""
    with translation.override("fr"):
        achievement_id = certificate.course_url or (
            f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, issuer_url() + '/' + certificate.course_title)}"
        )
        duration = hours_display(certificate.hours or 0, language="fr")
        achievement = {
            "id": achievement_id,
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": certificate.course_title,
            "description": _("Course of about %(duration)s by %(issuer)s for museums' social media teams.")
            % {"duration": duration, "issuer": certificate.issuer_name},
            "criteria": {"narrative": _("Completed every module of the course and passed its quizzes.")},
        }
        credential: dict[str, Any] = {
            "@context": list(CREDENTIAL_CONTEXTS),
            "id": certificate.credential_urn,
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": certificate.course_title,
            "issuer": {"id": issuer_url(), "type": ["Profile"], "name": certificate.issuer_name},
            "validFrom": _xsd_datetime(certificate.issued_at),
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": [
                    {
                        "type": "IdentityObject",
                        "identityHash": certificate.learner_name,
                        "identityType": "name",
                        "hashed": False,
                    },
                    {
                        "type": "IdentityObject",
                        "identityHash": certificate.recipient_identity,
                        "identityType": "emailAddress",
                        "hashed": True,
                        "salt": certificate.recipient_salt,
                    },
                ],
                "achievement": achievement,
                "activityEndDate": certificate.completed_on.isoformat() + "T00:00:00Z",
            },
            "credentialStatus": status_entry(certificate=certificate),
        }
        evidence = [item for item in (certificate.score_summary or {}).get("evidence") or [] if isinstance(item, dict)]
        if certificate.evidence_consent:
            evidence += writing_evidence_list(certificate=certificate)
        if evidence:
            credential["evidence"] = [
                {
                    "type": ["Evidence"],
                    **{k: str(v) for k, v in item.items() if k in {"id", "name", "description", "narrative"} and v},
                }
                for item in evidence
            ]
    return credential


def credential_signed(*, certificate: Certificate, now: datetime | None = None) -> dict:
    """The certificate as a signed OpenBadgeCredential, ready to download."""
    private_key = keys.signing_key_load()
    return sign(
        credential_build(certificate=certificate),
        private_key=private_key,
        verification_method=verification_method_id(private_key.public_key()),
        created=now,
    )


@dataclass
class Verification:
    """What a verification found. `is_valid` only for a good signature by our key, unrevoked, in force."""

    signature_valid: bool = False
    revoked: bool | None = None
    certificate: Certificate | None = None
    findings: list[str] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.signature_valid and self.revoked is False and self.certificate is not None


def credential_verify(document: object, *, now: datetime | None = None) -> Verification:
    """Check a credential issued by this platform: signature, issuer, key, dates and revocation (locally)."""
    result = Verification()
    try:
        credential = untrusted.credential_shape_check(document, contexts=CREDENTIAL_CONTEXTS)
    except untrusted.UntrustedInputError as exc:
        result.findings.append(str(exc))
        return result
    proof = credential.get("proof")
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    prefix = f"{issuer_url()}#"
    multibase = method.removeprefix(prefix) if isinstance(method, str) and method.startswith(prefix) else None
    revoked_key = key_rotation.issuer_key_revoked_get(multibase=multibase) if multibase else None
    if revoked_key is not None:
        result.findings.append(
            _("The credential was signed with a key this platform revoked on %(date)s: %(reason)s")
            % {
                "date": timezone.localtime(revoked_key.revoked_at).date().isoformat(),
                "reason": revoked_key.revocation_reason,
            }
        )
        return result
    if multibase is None or multibase not in key_rotation.published_key_multibases():
        result.findings.append(_("The credential is not signed with this platform's key."))
        return result
    public_key = keys.public_key_from_multibase(multibase)
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != issuer_url():
        result.findings.append(_("The credential was not issued by this platform."))
        return result
    try:
        result.signature_valid = proof_is_valid(credential, public_key=public_key)
    except CredentialError as exc:
        result.findings.append(str(exc))
        return result
    if not result.signature_valid:
        result.findings.append(_("The signature does not match: the credential has been altered."))
        return result
    result.findings.append(_("The signature is valid."))

    now = now or timezone.now()
    valid_from = parse_xsd_datetime(credential.get("validFrom"))
    if valid_from is None or valid_from > now:
        result.signature_valid = False
        result.findings.append(_("The credential is not valid yet."))
    valid_until = parse_xsd_datetime(credential.get("validUntil"))
    if valid_until is not None and valid_until < now:
        result.signature_valid = False
        result.findings.append(_("The credential has expired."))

    status = credential.get("credentialStatus")
    if (
        not isinstance(status, dict)
        or status.get("type") != STATUS_ENTRY_TYPE
        or status.get("statusPurpose") != status_list.STATUS_PURPOSE
        or status.get("statusListCredential") != status_list_url()
    ):
        result.findings.append(_("The credential does not say where its revocation status is published."))
        return result
    credential_id = str(credential.get("id", ""))
    try:
        credential_uuid = uuid.UUID(credential_id.removeprefix("urn:uuid:"))
    except ValueError:
        result.findings.append(_("The credential's identifier is not one this platform issues."))
        return result
    result.certificate = Certificate.objects.filter(credential_id=credential_uuid).first()
    if result.certificate is None:
        result.findings.append(_("This platform has no record of the credential."))
        return result
    index = result.certificate.status_list_index
    if index is None or str(index) != status.get("statusListIndex"):
        result.findings.append(_("The credential's revocation status entry is not the one this platform gave it."))
        result.certificate = None
        return result
    # Read the bit from the list exactly as it is published, so that we check what wallets check.
    published = status_list.bitstring_decode(
        status_list_credential_build(revoked_indexes=status_list.revoked_indexes(), now=now)["credentialSubject"][
            "encodedList"
        ]
    )
    result.revoked = status_list.bit_is_set(published, index)
    if result.revoked:
        result.findings.append(
            _("The certificate was revoked on %(date)s: %(reason)s")
            % {
                "date": timezone.localtime(result.certificate.revoked_at).date().isoformat(),
                "reason": result.certificate.revocation_reason,
            }
        )
    else:
        result.findings.append(_("The certificate has not been revoked."))
    return result


def parse_xsd_datetime(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
