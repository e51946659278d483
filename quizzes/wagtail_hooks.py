"""Admin wiring for quizzes: the question bank as a snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import QuestionBankItem


class QuestionBankItemViewSet(SnippetViewSet):
    model = QuestionBankItem
    icon = "folder-open-inverse"
    menu_label = _("Question bank")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["title", "topic", "question_type", "updated_at"]
    list_filter = ["topic"]
    search_fields = ["title", "topic"]
    search_backend_name = None  # plain ORM search; bank items are not in the search index


register_snippet(QuestionBankItemViewSet)
