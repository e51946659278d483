"""Markdown to the HTML that Wagtail's rich text stores, and to plain text."""

import re
from html import unescape

import markdown as markdown_lib
import nh3
from django.utils.html import strip_tags

from core.typography import french_typography

# Wagtail's rich text database format for the features lessons allow (core.richtext.RICH_TEXT_FEATURES).
_ALLOWED_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "br"}
_ALLOWED_ATTRIBUTES = {"a": {"href"}}
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+\.)\s")
_TAG_RENAMES = (("<strong>", "<b>"), ("</strong>", "</b>"), ("<em>", "<i>"), ("</em>", "</i>"))


def _separate_lists(text: str) -> str:
    """Python-Markdown needs a blank line before a list; authors often omit it."""
    lines = text.split("\n")
    result: list[str] = []
    for line in lines:
        previous = result[-1] if result else ""
        follows_prose = previous.strip() and not _LIST_ITEM.match(previous) and not previous.startswith((" ", "\t"))
        if _LIST_ITEM.match(line) and follows_prose:
            result.append("")
        result.append(line)
    return "\n".join(result)


def markdown_to_rich_text(text: str, *, headings: bool = False) -> str:
    """Block-level Markdown (paragraphs, lists, bold, italic, links) as Wagtail rich text HTML.

    ``headings`` keeps ``##`` and ``###`` as h2 and h3 (for fields that allow them). Raw HTML in the source
    is escaped by nh3's allow-list, never passed through.
    """
    html = markdown_lib.markdown(_separate_lists(french_typography(text.strip())))
    for old, new in _TAG_RENAMES:
        html = html.replace(old, new)
    tags = _ALLOWED_TAGS | {"h2", "h3"} if headings else _ALLOWED_TAGS
    return nh3.clean(html, tags=tags, attributes=_ALLOWED_ATTRIBUTES, link_rel=None).strip()


def markdown_to_plain_text(text: str) -> str:
    """Inline Markdown rendered, then reduced to text (for fields that are not rich text)."""
    html = markdown_lib.markdown(french_typography(str(text).strip()))
    return unescape(strip_tags(html)).strip()
