"""Signing key rotation: the current key signs, every earlier key that was not revoked stays published.

The private key is the PEM file at CREDENTIAL_SIGNING_KEY_PATH (created by `create_signing_key`);
IssuerKey rows remember the public halves of the keys used so far. Verification methods are the
issuer profile's URL with the key's Multikey value as fragment, so each key keeps a stable id.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import keys
from .models import IssuerKey


def current_public_key_multibase() -> str:
    return keys.public_key_multibase(keys.public_key_load())


def published_key_multibases() -> list[str]:
    """The keys listed in the issuer profile: the current one first, then earlier ones not revoked."""
    current = current_public_key_multibase()
    earlier = IssuerKey.objects.filter(revoked_at__isnull=True).exclude(public_key_multibase=current)
    return [current, *earlier.values_list("public_key_multibase", flat=True)]


def issuer_key_revoked_get(*, multibase: str) -> IssuerKey | None:
    return IssuerKey.objects.filter(public_key_multibase=multibase, revoked_at__isnull=False).first()


def signing_key_rotate(*, now: datetime | None = None) -> str:
    """Make a new key current; the previous one stays published (retired). Returns the new Multikey value."""
    now = now or timezone.now()
    old = current_public_key_multibase()
    with transaction.atomic():
        row, _created = IssuerKey.objects.get_or_create(public_key_multibase=old, defaults={"created_at": now})
        row.retired_at = now
        row.save(update_fields=["retired_at"])
        new_key = keys.signing_key_create(force=True)
        new = keys.public_key_multibase(new_key.public_key())
        IssuerKey.objects.create(public_key_multibase=new, created_at=now)
    return new


def issuer_key_revoke(*, key_id: str, reason: str, now: datetime | None = None) -> IssuerKey:
    """Mark a compromised key revoked: it leaves the profile and its credentials no longer verify.

    `key_id` is the Multikey value or the full verification method id. The current key cannot be
    revoked: rotate first.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for the revocation."))
    multibase = key_id.rsplit("#", 1)[-1]
    if multibase == current_public_key_multibase():
        raise ValidationError(_("This is the current signing key: rotate it first."))
    row = IssuerKey.objects.filter(public_key_multibase=multibase).first()
    if row is None:
        raise ValidationError(_("No key with this identifier was ever used by this platform."))
    if row.revoked_at is None:
        row.revoked_at = now or timezone.now()
        row.revocation_reason = reason
        row.save(update_fields=["revoked_at", "revocation_reason"])
    return row
