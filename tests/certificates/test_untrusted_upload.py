"""The public credential upload never runs long and never answers 500 (issue 14, section 1)."""

import copy
import io
import json
import time

import pytest
from django.urls import reverse

from certificates import credentials
from certificates.credentials import credential_signed


def _upload(client, data: bytes):
    upload = io.BytesIO(data)
    upload.name = "credential.json"
    return client.post(reverse("certificates:verify_upload"), {"credential": upload})


def _poison_document() -> dict:
    """The 1.6 KB document of the issue: an @graph of 8 blank nodes, each linked to all the others."""
    names = [f"_:b{i}" for i in range(8)]
    return {
        "@context": {"p": {"@id": "http://example.org/p", "@type": "@id"}},
        "@graph": [{"@id": name, "p": [other for other in names if other != name]} for name in names],
    }


def _errors(response) -> str:
    return " ".join(str(error) for error in response.context["form"].errors["credential"])


def test_the_poison_document_is_refused_in_under_a_second(client, db):
    data = json.dumps(_poison_document()).encode()
    assert len(data) < 2_000

    started = time.perf_counter()
    response = _upload(client, data)
    elapsed = time.perf_counter() - started

    assert response.status_code == 400
    assert "contextes" in _errors(response)
    assert elapsed < 1


def test_the_poison_graph_is_refused_by_canonicalisation_itself_in_under_a_second():
    """Even past the shape check, RDFC-1.0 gives up instead of running for minutes."""
    started = time.perf_counter()
    with pytest.raises(credentials.CredentialError):
        credentials.canonicalize(_poison_document())

    assert time.perf_counter() - started < 1


def test_a_graph_inside_an_otherwise_well_shaped_credential_is_refused(client, certificate):
    document = copy.deepcopy(credential_signed(certificate=certificate))
    document["credentialSubject"]["@graph"] = _poison_document()["@graph"]

    response = _upload(client, json.dumps(document).encode())

    assert response.status_code == 400
    assert "@graph" in _errors(response)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(b"[" * 30_000 + b"]" * 30_000, "imbriqué", id="30000-deep"),
        pytest.param(b'{"n": ' + b"9" * 60_001 + b"}", "nombre", id="60001-digit-number"),
        pytest.param(b'{"n": NaN}', "JSON", id="nan"),
    ],
)
def test_hostile_json_gets_a_clear_french_400(client, db, data, expected):
    response = _upload(client, data)

    assert response.status_code == 400
    assert expected in _errors(response)


def test_a_900_deep_credential_subject_gets_a_clear_french_400(client, certificate):
    document = credential_signed(certificate=certificate)
    nested = {}
    for _ in range(900):
        nested = {"achievement": nested}
    document["credentialSubject"] = nested

    response = _upload(client, json.dumps(document).encode())

    assert response.status_code == 400
    assert "imbriqué" in _errors(response)


def test_a_credential_with_a_foreign_context_is_refused(client, certificate):
    document = credential_signed(certificate=certificate)
    document["@context"] = [*document["@context"], "https://example.org/context.jsonld"]

    response = _upload(client, json.dumps(document).encode())

    assert response.status_code == 400
    assert "contextes" in _errors(response)


def test_a_credential_with_too_many_anonymous_nodes_is_refused(client, certificate):
    document = credential_signed(certificate=certificate)
    document["credentialSubject"]["achievement"]["alignment"] = [{"targetName": str(i)} for i in range(40)]

    response = _upload(client, json.dumps(document).encode())

    assert response.status_code == 400
    assert "anonymes" in _errors(response)


def test_our_own_credential_passes_the_bounds(client, certificate):
    response = _upload(client, json.dumps(credential_signed(certificate=certificate)).encode())

    assert response.status_code == 200
    assert response.context["result"].is_valid
