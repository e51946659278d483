"""Cohorts: groups of learners followed by their trainers."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

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
    learners = models.ManyToManyField(
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


class AnsweredQuestion(models.Model):
    """One question of a graded attempt, as the item analysis needs it (cohorts.results, cohorts.reports).

    Written when an attempt is graded (and again when a review regrades it), so the analysis reads a few
    numbers per question instead of decoding every attempt's snapshot: 5 s at 10,000 learners before.
    """

    attempt = models.ForeignKey("quizzes.Attempt", on_delete=models.CASCADE, related_name="answered_questions")
    question_id = models.CharField(_("question"), max_length=64)
    points = models.FloatField(_("points"))
    max_points = models.FloatField(_("maximum points"))
    chosen = models.JSONField(
        _("options chosen"), null=True, blank=True, help_text=_("Labels of the options chosen (choice questions).")
    )

    class Meta:
        verbose_name = _("answered question")
        verbose_name_plural = _("answered questions")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_id"], name="cohorts_answered_question_unique")
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}"
