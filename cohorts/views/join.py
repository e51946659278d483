"""Learners join a cohort through its invitation link or accept a personal invitation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from .. import selectors, services
from ..services import CohortError


@login_required
def join(request, token):
    """GET shows the cohort and a button; POST joins it. An unknown or closed link answers 404."""
    cohort = selectors.cohort_for_token(token=token)
    if cohort is None:
        raise Http404("Unknown or closed invitation link.")
    already = cohort.memberships.filter(user=request.user).exists()
    if request.method == "POST":
        try:
            _membership, created = services.cohort_join(user=request.user, cohort=cohort)
        except CohortError as error:
            messages.error(request, str(error))
            return redirect("/")
        if created:
            messages.success(request, _("You joined the cohort « %(name)s ».") % {"name": cohort.name})
        return redirect(_after_join_url())
    return render(request, "cohorts/join.html", {"cohort": cohort, "already_member": already})


@login_required
def invitation_accept(request, token):
    """A learner's personal invitation: GET shows the cohort and what joining means, POST accepts.

    Only the account with the invited address may accept (403 otherwise, naming no cohort); an unknown
    link answers 404 and an expired one says so.
    """
    invitation = selectors.invitation_for_token(token=token)
    if invitation is None:
        raise Http404("Unknown invitation.")
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except CohortError as error:
            return render(request, "cohorts/invitation.html", {"error": str(error)}, status=403)
        messages.success(request, _("You joined the cohort « %(name)s ».") % {"name": invitation.cohort.name})
        return redirect(_after_join_url())
    refusal = services.invitation_refusal(user=request.user, invitation=invitation)
    if refusal:
        return render(request, "cohorts/invitation.html", {"error": refusal}, status=403)
    return render(request, "cohorts/invitation.html", {"invitation": invitation, "cohort": invitation.cohort})


def _after_join_url() -> str:
    try:
        return reverse("progress:dashboard")
    except NoReverseMatch:  # the dashboard belongs to another app; fall back to the home page
        return "/"
