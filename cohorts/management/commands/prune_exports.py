"""Queue the deletion of trainers' background exports past their expiry date (files first, then rows).

Run daily by deploy/systemd/lumiere-prune-exports.timer. Not a dry run by default, unlike other destructive
commands: an export's expiry is announced to its owner in « Mes exports », so deleting it is the promise kept.
--dry-run only counts them.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from cohorts.export_files import export_files_prune_task
from cohorts.models import ExportFile


class Command(BaseCommand):
    help = "Queue the deletion of expired trainer exports (--dry-run: only count them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count the expired exports.")

    def handle(self, *args, dry_run=False, **options):
        expired = ExportFile.objects.filter(expires_at__lte=timezone.now()).count()
        if dry_run:
            self.stdout.write(f"{expired} expired export(s) to delete (dry run).")
            return
        export_files_prune_task.enqueue()
        self.stdout.write(self.style.SUCCESS(f"Deletion of {expired} expired export(s) queued."))
