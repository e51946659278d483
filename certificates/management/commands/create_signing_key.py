"""Create the Ed25519 key that signs Open Badges credentials."""

from django.core.management.base import BaseCommand, CommandError

from certificates import keys
from certificates.credentials import verification_method_id


class Command(BaseCommand):
    help = (
        "Create the Ed25519 key that signs Open Badges credentials, as PEM at CREDENTIAL_SIGNING_KEY_PATH. "
        "Refuses to replace an existing key unless --force: credentials signed with the old key would "
        "no longer verify. To change the key, use rotate_signing_key, which keeps the old one published."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Replace an existing key.")
        parser.add_argument(
            "--if-missing", action="store_true", help="Do nothing (and succeed) when a key already exists."
        )

    def handle(self, *args, force=False, if_missing=False, **options):
        path = keys.signing_key_path()
        if if_missing and path.exists():
            self.stdout.write(f"A signing key already exists at {path}; keeping it.")
            return
        try:
            key = keys.signing_key_create(path=path, force=force)
        except keys.SigningKeyExists as exc:
            raise CommandError(f"A signing key already exists at {exc}; use --force to replace it.") from exc
        self.stdout.write(self.style.SUCCESS(f"Signing key written to {path} (keep it secret, back it up)."))
        self.stdout.write(f"Public key (Multikey): {keys.public_key_multibase(key.public_key())}")
        self.stdout.write(f"Verification method: {verification_method_id(key.public_key())}")
