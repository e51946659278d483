"""Reads for the trainer workspace. Every read is scoped through ``cohorts.scope`` (own cohorts + shared queue)."""

from __future__ import annotations

import string
from datetime import datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet
from django.http import Http404

from accounts.models import TRAINERS_GROUP_NAME
from accounts.scope import is_cohort_staff

from .models import Cohort, Membership, PendingInvitation
from .scope import learners_in_scope

if TYPE_CHECKING:
    from accounts.models import User

UserModel = get_user_model()

TOKEN_ALPHABET = frozenset(string.ascii_letters + string.digits + "-_")


def cohorts_visible_to(*, user: User | AnonymousUser) -> QuerySet[Cohort]:
    """Administrators see every cohort; trainers the cohorts they train; others none."""
    if not is_cohort_staff(user) or not user.is_authenticated:  # staff are signed in; the test narrows the type
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(trainers=user)


def cohort_list(*, user: User | AnonymousUser) -> QuerySet[Cohort]:
    """The visible cohorts with their learner and pending-invitation counts (one query)."""
    return cohorts_visible_to(user=user).annotate(
        learner_count=Count("memberships", distinct=True),
        pending_count=Count("pending_invitations", distinct=True),
    )


def cohort_get(*, user: User | AnonymousUser, cohort_id: int | str) -> Cohort:
    """One cohort the user may see, or 404 (never reveal that another trainer's cohort exists)."""
    try:
        return cohorts_visible_to(user=user).get(pk=int(cohort_id))
    except (Cohort.DoesNotExist, TypeError, ValueError):
        raise Http404("No such cohort.") from None


def learner_get(*, user: User | AnonymousUser, learner_id: int | str) -> User:
    """One learner the user may follow, or 404."""
    try:
        learner: User = learners_in_scope(user=user).get(pk=int(learner_id))
    except (UserModel.DoesNotExist, TypeError, ValueError):
        raise Http404("No such learner.") from None
    return learner


def cohort_members(*, cohort: Cohort) -> QuerySet[Membership]:
    """The cohort's memberships with their users, by name."""
    return cohort.memberships.select_related("user").order_by("user__full_name", "user__email", "pk")


def cohort_pending_invitations(*, cohort: Cohort) -> QuerySet[PendingInvitation]:
    """Invitations not accepted yet (expired ones included, so the trainer can see and renew them)."""
    return cohort.pending_invitations.order_by("email")


def trainer_candidates() -> QuerySet:
    """Who can be named trainer of a cohort: members of the « Formateurs » group and administrators."""
    return (
        UserModel.objects.filter(Q(is_superuser=True) | Q(groups__name=TRAINERS_GROUP_NAME), is_active=True)
        .distinct()
        .order_by("full_name", "email")
    )


def _is_token_shaped(token: str) -> bool:
    """Tokens are URL-safe base64 (``secrets.token_urlsafe``); anything else is unknown without a query."""
    return bool(token) and len(token) <= 64 and TOKEN_ALPHABET.issuperset(token)


def cohort_for_token(*, token: str) -> Cohort | None:
    """The cohort whose active invitation link carries this token."""
    if not _is_token_shaped(token):
        return None
    return Cohort.objects.filter(invitation_token=token, invitation_active=True).first()


def invitation_for_token(*, token: str) -> PendingInvitation | None:
    """The personal invitation carrying this token, with its cohort (expired ones too: the view says so)."""
    if not _is_token_shaped(token):
        return None
    return PendingInvitation.objects.select_related("cohort").filter(token=token).first()


def cohorts_activity(*, user: User | AnonymousUser, since: datetime) -> QuerySet[Cohort]:
    """The user's cohorts still running, each with its learner count and how many learners opened or finished a
    lesson since ``since`` (one query, whatever the number of cohorts or learners)."""
    recent = Q(memberships__user__lesson_progress__started_at__gte=since) | Q(
        memberships__user__lesson_progress__completed_at__gte=since
    )
    running = Q(ends_on__isnull=True) | Q(ends_on__gte=since.date())
    return (
        cohorts_visible_to(user=user)
        .filter(running)
        .annotate(
            learner_count=Count("memberships", distinct=True),
            active_count=Count("memberships__user", filter=recent, distinct=True),
        )
        .order_by("-starts_on", "name", "pk")
    )
