"""Restore a backup made by backup_site: a dry run unless --apply."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, restore_plan, site_restore


class Command(BaseCommand):
    help = "Restore DIRECTORY (from backup_site) into an empty database and empty storages. Dry run unless --apply."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument("--apply", action="store_true", help="Restore (otherwise only say what would be done).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Overwrite a database and storages that are not empty (destroys them).",
        )

    def handle(self, *args, directory, apply, replace, **options):
        try:
            plan = restore_plan(source=directory, replace=replace)
            files = ", ".join(f"{count} files to {alias!r}" for alias, count in plan.files.items())
            self.stdout.write(f"Database ({plan.database}); {files}; signing key to {plan.key or '(none in backup)'}")
            for problem in plan.problems:
                self.stderr.write(f"- {problem}")
            if plan.problems:
                raise CommandError("Nothing was restored.")
            if not apply:
                self.stdout.write("Dry run: nothing was restored (add --apply).")
                return
            site_restore(source=directory, replace=replace)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Restored {directory}"))
