"""Management commands: create the signing key, issue a certificate by hand, verify a credential file."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from certificates.services import certificate_revoke


def test_create_signing_key_refuses_to_overwrite_without_force(settings, tmp_path):
    settings.CREDENTIAL_SIGNING_KEY_PATH = tmp_path / "new" / "key.pem"
    call_command("create_signing_key", stdout=io.StringIO())
    first = settings.CREDENTIAL_SIGNING_KEY_PATH.read_bytes()

    with pytest.raises(CommandError, match="--force"):
        call_command("create_signing_key")
    assert settings.CREDENTIAL_SIGNING_KEY_PATH.read_bytes() == first
    assert settings.CREDENTIAL_SIGNING_KEY_PATH.stat().st_mode & 0o077 == 0

    call_command("create_signing_key", "--if-missing", stdout=io.StringIO())
    assert settings.CREDENTIAL_SIGNING_KEY_PATH.read_bytes() == first

    call_command("create_signing_key", "--force", stdout=io.StringIO())
    assert settings.CREDENTIAL_SIGNING_KEY_PATH.read_bytes() != first


def test_issue_certificate_writes_pdf_and_json_and_prints_the_verification_url(learner, course, tmp_path, capsys):
    call_command("issue_certificate", "--email", learner.email.upper(), "--course", course.slug, "--output", tmp_path)

    certificate = Certificate.objects.get(user=learner)
    out = capsys.readouterr().out
    assert certificate.verification_url in out
    assert (tmp_path / f"certificat-{certificate.public_id}.pdf").read_bytes().startswith(b"%PDF")
    document = json.loads((tmp_path / f"certificat-{certificate.public_id}.json").read_text())
    assert document["proof"]["cryptosuite"] == "eddsa-rdfc-2022"


def test_issue_certificate_rejects_unknown_learner_or_course(learner, course):
    with pytest.raises(CommandError, match="No user"):
        call_command("issue_certificate", "--email", "personne@musee.test", "--course", course.slug)
    with pytest.raises(CommandError, match="No course"):
        call_command("issue_certificate", "--email", learner.email, "--course", "inconnu")
    assert not Certificate.objects.exists()


def _write(tmp_path, document):
    path = tmp_path / "credential.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def test_verify_credential_exits_0_for_a_valid_credential(certificate, tmp_path, capsys):
    from certificates.credentials import credential_signed

    call_command("verify_credential", _write(tmp_path, credential_signed(certificate=certificate)))

    assert "VALID" in capsys.readouterr().out


def test_verify_credential_fails_for_a_tampered_or_revoked_credential(certificate, trainer, tmp_path):
    from certificates.credentials import credential_signed

    document = credential_signed(certificate=certificate)
    tampered = json.loads(json.dumps(document))
    tampered["validFrom"] = "2020-01-01T00:00:00Z"
    with pytest.raises(CommandError) as tampered_error:
        call_command("verify_credential", _write(tmp_path, tampered))
    certificate_revoke(certificate=certificate, by=trainer, reason="Plagiat")
    with pytest.raises(CommandError) as revoked_error:
        call_command("verify_credential", _write(tmp_path, document))

    assert tampered_error.value.returncode == 1
    assert revoked_error.value.returncode == 1


def test_verify_credential_refuses_a_hostile_file_with_a_message(db, tmp_path):
    hostile = tmp_path / "deep.json"
    hostile.write_bytes(b"[" * 30_000 + b"]" * 30_000)

    with pytest.raises(CommandError, match=r"imbriqué|nested"):
        call_command("verify_credential", hostile)
