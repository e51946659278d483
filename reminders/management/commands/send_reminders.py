"""Queue today's inactivity reminders (deploy/systemd/lumiere-reminders.timer runs it daily).

Safe to run again: a learner already reminded for their current period of inactivity is not selected, and the
task itself sends at most one e-mail per period. --dry-run lists who would be reminded.
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from reminders.selectors import learners_to_remind
from reminders.services import reminders_enqueue


class Command(BaseCommand):
    help = "Queue one reminder e-mail per inactive learner with an unfinished course (--dry-run: list them)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List the learners, queue nothing.")

    def handle(self, *args, dry_run=False, **options):
        now = timezone.now()
        if dry_run:
            learners = learners_to_remind(now=now, inactive_days=settings.REMINDER_INACTIVE_DAYS)
            for learner in learners:
                self.stdout.write(f"{learner.email}: last activity {learner.last_activity:%Y-%m-%d %H:%M}")
            self.stdout.write(
                f"{len(learners)} learner(s) to remind (dry run; unfinished courses are checked when sending)."
            )
            return
        queued = reminders_enqueue(now=now)
        self.stdout.write(self.style.SUCCESS(f"{queued} reminder(s) queued."))
