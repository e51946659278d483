"""Lesson pages: the reading material of a module."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.routing import CachedViewRestrictionsMixin

from .blocks import LessonStreamBlock
from .reading import estimate_reading_minutes


class LessonPage(CachedViewRestrictionsMixin, Page):
    """A lesson: a short summary, an estimated reading time and a body of teaching blocks."""

    # Wagtail has no type information, so the Django plugin cannot infer the fields of its models' subclasses.
    summary: models.TextField[str, str] = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences shown in outlines and search results.")
    )
    reading_time: models.PositiveSmallIntegerField[int | None, int | None] = models.PositiveSmallIntegerField(
        _("reading time (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty to compute it from the text."),
    )
    computed_reading_time: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("computed reading time (minutes)"), default=1, editable=False
    )
    reviewed_on: models.DateField[datetime.date | None, datetime.date | None] = models.DateField(
        _("content checked on"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("The day a trainer last checked that the facts, figures and law in this lesson are current."),
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("reviewed_on"),
        FieldPanel("body"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("reading_time")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["course.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    @property
    def reading_minutes(self) -> int:
        """The trainer's estimate when set, otherwise the one computed from the text."""
        return self.reading_time or self.computed_reading_time

    def save(self, *args, **kwargs):
        self.computed_reading_time = estimate_reading_minutes(self.body)
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        from course import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.lesson_navigation_get(lesson=self))
        return context
