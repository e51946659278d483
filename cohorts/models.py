"""Cohorts: groups of learners followed by their trainers."""

from __future__ import annotations

import datetime
import secrets
import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certificates.models import private_storage
from core.models import SentOnceRecord

if TYPE_CHECKING:
    from accounts.models import User

# 32 random bytes = 256 bits, URL-safe (43 characters).
INVITATION_TOKEN_BYTES = 32
# How long a personal invitation (from an import) can be accepted.
INVITATION_VALIDITY = datetime.timedelta(days=30)


def invitation_token_new() -> str:
    """A fresh, unguessable invitation token."""
    return secrets.token_urlsafe(INVITATION_TOKEN_BYTES)


def invitation_expiry_default() -> datetime.datetime:
    return timezone.now() + INVITATION_VALIDITY


class Cohort(models.Model):
    """A group of learners (e.g. « Promotion 2027 – Centre des monuments nationaux ») and their trainers."""

    name = models.CharField(_("name"), max_length=200)
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts_trained", blank=True, verbose_name=_("trainers")
    )
    # The plugin cannot infer a many-to-many's types when its through model is named by a string.
    learners: models.ManyToManyField[User, Membership] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        related_name="cohorts",
        blank=True,
        verbose_name=_("learners"),
    )
    invitation_token = models.CharField(
        _("invitation token"), max_length=64, unique=True, default=invitation_token_new, editable=False
    )
    invitation_active = models.BooleanField(
        _("invitation link active"), default=True, help_text=_("Learners can join with the invitation link.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-starts_on", "name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="cohorts_cohort_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A learner in a cohort, and how they came in."""

    class Source(models.TextChoices):
        INVITATION = "invitation", _("Invitation link")
        IMPORT = "import", _("List of e-mail addresses")

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cohort_memberships")
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["cohort", "user"], name="cohorts_membership_unique")]
        indexes = [models.Index(fields=["user", "cohort"], name="cohorts_membership_user_idx")]

    def __str__(self):
        return f"{self.user} – {self.cohort}"


class PendingInvitation(models.Model):
    """An imported e-mail address invited to a cohort; it joins only when the owner of that address accepts.

    Whether the address has an account or not, an import only invites: a trainer never pulls anyone into
    a cohort (and so never reads their answers) without their consent. The invitation's personal link
    (``token``) works only for the account with this address; signing up and confirming the address accepts
    it too. Accepted invitations are deleted: the membership records the rest.
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="pending_invitations")
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(
        _("invitation token"), max_length=64, unique=True, default=invitation_token_new, editable=False
    )
    invited_at = models.DateTimeField(_("invited"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=invitation_expiry_default)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("pending invitation")
        verbose_name_plural = _("pending invitations")
        constraints = [
            models.UniqueConstraint("cohort", Lower("email"), name="cohorts_pending_invitation_unique"),
        ]

    def __str__(self):
        return self.email


class ReviewNotification(SentOnceRecord):
    """One e-mail telling a learner that a trainer reviewed their text: sent at most once per review version.

    A review is updated in place when a trainer grades it again (``reviewed_at`` moves), so the pair
    (review, reviewed_at) identifies the e-mail; the task that sends it retries safely (cohorts.notifications).
    """

    review = models.ForeignKey("quizzes.WritingReview", on_delete=models.CASCADE, related_name="notifications")
    reviewed_at = models.DateTimeField(_("reviewed at"))

    class Meta:
        verbose_name = _("review notification")
        verbose_name_plural = _("review notifications")
        constraints = [
            models.UniqueConstraint(fields=["review", "reviewed_at"], name="cohorts_review_notification_once"),
        ]

    def __str__(self):
        return f"{self.review_id} {self.reviewed_at:%Y-%m-%d %H:%M}"


def export_file_expiry_default() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.EXPORT_FILE_DAYS)


class CrisisGradeNotification(SentOnceRecord):
    """The e-mail telling a learner that a trainer graded a text of their crisis simulation: sent at most once.

    A crisis text is graded once (crisis.services.writing_choice_review refuses a second grade), so the choice
    identifies the e-mail; the task that sends it retries safely (cohorts.notifications).
    """

    choice = models.OneToOneField(
        "crisis.CrisisChoice", on_delete=models.CASCADE, related_name="grade_notification", verbose_name=_("choice")
    )

    class Meta:
        verbose_name = _("crisis grade notification")
        verbose_name_plural = _("crisis grade notifications")

    def __str__(self):
        return str(self.choice_id)


class ExportFile(models.Model):
    """A large report export written by the task worker to private storage, downloadable by its owner only.

    The row is created when the trainer asks (status PENDING); the task (``cohorts.export_files``) writes the
    file and sets READY, or FAILED with a message the trainer reads in « Mes exports ». Files and rows are
    deleted once ``expires_at`` has passed (``export_files_prune``).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Kind(models.TextChoices):
        MEMBERS = "members", _("Learners of a cohort")
        PROGRESS = "progress", _("Progress report")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_files", verbose_name=_("owner")
    )
    kind = models.CharField(_("report"), max_length=20, choices=Kind.choices)
    export_format = models.CharField(_("format"), max_length=10)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    title = models.CharField(_("title"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    file = models.FileField(
        _("file"), upload_to="exports/", storage=private_storage, blank=True, max_length=255, editable=False
    )
    size = models.PositiveBigIntegerField(_("size (bytes)"), null=True, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), default=export_file_expiry_default, db_index=True)

    class Meta:
        verbose_name = _("export file")
        verbose_name_plural = _("export files")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="cohorts_export_owner_idx")]

    def __str__(self):
        return self.title

    def is_expired(self, *, now: datetime.datetime | None = None) -> bool:
        return self.expires_at <= (now or timezone.now())
