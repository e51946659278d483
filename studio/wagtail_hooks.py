"""Admin wiring for the post studio: each network's facts as snippets (the charter is a site setting)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PlatformFacts


class PlatformFactsViewSet(SnippetViewSet):
    model = PlatformFacts
    icon = "table"
    menu_label = _("Platform facts")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["label", "max_length", "max_hashtags", "checked_on", "freshness_display"]
    search_fields = ["label", "code", "notes"]
    ordering = ["checked_on"]


register_snippet(PlatformFactsViewSet)
