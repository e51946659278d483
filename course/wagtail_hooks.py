"""Admin wiring for the course app: learning paths as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import LearningPath


class LearningPathViewSet(SnippetViewSet):
    model = LearningPath
    icon = "list-ol"
    menu_label = _("Learning paths")
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "role", "issues_certificate"]
    list_filter = ["role"]
    search_fields = ["title", "description"]


register_snippet(LearningPathViewSet)
