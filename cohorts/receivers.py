"""Decoupling only: when someone confirms an e-mail address, the cohorts that invited it take them in."""

from allauth.account.signals import email_confirmed
from django.dispatch import receiver

from .services import pending_invitations_accept


@receiver(email_confirmed, dispatch_uid="cohorts_pending_invitations_accept")
def _accept_pending_invitations(sender, request, email_address, **kwargs):

    pending_invitations_accept(user=email_address.user, email=email_address.email)
