"""A learner's drafts in the post studio."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PostDraft(models.Model):
    """The latest version of a learner's post for one exercise, so she can come back and improve it.

    The page link is SET_NULL with the lesson's title kept, so deleting a lesson does not erase her work.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="post_drafts")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+")
    page_title = models.CharField(_("lesson title"), max_length=255)
    exercise_key = models.CharField(max_length=32)
    text = models.TextField(_("post text"), max_length=5000)
    alt_text = models.TextField(_("alternative text"), max_length=1000, blank=True)
    credit = models.CharField(_("credit line"), max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("post draft")
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "exercise_key"], name="studio_one_draft_per_exercise")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} – {self.page_title}"
