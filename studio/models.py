"""The post studio's data: learners' drafts, each network's facts and the institution's charter."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.freshness import REVIEW_INTERVAL_MONTHS, months_before

from .checker import MAX_EMOJI, Address
from .networks import NETWORKS, Counting

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


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


NETWORK_CODE_CHOICES = [(code, network.label) for code, network in NETWORKS.items()]


class PlatformFacts(models.Model):
    """What one network allows, as a trainer last checked it: the data the checker and the lessons show.

    One row per network (``code`` is unique). ``studio.selectors.network_rules_get`` turns it into the
    checker's ``NetworkRules``; saving or deleting one forgets the cached rules and the rendered lessons.
    """

    code = models.CharField(_("network"), max_length=20, choices=NETWORK_CODE_CHOICES, unique=True)
    label = models.CharField(_("name shown"), max_length=50)
    max_length = models.PositiveIntegerField(
        _("maximum text length"), help_text=_("The longest post text the network accepts, counted as below.")
    )
    counting = models.CharField(
        _("how the length is counted"),
        max_length=20,
        choices=[
            (Counting.CHARACTERS.value, _("Characters")),
            (Counting.WEIGHTED.value, _("Weighted characters (X: every link 23, emoji 2)")),
            (Counting.GRAPHEMES.value, _("Graphemes (what a reader sees as one character)")),
        ],
        default=Counting.CHARACTERS.value,
    )
    preview_cut = models.PositiveIntegerField(
        _("characters shown in the feed"),
        null=True,
        blank=True,
        help_text=_("Where the feed cuts the text before « … plus ». Leave empty if it shows the whole text."),
    )
    max_hashtags = models.PositiveSmallIntegerField(
        _("maximum hashtags"), null=True, blank=True, help_text=_("Leave empty when the network sets no limit.")
    )
    max_mentions = models.PositiveSmallIntegerField(
        _("maximum mentions"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the network sets no limit, or none is known."),
    )
    image_formats = models.CharField(
        _("image formats and ratios"), max_length=300, blank=True, help_text=_("For example: JPEG, PNG; 1:1, 4:5.")
    )
    video_max_length = models.CharField(
        _("video maximum length"), max_length=200, blank=True, help_text=_("For example: 3 min (reels).")
    )
    has_alt_text = models.BooleanField(_("images take an alternative text"), default=False)
    alt_text_how = models.CharField(
        _("how to add the alternative text"),
        max_length=300,
        blank=True,
        help_text=_("Where the option is when publishing, and its length limit."),
    )
    notes = models.TextField(
        _("notes"),
        blank=True,
        help_text=_("What varies or is uncertain (an instance's own limit, the app or the API)."),
    )
    checked_on = models.DateField(
        _("checked on"), help_text=_("The day these figures were last checked against the source.")
    )
    source_url = models.URLField(_("source address"), max_length=500)
    source_title = models.CharField(_("source title"), max_length=300)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("label"),
        MultiFieldPanel(
            [
                FieldPanel("max_length"),
                FieldPanel("counting"),
                FieldPanel("preview_cut"),
                FieldPanel("max_hashtags"),
                FieldPanel("max_mentions"),
            ],
            heading=_("Text"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("image_formats"),
                FieldPanel("video_max_length"),
                FieldPanel("has_alt_text"),
                FieldPanel("alt_text_how"),
            ],
            heading=_("Images and videos"),
        ),
        FieldPanel("notes"),
        MultiFieldPanel(
            [FieldPanel("checked_on"), FieldPanel("source_url"), FieldPanel("source_title")],
            heading=_("Freshness and source"),
        ),
    ]

    class Meta:
        verbose_name = _("platform facts")
        verbose_name_plural = _("platform facts")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label

    def is_stale(self, *, today: datetime.date) -> bool:
        """Checked longer ago than the review interval lessons follow."""
        return self.checked_on < months_before(today, REVIEW_INTERVAL_MONTHS)

    def freshness_display(self) -> StrOrPromise:
        return _("To check again") if self.is_stale(today=timezone.localdate()) else _("Up to date")

    freshness_display.short_description = _("freshness")  # type: ignore[attr-defined]


@register_setting(icon="edit")
class CharterSettings(BaseSiteSetting):
    """The institution's editorial charter (« Charte éditoriale »): what the post checker holds drafts to."""

    # Wagtail has no type information, so the Django plugin cannot infer the fields of its models' subclasses.
    address: models.CharField[str, str] = models.CharField(
        _("address the public as"),
        max_length=4,
        choices=[(Address.VOUS.value, _("« vous »")), (Address.TU.value, _("« tu »"))],
        default=Address.VOUS.value,
    )
    credit_format: models.TextField[str, str] = models.TextField(
        _("credit format"),
        blank=True,
        default="Artiste, Titre de l’œuvre, date. © ayants droit ou « domaine public ». Photo : nom du photographe.",
        help_text=_("Shown to learners as the model of a credit line."),
    )
    credit_requires_date: models.BooleanField[bool, bool] = models.BooleanField(
        _("the credit gives the work's date"), default=True
    )
    credit_requires_rights: models.BooleanField[bool, bool] = models.BooleanField(
        _("the credit gives © or « domaine public »"), default=True
    )
    credit_requires_photographer: models.BooleanField[bool, bool] = models.BooleanField(
        _("the credit names the photographer"), default=True
    )
    no_all_caps: models.BooleanField[bool, bool] = models.BooleanField(
        _("no words in capitals"), default=True, help_text=_("Flag posts with words written in capitals.")
    )
    max_emoji: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("maximum emoji"), default=MAX_EMOJI, help_text=_("Beyond this number of emoji the checker warns.")
    )

    panels = [
        FieldPanel("address"),
        FieldPanel("no_all_caps"),
        FieldPanel("max_emoji"),
        MultiFieldPanel(
            [
                FieldPanel("credit_format"),
                FieldPanel("credit_requires_date"),
                FieldPanel("credit_requires_rights"),
                FieldPanel("credit_requires_photographer"),
            ],
            heading=_("Credit line"),
            help_text=_("The artist and the title are always asked for; the checker cannot recognise them."),
        ),
    ]

    class Meta:
        verbose_name = _("editorial charter")
