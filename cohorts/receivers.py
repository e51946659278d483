"""Decoupling only: when someone confirms an e-mail address, the cohorts that invited it take them in; when an
attempt is graded, the item analysis's stored figures are refreshed in the background."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from quizzes.signals import attempt_graded

from .analysis_refresh import analysis_refresh_on_grade
from .services import pending_invitations_accept


@receiver(email_confirmed, dispatch_uid="cohorts_pending_invitations_accept")
def _accept_pending_invitations(sender, request, email_address, **kwargs):

    pending_invitations_accept(user=email_address.user, email=email_address.email)


@receiver(attempt_graded, dispatch_uid="cohorts_item_analysis_refresh")
def _refresh_item_analysis(sender, attempt_id, quiz_id, **kwargs):
    analysis_refresh_on_grade(quiz_id=quiz_id)
