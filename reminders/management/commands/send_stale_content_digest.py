"""Queue this week's e-mail listing the content past its review interval (lumiere-stale-digest.timer, weekly).

Nothing is queued when nothing is stale; the task sends each trainer or administrator one e-mail per week at most.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders.digest import stale_sections
from reminders.services import stale_content_digest_enqueue


class Command(BaseCommand):
    help = "Queue the weekly stale-content e-mail to trainers and administrators (--dry-run: list the content)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the stale content, queue nothing.")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        if dry_run:
            for section in stale_sections(today=today):
                for item in section.items:
                    self.stdout.write(f"{section.kind}: {item.title} ({item.reviewed_on or '-'})")
            return
        if stale_content_digest_enqueue(today=today):
            self.stdout.write(self.style.SUCCESS("Stale-content digest queued."))
        else:
            self.stdout.write("Nothing is stale: no e-mail.")
