"""Reads of certificates, each in a fixed number of queries."""

from __future__ import annotations

from .models import Certificate


def certificates_for_user(*, user) -> list[Certificate]:
    """The learner's certificates, newest first (one query; everything shown is frozen on the row)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Certificate.objects.filter(user=user).defer("score_summary").order_by("-issued_at", "-id"))


def can_view_certificate(*, user, certificate: Certificate) -> bool:
    """The owner, trainers and administrators see a certificate's private page and downloads."""
    if not getattr(user, "is_authenticated", False):
        return False
    return certificate.user_id == user.pk or user.is_trainer


def certificate_for_viewer(*, user, public_id: str) -> Certificate | None:
    """The certificate if this user may see its private page, else None (the view answers 404)."""
    certificate = Certificate.objects.filter(public_id=public_id).first()
    if certificate is None or not can_view_certificate(user=user, certificate=certificate):
        return None
    return certificate


def certificate_for_verification(*, public_id: str) -> Certificate | None:
    """The certificate shown on the public verification page, or None if the identifier is unknown."""
    return Certificate.objects.filter(public_id=public_id).first()
