"""Certificates of completion and the issuing organisation's details."""

from __future__ import annotations

import secrets
import uuid
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.urls import public_url

if TYPE_CHECKING:
    from wagtail.images.models import Image


def public_id_new() -> str:
    """An unguessable identifier for public URLs: 192 random bits, URL-safe (32 characters)."""
    return secrets.token_urlsafe(24)


def private_storage() -> Storage:
    """Where generated PDFs are cached: the "private" storage (var/private/ or a bucket's private/ prefix).

    Nothing there is ever public: MEDIA_ROOT is served by the proxy and media may be readable in the bucket,
    but a certificate PDF only leaves through the views that check who is asking.
    """
    return storages["private"]


@register_setting(icon="doc-full")
class IssuerSettings(BaseSiteSetting):
    """Who issues the certificates: shown on the PDF, the verification page and the signed credential."""

    # Wagtail has no type information, so the Django plugin cannot infer the fields of its models' subclasses.
    organisation_name: models.CharField[str, str] = models.CharField(
        _("organisation name"), max_length=200, default="Lumière"
    )
    organisation_url: models.URLField[str, str] = models.URLField(_("organisation website"), blank=True)
    logo: models.ForeignKey[Image | None, Image | None] = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed at the top of the certificate. PNG or JPEG."),
    )
    signatory_name: models.CharField[str, str] = models.CharField(_("signatory's name"), max_length=150, blank=True)
    signatory_title: models.CharField[str, str] = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signature: models.ForeignKey[Image | None, Image | None] = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature on a transparent or white background."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("organisation_name"), FieldPanel("organisation_url"), FieldPanel("logo")],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [FieldPanel("signatory_name"), FieldPanel("signatory_title"), FieldPanel("signature")],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate issuer")


class Certificate(models.Model):
    """A certificate of completion of a course (or a learning path).

    Everything printed on it is frozen at issue time, so renaming the course, the learner or the
    organisation later never changes a certificate already issued. When the learner's account is
    deleted the certificate stays (user becomes NULL) so that employers can still verify it.
    """

    public_id = models.CharField(
        _("public identifier"), max_length=64, unique=True, default=public_id_new, editable=False
    )
    credential_id = models.UUIDField(
        _("credential identifier"),
        unique=True,
        default=uuid.uuid4,
        editable=False,
        help_text=_("Identifier of the signed Open Badges credential; unrelated to the public identifier."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificates",
    )
    course = models.ForeignKey(
        "course.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    learning_path = models.ForeignKey(
        "course.LearningPath",
        verbose_name=_("learning path"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    learner_name = models.CharField(_("learner's name"), max_length=255)
    recipient_identity = models.CharField(
        _("hashed e-mail address"), max_length=100, help_text=_("sha256$ of the e-mail address and the salt.")
    )
    recipient_salt = models.CharField(_("salt"), max_length=64)
    course_title = models.CharField(_("title"), max_length=255)
    course_url = models.URLField(_("course address"), max_length=500, blank=True)
    completed_on = models.DateField(_("completed on"))
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=2)
    score_summary = models.JSONField(_("score summary"), default=dict, blank=True)
    issuer_name = models.CharField(_("issuing organisation"), max_length=200)
    signatory_name = models.CharField(_("signatory's name"), max_length=150, blank=True)
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    issued_at = models.DateTimeField(_("issued at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    evidence_consent = models.BooleanField(
        _("share my writing exercises"),
        default=False,
        help_text=_("The learner agreed to include their trainer-approved writing answers in the credential."),
    )
    status_list_index = models.PositiveIntegerField(
        _("status list index"),
        null=True,
        blank=True,
        unique=True,
        editable=False,
        help_text=_("This certificate's bit in the published revocation status list (W3C Bitstring Status List)."),
    )
    pdf = models.FileField(_("PDF"), upload_to="certificates/", storage=private_storage, blank=True, editable=False)
    pdf_shows_revoked = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-id"]
        constraints = [
            # One valid certificate per course and per path; a revoked one stays on record beside a new one
            # issued when the learner completes again.
            models.UniqueConstraint(
                fields=["user", "course"],
                condition=Q(learning_path__isnull=True, revoked_at__isnull=True),
                name="certificates_one_valid_per_course",
            ),
            models.UniqueConstraint(
                fields=["user", "learning_path"],
                condition=Q(learning_path__isnull=False, revoked_at__isnull=True),
                name="certificates_one_valid_per_path",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificates_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.course_title} – {self.learner_name}"

    def get_absolute_url(self) -> str:
        """The learner's own page (downloads, LinkedIn); only its owner and trainers may open it."""
        return reverse("certificates:detail", args=[self.public_id])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def score_percent(self) -> Decimal | None:
        """The overall score printed on the certificate: score_summary["percent"], or else the mean of the
        quizzes' best scores (score_summary["quizzes"][i]["best_percent"], as progress records them)."""
        summary = self.score_summary if isinstance(self.score_summary, dict) else {}
        values = [summary.get("percent")]
        if values[0] in (None, ""):
            values = [quiz.get("best_percent") for quiz in summary.get("quizzes") or [] if isinstance(quiz, dict)]
        try:
            numbers = [Decimal(str(value)) for value in values if value not in (None, "")]
        except InvalidOperation:
            return None
        if not numbers:
            return None
        return (sum(numbers, Decimal(0)) / len(numbers)).quantize(Decimal("1"))

    @property
    def verification_path(self) -> str:
        return reverse("certificates:verify", args=[self.public_id])

    @property
    def verification_url(self) -> str:
        """The public page anyone can open to check the certificate (printed on the PDF and in the QR code)."""
        return public_url(self.verification_path)

    @property
    def credential_urn(self) -> str:
        return f"urn:uuid:{self.credential_id}"


class IssuerKey(models.Model):
    """A public signing key the platform has used, so that credentials signed before a rotation still verify.

    Only the public half is kept: the current private key lives in the PEM file at
    CREDENTIAL_SIGNING_KEY_PATH, and older private keys are destroyed by the rotation. A key marked
    revoked (compromised) leaves the issuer profile, and credentials signed with it stop verifying.
    """

    public_key_multibase = models.CharField(_("public key (Multikey)"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("first used at"))
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)

    class Meta:
        verbose_name = _("issuer key")
        verbose_name_plural = _("issuer keys")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True) | ~Q(revocation_reason=""),
                name="certificates_key_revocation_has_reason",
            ),
        ]

    def __str__(self):
        return self.public_key_multibase

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
