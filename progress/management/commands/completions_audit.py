"""List (and with --apply withdraw) completions that rest on a quiz the learner has not passed.

Completions recorded before "passed" meant "final grade at or above the pass mark" may rest on an attempt
still waiting for a trainer's review. Dry run by default; --apply withdraws them and revokes the
certificates issued on them, with the reason shown to the learner.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from progress.selectors import completions_unbacked_list, withdrawal_impact_get
from progress.services import completions_withdraw


class Command(BaseCommand):
    help = "List completions resting on a quiz not passed (final grades only); --apply withdraws them."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Withdraw them and revoke their certificates.")

    def handle(self, *args, apply=False, **options):
        found = completions_unbacked_list()
        now = timezone.now()
        users = get_user_model().objects.in_bulk({item.user_id for item in found})
        for item in found:
            user = users[item.user_id]
            impact = withdrawal_impact_get(user=user, course=item.course, quiz=item.quiz, quiz_passed=False)
            certificates = ", ".join(c.public_id for c in impact.certificates) or "-"
            self.stdout.write(f"{user.email}: {item.course.title} / {item.quiz.title}; certificates: {certificates}")
            if apply:
                with transaction.atomic():
                    completions_withdraw(
                        user=user, course=item.course, quiz=item.quiz, now=now, revocation_confirmed=True
                    )
        verb = "withdrawn" if apply else "to withdraw (dry run: add --apply)"
        self.stdout.write(self.style.SUCCESS(f"{len(found)} completion(s) {verb}."))
