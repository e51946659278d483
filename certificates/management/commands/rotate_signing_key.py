"""Rotate the credential signing key, or mark a compromised earlier key revoked."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from certificates import key_rotation
from certificates.credentials import verification_method_id


class Command(BaseCommand):
    help = (
        "Create a new signing key and make it current; earlier keys stay published so that the "
        "credentials they signed still verify. With --revoke-key ID --reason TEXT, mark an earlier key "
        "compromised instead (a dry run unless --apply): its credentials then fail verification."
    )

    def add_arguments(self, parser):
        parser.add_argument("--revoke-key", metavar="ID", help="Multikey value or verification method id.")
        parser.add_argument("--reason", default="", help="Why the key is revoked (shown to verifiers).")
        parser.add_argument("--apply", action="store_true", help="Really revoke the key (default: dry run).")

    def handle(self, *args, revoke_key=None, reason="", apply=False, **options):
        if revoke_key:
            self._revoke(revoke_key, reason, apply)
            return
        new = key_rotation.signing_key_rotate()
        self.stdout.write(self.style.SUCCESS(f"New signing key: {verification_method_id(new)}"))
        self.stdout.write("Earlier keys stay published in the issuer profile:")
        for multibase in key_rotation.published_key_multibases()[1:]:
            self.stdout.write(f"  {verification_method_id(multibase)}")

    def _revoke(self, key_id, reason, apply):
        if not reason.strip():
            raise CommandError("Give the reason with --reason.")
        if not apply:
            self.stdout.write(f"Dry run: would revoke {key_id} ({reason}). Add --apply to do it.")
            return
        try:
            row = key_rotation.issuer_key_revoke(key_id=key_id, reason=reason)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Revoked {verification_method_id(row.public_key_multibase)}."))
