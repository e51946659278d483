"""The site's home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class HomePage(Page):
    """Root of the public site: what Lumière is, for whom, and where to start."""

    intro = models.TextField(_("introduction"), blank=True, help_text=_("Shown under the title on the home page."))

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["course.CourseIndexPage"]

    class Meta:
        verbose_name = _("home page")
