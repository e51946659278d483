"""Mark course content with its own language when the interface speaks another.

The course is written in French; a learner who chose the English interface still reads French lessons,
and a screen reader must read them with a French voice (WCAG 3.1.2, RGAA 8.7).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content_lang() -> str:
    """`` lang="fr"`` when the active interface language is not the content's language, else nothing."""
    language = settings.CONTENT_LANGUAGE
    if (get_language() or settings.LANGUAGE_CODE).split("-")[0] == language:
        return ""
    return format_html(' lang="{}"', language)
