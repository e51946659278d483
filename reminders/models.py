"""What the reminders remember: who opted out, and which e-mails were already sent (so reruns send nothing more)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import SentOnceRecord


class ReminderPreference(models.Model):
    """A learner's choice about inactivity reminders; no row means the default (reminders on)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference", verbose_name=_("user")
    )
    reminders_enabled = models.BooleanField(_("receive reminder e-mails"), default=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return f"{self.user_id}: {self.reminders_enabled}"


class InactivityReminder(SentOnceRecord):
    """One reminder per inactivity period: the period is identified by the learner's last activity before it.

    A learner who comes back and then stops again has a newer ``activity_at``, hence a new period and at most one
    new e-mail; the unique constraint makes a rerun or a duplicated task send nothing more.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inactivity_reminders", verbose_name=_("user")
    )
    activity_at = models.DateTimeField(_("last activity before the reminder"))

    class Meta:
        verbose_name = _("inactivity reminder")
        verbose_name_plural = _("inactivity reminders")
        constraints = [models.UniqueConstraint(fields=["user", "activity_at"], name="reminders_once_per_period")]

    def __str__(self):
        return f"{self.user_id} {self.activity_at:%Y-%m-%d}"


class StaleContentDigest(SentOnceRecord):
    """The weekly stale-content e-mail sent to one trainer or editor for one week (Monday's date)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stale_content_digests", verbose_name=_("user")
    )
    week = models.DateField(_("week"))

    class Meta:
        verbose_name = _("stale-content digest")
        verbose_name_plural = _("stale-content digests")
        constraints = [models.UniqueConstraint(fields=["user", "week"], name="reminders_digest_once_a_week")]

    def __str__(self):
        return f"{self.user_id} {self.week}"
