"""Back up the database, every storage (local disk or bucket) and the signing key into a new directory."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, site_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump), the stored files and the credential signing key into DIRECTORY."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A new (or empty) directory.")

    def handle(self, *args, directory, **options):
        try:
            manifest = site_backup(target=directory)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(entry["bytes"] for entry in manifest["files"].values())
        self.stdout.write(
            self.style.SUCCESS(f"Backed up {len(manifest['files'])} files ({total} bytes) to {directory}")
        )
