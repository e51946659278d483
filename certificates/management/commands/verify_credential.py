"""Check a signed Open Badges credential file: signature, issuer, dates and revocation, all locally."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates import keys, untrusted
from certificates.credentials import credential_verify


class Command(BaseCommand):
    help = "Check a credential issued by this platform. Exits 0 only when it is valid and not revoked."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The credential (JSON).")

    def handle(self, *args, file, **options):
        try:
            document = untrusted.credential_json_parse(file.read_bytes())
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc}") from exc
        except untrusted.UntrustedInputError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        try:
            result = credential_verify(document)
        except keys.SigningKeyMissing as exc:
            raise CommandError(f"No signing key at {exc}: nothing to check the signature against.") from exc
        for finding in result.findings:
            self.stdout.write(f"- {finding}")
        if result.certificate is not None and result.signature_valid:
            certificate = result.certificate
            self.stdout.write(
                f"Certificate {certificate.public_id}: {certificate.learner_name}, {certificate.course_title}, "
                f"completed on {certificate.completed_on.isoformat()}, issued by {certificate.issuer_name}"
            )
        if not result.is_valid:
            raise CommandError("INVALID: the credential is not valid.", returncode=1)
        self.stdout.write(self.style.SUCCESS("VALID: the credential is valid and has not been revoked."))
