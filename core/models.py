"""The site's home page and information pages, and the abstract record of e-mails sent once."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

HOME_PAGE_CONTEXT_HOOK = "construct_home_page_context"
"""Hook name: functions ``(request, context)`` that add to the home page's template context."""


class SentOnceRecord(models.Model):
    """An e-mail sent at most once for the key its concrete model makes unique (see ``core.mail.send_once``)."""

    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        abstract = True


class HomePage(Page):
    """Root of the public site: what Lumière is, for whom, and where to start."""

    # Wagtail has no type information, so the Django plugin cannot infer the fields of its models' subclasses.
    intro: models.TextField[str, str] = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown under the title on the home page.")
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["course.CourseIndexPage", "core.InfoPage"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Apps above core add their part of the home page (the learner's « Reprendre » card comes from
        progress) through the ``construct_home_page_context`` hook, so core imports none of them."""
        context = super().get_context(request, *args, **kwargs)
        for contribute in hooks.get_hooks(HOME_PAGE_CONTEXT_HOOK):
            contribute(request, context)
        return context

    def route(self, request, path_components):
        """Find the page in one lookup by URL path rather than one query per level (see core.routing)."""
        from .routing import descendant_route_get

        if not path_components:
            return super().route(request, path_components)
        found = descendant_route_get(root=self, path_components=path_components)
        if found is None:
            raise Http404
        page, remaining = found
        return page.route(request, remaining)


INFO_PAGE_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


class InfoPage(Page):
    """A site-wide page a site manager keeps up to date: legal notice, accessibility statement, personal data,
    contact. Pages shown in menus are linked from every page's footer."""

    body = RichTextField(_("body"), features=INFO_PAGE_FEATURES)
    last_reviewed: models.DateField[date | None, date | None] = models.DateField(
        _("last reviewed"), null=True, blank=True, help_text=_("Shown on the page: when its content was last checked.")
    )

    content_panels = Page.content_panels + [FieldPanel("body"), FieldPanel("last_reviewed")]
    parent_page_types = ["core.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
