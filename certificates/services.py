"""Writes: issue, revoke, and cache the PDF of certificates."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import Storage
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core.urls import page_public_url
from course.models import ModulePage

from . import status_list
from .models import Certificate, IssuerSettings
from .tasks import certificate_pdf_schedule

if TYPE_CHECKING:
    from accounts.models import User
    from course.models import LearningPath

logger = logging.getLogger(__name__)

MINUTES_PER_HOUR = Decimal(60)
STATUS_INDEX_ATTEMPTS = 8


def issuer_settings_get() -> IssuerSettings:
    """The issuer details of the default site (created with their defaults on first use)."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return IssuerSettings()
    issuer: IssuerSettings = IssuerSettings.for_site(site)
    return issuer


def recipient_identity_hash(*, email: str, salt: str) -> str:
    """Open Badges hashed identity: "sha256$" + hex SHA-256 of the e-mail address followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()


def _course_hours(course: Page) -> Decimal:

    minutes = ModulePage.objects.child_of(course).live().aggregate(total=Sum("duration_minutes"))["total"] or 0
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01"))


def _path_hours(learning_path: LearningPath) -> Decimal:
    minutes = learning_path.path_modules.aggregate(total=Sum("module__duration_minutes"))["total"] or 0
    return (Decimal(minutes) / MINUTES_PER_HOUR).quantize(Decimal("0.01"))


def _existing(*, user: User, course: Page | None, learning_path: LearningPath | None) -> Certificate | None:
    """The learner's valid certificate for this course or path (a revoked one does not count)."""
    valid = Certificate.objects.filter(user=user, revoked_at__isnull=True)
    if learning_path is not None:
        return valid.filter(learning_path=learning_path).first()
    return valid.filter(course=course, learning_path__isnull=True).first()


def certificate_issue(
    *,
    user: User,
    course: Page | None,
    completed_at: datetime,
    score_summary: dict[str, Any] | None = None,
    learning_path: LearningPath | None = None,
) -> Certificate:
    """Issue the learner's certificate for a course (or a learning path); idempotent and race-safe.

    A learner holds one valid certificate per course and one per learning path: calling this again,
    even concurrently, returns the certificate already issued. After a revocation (a trainer's review
    withdrew the completion), completing again issues a new certificate. Name, title, hours and issuer are
    copied now and never change afterwards. The PDF is rendered by the task worker (enqueued in this
    transaction) or, without one, on first download.
    """
    if course is None and learning_path is None:
        raise ValueError("A certificate is for a course or a learning path.")
    existing = _existing(user=user, course=course, learning_path=learning_path)
    if existing is not None:
        return existing

    issuer = issuer_settings_get()
    salt = secrets.token_hex(16)
    if learning_path is not None:
        title, hours, url = learning_path.title, _path_hours(learning_path), ""
    elif course is not None:
        course = course.specific
        title, hours, url = course.title, _course_hours(course), page_public_url(course)
    else:  # refused on entry already; repeated so the type checker sees ``course`` is set
        raise ValueError("A certificate is for a course or a learning path.")
    certificate = Certificate(
        user=user,
        course=course,
        learning_path=learning_path,
        learner_name=user.get_full_name(),
        recipient_salt=salt,
        recipient_identity=recipient_identity_hash(email=user.email, salt=salt),
        course_title=title,
        course_url=url,
        completed_on=timezone.localdate(completed_at),
        hours=hours,
        score_summary=score_summary or {},
        issuer_name=issuer.organisation_name,
        signatory_name=issuer.signatory_name,
        signatory_title=issuer.signatory_title,
        issued_at=timezone.now(),
    )
    for attempt in range(STATUS_INDEX_ATTEMPTS):
        certificate.status_list_index = status_list.index_candidate()
        try:
            with transaction.atomic():
                certificate.save()
            break
        except IntegrityError:
            # Another request issued it between our check and our insert: the constraint kept one.
            existing = _existing(user=user, course=course, learning_path=learning_path)
            if existing is not None:
                return existing
            # Otherwise the random status list index was taken: draw another one.
            if attempt == STATUS_INDEX_ATTEMPTS - 1:
                raise
    logger.info("Certificate %s issued for %s", certificate.public_id, title)
    certificate_pdf_schedule(certificate=certificate)
    return certificate


def certificate_revoke(
    *, certificate: Certificate, by: User | None, reason: str, now: datetime | None = None
) -> Certificate:
    """Revoke a certificate with a reason; the learner and the verification page show it from now on."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the revocation.")})
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is None:
            locked.revoked_at = now or timezone.now()
            locked.revocation_reason = reason
            locked.revoked_by = by
            locked.save(update_fields=["revoked_at", "revocation_reason", "revoked_by"])
    certificate.refresh_from_db()
    logger.info("Certificate %s revoked", certificate.public_id)
    certificate_pdf_schedule(certificate=certificate)  # the stored PDF must say « révoqué » too
    return certificate


def certificate_pdf_get(*, certificate: Certificate) -> bytes:
    """The certificate's PDF, generated once and cached; generated again when its revoked state changed.

    Generation takes a fraction of a second (no network, no images larger than the logo), so it
    runs in the first request that asks for it rather than in a background queue. Concurrent first
    downloads used to render it several times and leave orphaned files: the certificate row is now
    locked while rendering (``select_for_update`` on PostgreSQL, the IMMEDIATE transaction's write lock
    on SQLite) and the cache checked again once the lock is held, so exactly one request renders it.
    The file is complete on disk before the row names it, and a replaced file is deleted only once
    the new name is committed.
    """
    from .pdf import certificate_pdf_render

    cached = _pdf_cached_read(certificate)
    if cached is not None:
        return cached
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        cached = _pdf_cached_read(locked)
        if cached is None:
            content = certificate_pdf_render(certificate=locked, issuer=issuer_settings_get())
            old_name = locked.pdf.name if locked.pdf else ""
            locked.pdf.save(f"{locked.public_id}.pdf", ContentFile(content), save=False)
            new_name = locked.pdf.name
            storage = locked.pdf.storage
            transaction.on_commit(lambda: _pdf_file_delete(storage, old_name, keep=new_name))
            locked.pdf_shows_revoked = locked.is_revoked
            try:
                Certificate.objects.filter(pk=locked.pk).update(pdf=new_name, pdf_shows_revoked=locked.is_revoked)
            except Exception:
                storage.delete(new_name)  # the row will not name it: no orphan
                raise
        else:
            content = cached
    certificate.pdf = locked.pdf.name
    certificate.pdf_shows_revoked = locked.pdf_shows_revoked
    return content


def _pdf_cached_read(certificate: Certificate) -> bytes | None:
    """The cached PDF when it exists and shows the current revoked state, else None."""
    if not certificate.pdf or certificate.pdf_shows_revoked != certificate.is_revoked:
        return None
    try:
        with certificate.pdf.open("rb") as handle:
            content: bytes = handle.read()
            return content
    except FileNotFoundError:
        logger.warning("Cached PDF of certificate %s is missing; generating it again", certificate.public_id)
        return None


def _pdf_file_delete(storage: Storage, name: str, *, keep: str) -> None:
    if name and name != keep:
        storage.delete(name)
