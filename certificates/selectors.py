"""Reads of certificates, each in a fixed number of queries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet

from accounts.scope import is_cohort_staff, is_unrestricted, learners_in_scope

from .models import Certificate

if TYPE_CHECKING:
    from accounts.models import User


def certificates_for_user(*, user: User | AnonymousUser) -> list[Certificate]:
    """The learner's certificates, newest first (one query; everything shown is frozen on the row)."""
    if not user.is_authenticated:
        return []
    return list(Certificate.objects.filter(user=user).defer("score_summary").order_by("-issued_at", "-id"))


def certificates_visible_to(*, user: User | AnonymousUser) -> QuerySet[Certificate]:
    """Certificates a trainer may open, download and revoke: those of the learners in their scope (own
    cohorts and shared review queue, see ``accounts.scope``); administrators every one; others none."""
    if not is_cohort_staff(user):
        return Certificate.objects.none()
    if is_unrestricted(user):
        return Certificate.objects.all()
    return Certificate.objects.filter(user__in=learners_in_scope(user=user))


def can_view_certificate(*, user: User | AnonymousUser, certificate: Certificate) -> bool:
    """The owner, the trainers whose scope holds the learner, and administrators see a certificate's private
    page and downloads. Being a trainer is not enough: another cohort's certificates stay out of reach."""
    if not user.is_authenticated or not user.is_active:
        return False
    if certificate.user_id is not None and certificate.user_id == user.pk:
        return True
    return certificates_visible_to(user=user).filter(pk=certificate.pk).exists()


def certificate_for_viewer(*, user: User | AnonymousUser, public_id: str) -> Certificate | None:
    """The certificate if this user may see its private page, else None (the view answers 404)."""
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None or not can_view_certificate(user=user, certificate=certificate):
        return None
    return certificate


def certificate_for_verification(*, public_id: str) -> Certificate | None:
    """The certificate shown on the public verification page, or None if the identifier is unknown."""
    return Certificate.objects.filter(public_id=public_id).first()
